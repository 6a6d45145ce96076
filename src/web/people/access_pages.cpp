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
#include "storage/repositories/person_records_repository.hpp"
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

// Whom a give or withdraw page is about: the person themself ("for=person") or
// a carer or representative on their record ("relationship=N", with
// "for=relationship" in the form). Nothing is assumed: a link or form that
// says neither, or an id that is not a whole positive number, is refused.
struct Target {
  std::optional<std::int64_t> relationship_id;
};

std::optional<Target> target_of(const std::string& for_value, const std::string& relationship) {
  if (for_value == "person" && relationship.empty()) return Target{};
  if ((for_value.empty() || for_value == "relationship") && !relationship.empty())
    if (auto id = parse_id(relationship)) return Target{*id};
  return std::nullopt;
}

std::optional<Target> target_in_query(const Context& ctx) {
  auto get = [&](const char* key) {
    auto it = ctx.request.query.find(key);
    return it == ctx.request.query.end() ? std::string() : it->second;
  };
  return target_of(get("for"), get("relationship"));
}

std::optional<Target> target_in_form(const Context& ctx) {
  return target_of(ctx.request.form_value("for"), ctx.request.form_value("relationship"));
}

// The hidden fields that carry the target through the form.
std::vector<std::pair<std::string, std::string>> target_fields(const Target& t) {
  if (!t.relationship_id) return {{"for", "person"}};
  return {{"for", "relationship"}, {"relationship", std::to_string(*t.relationship_id)}};
}

std::string no_target(const people::Person& person) {
  return "This page does not say who it is for. Go back to " + person.full_name() + "'s record and choose the link beside the person again";
}

// Who the account is for and what they will be able to do, for the form's lead.
struct Recipient {
  std::string name;
  std::string may_do;
  std::string proposed_username;
  std::string problem;
  std::optional<accounts::User> account;  // their account, when they have one in use
  bool awaiting_setup = false;            // ...never set up: giving access again makes a new code
};

Recipient recipient(Context& ctx, const people::Person& person, const Target& target) {
  auto& db = ctx.db();
  const std::string withdraw_first = " and has set it up. To stop it working, withdraw their access from the record; then you can give access again";
  if (!target.relationship_id) {
    Recipient r{person.full_name(), person.full_name() + " will be able to see their own record and fill in their self-assessment.",
                services::propose_username(db, person.full_name()), {}, storage::budget_holder_account(db, person.council_id, person.id)};
    if (r.account) {
      r.awaiting_setup = storage::never_set_up(db, person.council_id, r.account->id);
      if (!r.awaiting_setup) r.problem = person.full_name() + " already has a Patchwork account (" + r.account->username + ")" + withdraw_first;
    }
    return r;
  }
  for (const auto& [rel, derived] : services::relationships_with_scope(db, person, CivilDate::today_utc())) {
    if (rel.id != *target.relationship_id) continue;
    Recipient r{rel.name, {}, services::propose_username(db, rel.name), {}, {}};
    for (const auto& reason : derived.reasons) r.may_do += (r.may_do.empty() ? "" : " ") + rel.name + " " + reason + ".";
    if (rel.user_id) r.account = storage::find_user(db, person.council_id, *rel.user_id);
    if (r.account) r.awaiting_setup = r.account->active && storage::never_set_up(db, person.council_id, r.account->id);
    if (!derived.scope.any()) r.problem = "An account would give " + rel.name + " no access: they " + derived.reasons.front();
    else if (r.account && !r.awaiting_setup) r.problem = rel.name + " already has a Patchwork account (" + r.account->username + ")" + withdraw_first;
    return r;
  }
  return {{}, {}, {}, "Choose a carer or representative recorded on " + person.full_name() + "'s record", {}};
}

Response access_form(Context& ctx, const people::Person& person, const Target& target, const FieldErrors& errors, int status) {
  auto who = recipient(ctx, person, target);
  if (!who.problem.empty() && errors.empty()) return error_page(ctx, 404, "Access cannot be given", who.problem);
  const std::string action = "/people/" + person.id.text() + "/access/new";
  FormPage form;
  if (who.awaiting_setup) {
    form = {"Make a new setup code", person.full_name(), "Make a new setup code for " + who.name,
            who.name + " has a Patchwork account (" + who.account->username + ") that has not been set up yet. A new code "
            "replaces the one made before, which stops working at once: use this when the letter is lost, has expired, or may "
            "be in the wrong hands. " + who.may_do + " The new code is shown once: print the letter, or give them the code in person.",
            action, "Make a new setup code", "/people/" + person.id.text()};
  } else {
    form = {"Give access to Patchwork", person.full_name(), "Give " + who.name + " access to Patchwork",
            who.may_do + " Patchwork makes the account and a setup code, which is shown once: print the letter, or give "
            "them the code in person. They choose their own password with it. The code works once, and expires after 14 days.",
            action, "Make the account and setup code", "/people/" + person.id.text()};
    const std::string username = ctx.request.method == Method::Post ? ctx.request.form_value("username") : who.proposed_username;
    form.fields.push_back(text_field({"username", "Their username", "We have suggested one. Usernames are unique in the whole country: "
                                      "lower-case letters, numbers, dots and hyphens"},
                                     username, error_map(errors), "govuk-!-width-one-half", "off"));
  }
  form.hidden = target_fields(target);
  return form_page(ctx, form, errors, status);
}

Response give_access_form(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  auto target = target_in_query(ctx);
  if (!target) return error_page(ctx, 404, "Access cannot be given", no_target(*person));
  return access_form(ctx, *person, *target, {}, 200);
}

std::string refusal_reason(const FieldErrors& errors) {
  std::string out;
  for (const auto& e : errors) out += (out.empty() ? "" : "; ") + e.field + ": " + e.message;
  return clip_utf8(out, 500);
}

Response give_access_submit(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  auto target = target_in_form(ctx);
  if (!target) {
    ctx.audit(audit::AuditAction::GiveAccess, person->id, access::Outcome::Refused, "for: the form did not say who access is for");
    return error_page(ctx, 422, "Access cannot be given", no_target(*person));
  }
  auto given = services::give_access(ctx.db(), *person, ctx.signed_in_user(), target->relationship_id, ctx.request.form_value("username"),
                                     ctx.settings.hash_strength, CivilDate::today_utc());
  if (!given) {
    ctx.audit(audit::AuditAction::GiveAccess, person->id, access::Outcome::Refused, refusal_reason(given.error()));
    return access_form(ctx, *person, *target, given.error(), 422);
  }
  ctx.audit(audit::AuditAction::GiveAccess, person->id, access::Outcome::Allowed,
            (given->new_code ? "made a new setup code (the earlier one no longer works) for the " : "made the ") +
                std::string(access::role_code(given->user.role)) + " account " + given->user.username + " for " + given->for_name +
                (given->new_code ? ", not yet set up; it expires " : ", with a setup code that expires ") + given->expires_at);
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
  // The address comes from --public-url, never from the request's Host header,
  // which whoever sent the request chose: a letter must not send someone to a
  // look-alike site. Without it, the letter names the page's path only.
  if (!ctx.settings.public_url.empty()) content.set("setup_address", ctx.settings.public_url + "/account/setup");
  if (given->new_code) content.set("new_code", true);
  content.set("worker", ctx.signed_in_user().display_name);
  // A number to ring, as on the decision letter: "ask us" means nothing without one.
  const auto& signed_in = ctx.signed_in_user();
  if (auto phone = storage::work_phone(ctx.db(), signed_in.council_id, signed_in.id); !phone.empty()) content.set("worker_phone", phone);
  return page(ctx, "people/access_letter", content, "Setup letter for " + given->for_name);
}

// --- withdrawing access: for a letter or account that may be in the wrong hands ---

struct Holder {
  std::string name;
  std::optional<accounts::User> account;
};

Holder holder(Context& ctx, const people::Person& person, const Target& target) {
  auto& db = ctx.db();
  if (!target.relationship_id) return {person.full_name(), storage::budget_holder_account(db, person.council_id, person.id)};
  for (const auto& rel : storage::list_relationships(db, person.council_id, person.id))
    if (rel.id == *target.relationship_id)
      return {rel.name, rel.user_id ? storage::find_user(db, person.council_id, *rel.user_id) : std::nullopt};
  return {};
}

Response withdraw_form(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  auto target = target_in_query(ctx);
  if (!target) return error_page(ctx, 404, "Access cannot be withdrawn", no_target(*person));
  auto who = holder(ctx, *person, *target);
  if (!who.account) return error_page(ctx, 404, "Access cannot be withdrawn", (who.name.empty() ? "That carer or representative" : who.name) +
                                                                                  " has no Patchwork account from " + person->full_name() + "'s record");
  FormPage form{"Withdraw access to Patchwork", person->full_name(), "Withdraw " + who.name + "'s access to Patchwork",
                who.name + " (username " + who.account->username + ") will no longer be able to see or act on " + person->full_name() +
                    "'s record, from now. Any setup code not yet used stops working. " +
                    (target->relationship_id ? "If they represent no one else, their account is closed and anyone signed in with it is signed out. "
                                             : "Their account is closed and anyone signed in with it is signed out. ") +
                    "You can give access again afterwards: that makes a new account, with a new username and setup code.",
                "/people/" + person->id.text() + "/access/withdraw", "Withdraw access", "/people/" + person->id.text()};
  form.hidden = target_fields(*target);
  return form_page(ctx, form, {}, 200);
}

Response withdraw_submit(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  auto target = target_in_form(ctx);
  if (!target) {
    ctx.audit(audit::AuditAction::WithdrawAccess, person->id, access::Outcome::Refused, "for: the form did not say whose access");
    return error_page(ctx, 422, "Access cannot be withdrawn", no_target(*person));
  }
  auto withdrawn = services::withdraw_access(ctx.db(), *person, target->relationship_id);
  if (!withdrawn) {
    ctx.audit(audit::AuditAction::WithdrawAccess, person->id, access::Outcome::Refused, refusal_reason(withdrawn.error()));
    return error_page(ctx, 422, "Access cannot be withdrawn", withdrawn.error().front().message);
  }
  ctx.audit(audit::AuditAction::WithdrawAccess, person->id, access::Outcome::Allowed, withdrawal_reason(*withdrawn));
  return Response::redirect("/people/" + person->id.text());
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
  d.add(Method::Get, "/people/{id}/access/withdraw", http::signed_in(Surface::Page, withdraw_form));
  d.add(Method::Post, "/people/{id}/access/withdraw", http::signed_in(Surface::Page, withdraw_submit));
  d.add(Method::Get, "/account/setup", {setup_form, Surface::Page, Access::Public, Tx::Read});
  d.add(Method::Post, "/account/setup", {setup_submit, Surface::Page, Access::Public, Tx::Write});
}

}  // namespace patchwork::web
