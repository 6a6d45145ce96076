// The council's register of providers, kept by administrators at
// /admin/providers: the list, adding a provider and changing one. Every look is
// decided by the policy (ManageProviders) and every change is audited.
#include "core/text.hpp"
#include "services/providers_service.hpp"
#include "storage/repositories/providers_repository.hpp"
#include "web/forms.hpp"
#include "web/people/person_pages.hpp"
#include "web/render.hpp"
#include "web/routes.hpp"

namespace patchwork::web {
namespace {

using http::Context;
using http::Method;
using http::Response;
using http::Surface;

constexpr const char* kFieldNames[] = {"name", "kind", "cqc_location_id", "phone", "email", "address"};

people::Fields posted_fields(const http::Request& r) {
  people::Fields f;
  for (auto name : kFieldNames) f[name] = r.form_value(name);
  return f;
}

people::Fields stored_fields(const providers::Provider& p) {
  return {{"name", p.name}, {"kind", p.kind}, {"cqc_location_id", p.cqc_location_id.value_or("")},
          {"phone", p.phone}, {"email", p.email}, {"address", p.address}};
}

List provider_fields(const people::Fields& v, const ErrorMap& e) {
  List l;
  l.push_back(text_field({"name", "Name of the organisation or person", ""}, v.at("name"), e, "govuk-!-width-two-thirds", "organization"));
  l.push_back(radios_field({"kind", "What kind of provider is it?", ""}, code_options(providers::provider_kinds()), v.at("kind"), e));
  l.push_back(text_field({"cqc_location_id", "CQC location ID (if registered)",
                          "Services that give personal care are registered with the Care Quality Commission. The location ID is "
                          "on the CQC's page for the service and looks like 1-123456789. Leave it empty if the service is not registered."},
                         v.at("cqc_location_id"), e, "govuk-input--width-20"));
  l.push_back(text_field({"phone", "Phone number (optional)", ""}, v.at("phone"), e, "govuk-input--width-20", "tel"));
  l.push_back(text_field({"email", "Email address (optional)", ""}, v.at("email"), e, "govuk-!-width-two-thirds", "email"));
  l.push_back(textarea_field({"address", "Address (optional)", ""}, v.at("address"), e));
  return l;
}

Response provider_form(Context& ctx, const std::string& heading, const std::string& submit, const people::Fields& values,
                       const FieldErrors& errors) {
  FormPage form{heading, "Register of providers", heading,
                "Plans name providers from this register. Only administrators change it.",
                ctx.request.path == "/admin/providers/new" ? "/admin/providers" : ctx.request.path, submit, "/admin/providers"};
  form.fields = provider_fields(values, error_map(errors));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response refused(Context& ctx, const access::Decision& d) {
  return error_page(ctx, 403, "You cannot change the register of providers", d.reason);
}

Response list_page(Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageProviders);
  if (!d.allowed()) return refused(ctx, d);
  const auto council = ctx.signed_in_user().council_id;
  List rows;
  for (const auto& p : storage::list_providers(ctx.db(), council)) {
    Object o{{"name", p.name}, {"kind", people::label_for(providers::provider_kinds(), p.kind)},
             {"cqc", p.cqc_location_id.value_or("Not registered")}, {"edit_href", "/admin/providers/" + p.id.text()}};
    auto accounts = storage::provider_account_count(ctx.db(), council, p.id);
    o["accounts"] = accounts == 1 ? std::string("1 account") : std::to_string(accounts) + " accounts";
    if (!p.phone.empty()) o["phone"] = p.phone;
    if (!p.email.empty()) o["email"] = p.email;
    rows.push_back(o);
  }
  Data content;
  content.set("providers", rows);
  if (rows.empty()) content.set("none", true);
  return page(ctx, "providers/register", content, "Register of providers");
}

Response new_page(Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageProviders);
  if (!d.allowed()) return refused(ctx, d);
  people::Fields empty;
  for (auto name : kFieldNames) empty[name] = "";
  return provider_form(ctx, "Add a provider", "Add to the register", empty, {});
}

Response create(Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageProviders);
  if (!d.allowed()) return refused(ctx, d);
  auto fields = posted_fields(ctx.request);
  auto id = services::add_provider(ctx.db(), ctx.signed_in_user().council_id, fields);
  if (!id) return provider_form(ctx, "Add a provider", "Add to the register", fields, id.error());
  ctx.audit(audit::AuditAction::AddProvider, std::nullopt, access::Outcome::Allowed, "provider " + id->text());
  return Response::redirect("/admin/providers");
}

// The council's provider named by the route, or nothing: another council's is
// never found (404, as for an id that does not exist).
std::optional<providers::Provider> provider_in_route(Context& ctx) {
  auto id = ctx.request.path_id("id");
  if (!id) return std::nullopt;
  return storage::find_provider(ctx.db(), ctx.signed_in_user().council_id, ProviderId(*id));
}

Response edit_page(Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageProviders);
  if (!d.allowed()) return refused(ctx, d);
  auto p = provider_in_route(ctx);
  if (!p) return error_page(ctx, 404, "Page not found", "There is no such provider on this council's register.");
  return provider_form(ctx, "Change " + p->name, "Save changes", stored_fields(*p), {});
}

Response update(Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageProviders);
  if (!d.allowed()) return refused(ctx, d);
  auto p = provider_in_route(ctx);
  if (!p) return error_page(ctx, 404, "Page not found", "There is no such provider on this council's register.");
  auto fields = posted_fields(ctx.request);
  auto changed = services::change_provider(ctx.db(), p->council_id, p->id, fields);
  if (!changed) return provider_form(ctx, "Change " + p->name, "Save changes", fields, changed.error());
  ctx.audit(audit::AuditAction::ChangeProvider, std::nullopt, access::Outcome::Allowed, "provider " + p->id.text());
  return Response::redirect("/admin/providers");
}

}  // namespace

void add_provider_pages(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Page, std::move(h)); };
  d.add(Method::Get, "/admin/providers", route(list_page));
  d.add(Method::Post, "/admin/providers", route(create));
  d.add(Method::Get, "/admin/providers/new", route(new_page));
  d.add(Method::Get, "/admin/providers/{id}", route(edit_page));
  d.add(Method::Post, "/admin/providers/{id}", route(update));
}

}  // namespace patchwork::web
