// The council's register of providers: GET /api/v1/providers (and one by id)
// for everyone who plans support, POST and PUT for administrators. A provider
// account reads only its own organisation's entry.
#include "api/json.hpp"
#include "api/routes.hpp"
#include "services/providers_service.hpp"
#include "storage/repositories/providers_repository.hpp"

namespace patchwork::api {
namespace {

json::object provider_json(const providers::Provider& p) {
  return json::object{{"id", p.id.value()},
                      {"name", p.name},
                      {"kind", p.kind},
                      {"kind_label", people::label_for(providers::provider_kinds(), p.kind)},
                      {"cqc_location_id", optional_text(p.cqc_location_id)},
                      {"phone", p.phone},
                      {"email", p.email},
                      {"address", p.address}};
}

// A provider account sees its own organisation and no other: the register's
// other entries are its competitors' details, and nothing it needs.
bool may_see(const accounts::User& user, ProviderId id) {
  return user.role != access::Role::Provider || user.provider_id == id;
}

// The members an entry is sent with; "id" and "kind_label" are what GET shows
// beside them, so an entry read and sent back whole is not refused for them.
std::optional<http::Response> unknown_in_entry(const std::map<std::string, std::string>& fields) {
  return unknown_members(fields, {"name", "kind", "cqc_location_id", "phone", "email", "address", "id", "kind_label"},
                         "a provider's entry");
}

http::Response not_found() { return http::Response::problem(404, "Not found", "There is no such provider on this council's register."); }

http::Response list(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewProviders);
  if (!d.allowed()) return http::Response::problem(403, "Forbidden", d.reason);
  const auto& user = ctx.signed_in_user();
  json::array items;
  for (const auto& p : storage::list_providers(ctx.db(), user.council_id))
    if (may_see(user, p.id)) items.push_back(provider_json(p));
  return json_response(json::object{{"providers", std::move(items)}});
}

http::Response show(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewProviders);
  if (!d.allowed()) return http::Response::problem(403, "Forbidden", d.reason);
  const auto& user = ctx.signed_in_user();
  auto id = ctx.request.path_id("id");
  // Another council's provider is never found; another organisation's entry,
  // for a provider account, is answered the same way, so ids reveal nothing.
  auto p = id ? storage::find_provider(ctx.db(), user.council_id, ProviderId(*id)) : std::nullopt;
  if (!p || !may_see(user, p->id)) return not_found();
  return json_response(provider_json(*p));
}

http::Response add(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageProviders);
  if (!d.allowed()) return http::Response::problem(403, "Forbidden", d.reason);
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto refused = unknown_in_entry(*fields)) return *refused;
  const auto council = ctx.signed_in_user().council_id;
  auto id = services::add_provider(ctx.db(), council, *fields);
  if (!id) return validation_problem(id.error());
  ctx.audit(audit::AuditAction::AddProvider, std::nullopt, access::Outcome::Allowed, "provider " + id->text());
  auto r = json_response(provider_json(*storage::find_provider(ctx.db(), council, *id)), 201);
  r.set_header("Location", "/api/v1/providers/" + id->text());
  return r;
}

// PUT: the whole entry, as POST takes it.
http::Response replace(http::Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageProviders);
  if (!d.allowed()) return http::Response::problem(403, "Forbidden", d.reason);
  const auto council = ctx.signed_in_user().council_id;
  auto id = ctx.request.path_id("id");
  if (!id || !storage::find_provider(ctx.db(), council, ProviderId(*id))) return not_found();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto refused = unknown_in_entry(*fields)) return *refused;
  auto changed = services::change_provider(ctx.db(), council, ProviderId(*id), *fields);
  if (!changed) return validation_problem(changed.error());
  ctx.audit(audit::AuditAction::ChangeProvider, std::nullopt, access::Outcome::Allowed, "provider " + std::to_string(*id));
  return json_response(provider_json(*changed));
}

}  // namespace

void add_providers_api(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(http::Surface::Api, std::move(h)); };
  d.add(http::Method::Get, "/api/v1/providers", route(list));
  d.add(http::Method::Post, "/api/v1/providers", route(add));
  d.add(http::Method::Get, "/api/v1/providers/{id}", route(show));
  d.add(http::Method::Put, "/api/v1/providers/{id}", route(replace));
}

}  // namespace patchwork::api
