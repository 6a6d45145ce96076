// Giving access to Patchwork from a person's record (a representative recorded
// on it, or the person themself), and the public page where they set their own
// password with the one-time setup code.
#include "core/date.hpp"
#include "core/text.hpp"
#include "domain/accounts/setup_codes.hpp"
#include "http/sessions.hpp"
#include "services/access_service.hpp"
#include "services/people_service.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "web/forms.hpp"
#include "web/people/person_pages.hpp"
#include "web/render.hpp"
#include "web/routes.hpp"

namespace patchwork::web {
namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;
using http::Surface;
using http::Tx;

std::optional<std::int64_t> relationship_param(const Context& ctx) {
  auto it = ctx.request.query.find("relationship");
  if (it == ctx.request.query.end()) return std::nullopt;
  try {
    return std::stoll(it->second);
  } catch (...) {
    return std::int64_t{0};  // no relationship has id 0: refused as unknown
  }
}

// Who the account is for and what they will be able to do, for the form's lead.
struct Recipient { std::string name; std::string may_do; std::string proposed_username; std::string problem; };

Recipient recipient(Context& ctx, const people::Person& person, std::optional<std::int64_t> rid) {
  auto& db = ctx.db();
  if (!rid) {
    Recipient r{person.full_name(), person.full_name() + " will be able to see their own record and fill in their self-assessment.",
                services::propose_username(db, person.full_name()), {}};
    if (auto existing = storage::budget_holder_of(db, person.council_id, person.id))
      r.problem = person.full_name() + " already has a Patchwork account (" + *existing + ")";
    return r;
  }
  for (const auto& [rel, derived] : services::relationships_with_scope(db, person, CivilDate::today_utc())) {
    if (rel.id != *rid) continue;
    Recipient r{rel.name, {}, services::propose_username(db, rel.name), {}};
    for (const auto& reason : derived.reasons) r.may_do += (r.may_do.empty() ? "" : " ") + rel.name + " " + reason + ".";
    if (rel.user_id) r.problem = rel.name + " already has a Patchwork account";
    else if (!derived.scope.any()) r.problem = "An account would give " + rel.name + " no access: they " + derived.reasons.front();
    return r;
  }
  return {{}, {}, {}, "Choose a carer or representative recorded on " + person.full_name() + "'s record"};
}

Response access_form(Context& ctx, const people::Person& person, const FieldErrors& errors, int status) {
  const auto rid = relationship_param(ctx);
  auto who = recipient(ctx, person, rid);
  if (!who.problem.empty() && errors.empty()) return error_page(ctx, 404, "Access cannot be given", who.problem);
  const std::string action = "/people/" + person.id.text() + "/access/new" + (rid ? "?relationship=" + std::to_string(*rid) : "");
  FormPage form{"Give access to Patchwork", person.full_name(), "Give " + who.name + " access to Patchwork",
                who.may_do + " Patchwork makes the account and a setup code, which is shown once: print the letter, or give "
                "them the code in person. They choose their own password with it. The code works once, and expires after 14 days.",
                action, "Make the account and setup code", "/people/" + person.id.text()};
  const std::string username = ctx.request.method == Method::Post ? ctx.request.form_value("username") : who.proposed_username;
  form.fields.push_back(text_field({"username", "Their username", "We have suggested one. Usernames are unique in the whole country: "
                                    "lower-case letters, numbers, dots and hyphens"},
                                   username, error_map(errors), "govuk-!-width-one-half", "off"));
  return form_page(ctx, form, errors, status);
}

Response give_access_form(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  return access_form(ctx, *person, {}, 200);
}

Response give_access_submit(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  const auto rid = relationship_param(ctx);
  auto given = services::give_access(ctx.db(), *person, ctx.signed_in_user(), rid, ctx.request.form_value("username"),
                                     ctx.settings.hash_strength, CivilDate::today_utc());
  if (!given) return access_form(ctx, *person, given.error(), 422);
  ctx.audit(audit::AuditAction::GiveAccess, person->id, access::Outcome::Allowed,
            "made the " + std::string(access::role_code(given->user.role)) + " account " + given->user.username + " for " +
                given->for_name + ", with a setup code that expires " + given->expires_at);
  // The letter, with the code: shown this once, never stored in words.
  Data content;
  content.set("person_href", "/people/" + person->id.text());
  content.set("person_name", person->full_name());
  content.set("council_name", ctx.council() ? ctx.council()->name : std::string());
  content.set("for_name", given->for_name);
  content.set("username", given->user.username);
  content.set("code", given->setup_code);
  content.set("expires_on", given->use_by.display());
  // The letter speaks to them: "You may act on care and support because ...".
  List may_do;
  if (given->own_account) may_do.push_back(Object{{"line", "You may see your own record and fill in your self-assessment."}});
  else
    for (const auto& reason : given->reasons) may_do.push_back(Object{{"line", "You " + reason + "."}});
  content.set("may_do", may_do);
  if (given->own_account) content.set("own_account", true);
  content.set("today", CivilDate::today_utc().display());
  std::string host(ctx.request.header("host"));
  content.set("setup_address", (ctx.cookies_secure() ? "https://" : "http://") + (host.empty() ? std::string("this service") : host) + "/account/setup");
  content.set("worker", ctx.signed_in_user().display_name);
  return page(ctx, "people/access_letter", content, "Setup letter for " + given->for_name);
}

// --- the public page: set up your account with the code ---

Response setup_page(Context& ctx, const FieldErrors& errors, int status) {
  Data content;
  content.set("username", ctx.request.form_value("username"));
  add_errors(content, errors);
  return page(ctx, "account_setup", content, "Set up your account", status);
}

Response setup_form(Context& ctx) {
  if (ctx.user()) return Response::redirect("/home");
  return setup_page(ctx, {}, 200);
}

Response setup_submit(Context& ctx) {
  const auto& r = ctx.request;
  // Everything missing is named at once, before anything is checked.
  FieldErrors missing;
  if (trim(r.form_value("username")).empty()) missing.push_back({"username", "Enter the username in your letter"});
  if (trim(r.form_value("code")).empty()) missing.push_back({"code", "Enter the setup code in your letter"});
  if (r.form_value("password").empty()) missing.push_back({"password", "Choose a password"});
  if (r.form_value("confirm_password").empty()) missing.push_back({"confirm_password", "Type the password again"});
  if (!missing.empty()) return setup_page(ctx, missing, 200);
  auto outcome = http::set_up_account(ctx, r.form_value("username"), r.form_value("code"), r.form_value("password"),
                                      r.form_value("confirm_password"));
  if (outcome.result == http::SignInResult::SignedIn) return Response::redirect("/home");
  // 200 with the form again, as sign-in does: the failed attempt and its audit
  // entry are kept.
  return setup_page(ctx, {{outcome.field, outcome.message}}, 200);
}

}  // namespace

void add_access_pages(http::Dispatcher& d) {
  d.add(Method::Get, "/people/{id}/access/new", http::signed_in(Surface::Page, give_access_form));
  d.add(Method::Post, "/people/{id}/access/new", http::signed_in(Surface::Page, give_access_submit));
  d.add(Method::Get, "/account/setup", {setup_form, Surface::Page, Access::Public, Tx::Read});
  d.add(Method::Post, "/account/setup", {setup_submit, Surface::Page, Access::Public, Tx::Write});
}

}  // namespace patchwork::web
