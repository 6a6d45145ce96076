// The start page, signing in and out, and each role's home page.
#include "core/date.hpp"
#include "core/money.hpp"
#include "storage/repositories/providers_repository.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/plans_repository.hpp"
#include "storage/repositories/assessment_repository.hpp"
#include "http/return_path.hpp"
#include "http/sessions.hpp"
#include "services/person_access.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "web/budgets/budget_pages.hpp"
#include "web/planning/plan_pages.hpp"
#include "web/planning/review_pages.hpp"
#include "web/people/person_pages.hpp"
#include "web/people/person_view.hpp"
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

// Only a page of this site may follow sign-in, never another site's address
// nor anything that could end the Location header early: the home page otherwise.
std::string safe_next(const Context& ctx, const std::string& next) {
  return http::local_return_path(next, ctx.page_exists).value_or("/home");
}

Response start(Context& ctx) {
  Data content;
  content.set("service_name", ctx.settings.service_name);
  if (ctx.user()) content.set("signed_in", true);
  return page(ctx, "start", content, "Personal budgets for adult social care");
}

Response sign_in_form(Context& ctx) {
  if (ctx.user()) return Response::redirect("/home");
  Data content;
  auto next = ctx.request.query.find("next");
  content.set("next", next == ctx.request.query.end() ? std::string("/home") : safe_next(ctx, next->second));
  return page(ctx, "sign_in", content, "Sign in");
}

Response sign_in_submit(Context& ctx) {
  const auto& r = ctx.request;
  std::string username = r.form_value("username");
  std::string password = r.form_value("password");
  FieldErrors errors;
  if (trim(username).empty()) errors.push_back({"username", "Enter your username"});
  if (password.empty()) errors.push_back({"password", "Enter your password"});
  if (errors.empty()) {
    auto outcome = http::sign_in(ctx, username, password);
    if (outcome.result == http::SignInResult::SignedIn) return Response::redirect(safe_next(ctx, r.form_value("next")));
    errors.push_back({"username", outcome.message});
  }
  Data content;
  content.set("username", username);
  content.set("next", safe_next(ctx, r.form_value("next")));
  add_errors(content, errors);
  // 200 with the form again (the GOV.UK pattern); the failed attempt and its
  // audit entry are kept, whatever the status.
  return page(ctx, "sign_in", content, "Sign in", 200);
}

Response sign_out_submit(Context& ctx) {
  http::sign_out(ctx);
  return Response::redirect("/signed-out");
}

Response signed_out(Context& ctx) {
  Data content;
  return page(ctx, "signed_out", content, "You have signed out");
}

// The budget holder's own support plan and personal budget in force today
// (#15), each asked of the policy (and so audited) as its own page would.
// Plain words, amounts a week, and links to the plan, the budget and the
// budget letter.
void add_own_plan_and_budget(Context& ctx, PersonId person_id, Data& content) {
  auto& db = ctx.db();
  const auto today = CivilDate::today_utc();
  if (auto person = ctx.person_for(access::Action::ViewPlan, person_id)) {
    auto plans = storage::plans_in_force(db, person->council_id, person->id, today);
    if (!plans.empty()) {
      const auto& plan = plans.front();
      content.set("plan_id", std::to_string(plan.id));
      if (plan.effective_from) content.set("plan_from", plan.effective_from->display());
      if (auto totals = planning::plan_totals(plan)) content.set("plan_weekly", totals->plan.weekly.display());
    }
  }
  if (auto person = ctx.person_for(access::Action::ViewBudget, person_id)) {
    if (auto budget = storage::find_budget_on(db, person->council_id, person->id, today)) {
      content.set("budget_version", std::to_string(budget->version));
      content.set("budget_weekly", budget->weekly.display());
      content.set("budget_from", budget->effective_from.display());
      List parts;
      for (const auto& part : budget->parts) {
        std::string how = "arranged by the council";
        if (part.mechanism == budgets::Mechanism::DirectPayment)
          how = part.direct_payment && part.direct_payment->recipient != budgets::Recipient::Person
                    ? "a direct payment to " + part.direct_payment->recipient_name
                    : "a direct payment to you, to arrange your own support";
        else if (part.mechanism == budgets::Mechanism::IndividualServiceFund)
          how = "an individual service fund: a provider holds the money and arranges support as you choose";
        parts.push_back(Object{{"weekly", part.weekly.display()}, {"how", how}});
      }
      content.set("budget_parts", parts);
    }
  }
}

Response home(Context& ctx) {
  const auto& user = ctx.signed_in_user();
  auto& db = ctx.db();
  Data content;
  content.set("user_name", user.display_name);
  content.set("council_name", ctx.council()->name);
  using access::Role;
  switch (user.role) {
    case Role::SocialWorker: {
      content.set("people", people_list(ctx.list_people(storage::caseload(db, user.council_id, user.id), "your caseload"), "People allocated to you", "No one is allocated to you yet. Your team manager allocates people."));
      ctx.audit(audit::AuditAction::ViewCaseload, std::nullopt, access::Outcome::Allowed, "own caseload");
      add_interim_reviews(ctx, user.id, content);
      add_plans_to_act_on(ctx, user.id, content);
      add_reviews_due(ctx, user.id, content);
      return page(ctx, "home/social_worker", content, "Your caseload");
    }
    case Role::TeamManager: {
      content.set("people", people_list(ctx.list_people(storage::recent_people(db, user.council_id, 50), "recently recorded people"), "Recently recorded people", "No one has been recorded yet."));
      ctx.audit(audit::AuditAction::ViewCouncilPeople, std::nullopt, access::Outcome::Allowed, "team manager's list");
      add_interim_reviews(ctx, std::nullopt, content);
      add_plans_to_act_on(ctx, std::nullopt, content);
      add_reviews_due(ctx, std::nullopt, content);
      return page(ctx, "home/team_manager", content, "Your team");
    }
    case Role::Representative: {
      content.set("people", people_list(ctx.list_people(storage::represented_people(db, user.council_id, user.id), "the people you help"), "People you can help", "You are not linked to anyone yet."));
      ctx.audit(audit::AuditAction::ViewRepresentedPeople, std::nullopt, access::Outcome::Allowed, "people this representative is linked to");
      return page(ctx, "home/representative", content, "People you help");
    }
    case Role::BudgetHolder: {
      if (user.person_id) {
        if (auto person = ctx.person_for(access::Action::ViewPersonRecord, *user.person_id)) {
          content.set("person_id", person->id.text());
          content.set("given_name", person->given_name);
          // The indicative budget and how it was reached, in the person's own view.
          auto allocations = storage::list_allocations(db, person->council_id, person->id);
          if (!allocations.empty() && allocations.front().is_current) {
            content.set("weekly", allocations.front().weekly.display());
            List lines;
            for (const auto& l : allocations.front().explanation) lines.push_back(Object{{"line", l}});
            content.set("budget_lines", lines);
          }
          add_own_plan_and_budget(ctx, *user.person_id, content);
        }
      }
      return page(ctx, "home/budget_holder", content, "Your support");
    }
    case Role::Administrator: {
      content.set("user_count", std::to_string(storage::list_users(db, user.council_id).size()));
      return page(ctx, "home/administrator", content, "Home");
    }
    case Role::Commissioner: {
      auto bands = storage::count_people_by_age_band(db, user.council_id, CivilDate::today_utc());
      content.set("people_18_64", std::to_string(bands.adults_18_64));
      content.set("people_65_plus", std::to_string(bands.older_65_plus));
      content.set("people_under_18", std::to_string(bands.under_18));
      content.set("people_total", std::to_string(bands.adults_18_64 + bands.older_65_plus + bands.under_18));
      content.set("today", CivilDate::today_utc().display());
      ctx.audit(audit::AuditAction::ViewReports, std::nullopt, access::Outcome::Allowed, "council figures on the home page");
      return page(ctx, "home/commissioner", content, "Council figures");
    }
    case Role::Provider:
      // Which organisation on the council's register this account acts for.
      if (user.provider_id)
        if (auto p = storage::find_provider(db, user.council_id, *user.provider_id)) content.set("organisation", p->name);
      // Exactly the people an approved plan in force today names the
      // organisation for; each shown through the person projection (contact
      // details only) and audited as listed, like every other list of people.
      content.set("people", people_list(ctx.list_people(services::people_supported_by(db, user), "the people a provider supports"),
                                        "People your organisation supports",
                                        "No one's plan names your organisation at the moment. When a person's approved plan names "
                                        "your organisation for some of their support, they are listed here."));
      ctx.audit(audit::AuditAction::ViewSupportedPeople, std::nullopt, access::Outcome::Allowed, "people named to this provider by plans in force");
      return page(ctx, "home/provider", content, "People you support");
    case Role::SafeguardingLead:
      return page(ctx, "home/safeguarding_lead", content, "Home");
    case Role::FinanceOfficer:
      return page(ctx, "home/finance_officer", content, "Home");
    case Role::HeadOfService:
      return page(ctx, "home/head_of_service", content, "Home");
  }
  return page(ctx, "home/provider", content, "Home");
}

// Team managers: every social worker's caseload, and each one in full.
Response caseloads(Context& ctx) {
  auto decision = ctx.authorize(access::Action::ViewCaseloads);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot see every caseload", decision.reason);
  const auto council = ctx.signed_in_user().council_id;
  List workers;
  for (const auto& w : storage::caseload_sizes(ctx.db(), council))
    workers.push_back(Object{{"href", "/caseloads/" + w.user_id.text()}, {"name", w.name}, {"people", std::to_string(w.people)}});
  Data content;
  content.set("workers", workers);
  if (workers.empty()) content.set("none", true);
  return page(ctx, "home/caseloads", content, "Caseloads");
}

Response worker_caseload(Context& ctx) {
  auto decision = ctx.authorize(access::Action::ViewCaseloads);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot see every caseload", decision.reason);
  const auto council = ctx.signed_in_user().council_id;
  auto id = ctx.request.path_id("user_id");
  auto worker = id ? storage::find_user(ctx.db(), council, UserId(*id)) : std::nullopt;
  if (!worker || worker->role != access::Role::SocialWorker)
    return error_page(ctx, 404, "Page not found", "There is no such social worker.");
  Data content;
  content.set("worker_name", worker->display_name);
  content.set("people", people_list(ctx.list_people(storage::caseload(ctx.db(), council, worker->id), "a worker's caseload"), "People allocated to " + worker->display_name,
                                    "No one is allocated to " + worker->display_name + "."));
  add_interim_reviews(ctx, worker->id, content);
  add_plans_to_act_on(ctx, worker->id, content);
  add_reviews_due(ctx, worker->id, content);
  return page(ctx, "home/worker_caseload", content, worker->display_name + "'s caseload");
}

}  // namespace

void add_shell_pages(http::Dispatcher& d) {
  d.add(Method::Get, "/", {start, Surface::Page, Access::Public, Tx::Read});
  d.add(Method::Get, "/sign-in", {sign_in_form, Surface::Page, Access::Public, Tx::Read});
  d.add(Method::Post, "/sign-in", {sign_in_submit, Surface::Page, Access::Public, Tx::Write});
  d.add(Method::Post, "/sign-out", {sign_out_submit, Surface::Page, Access::Public, Tx::Write});
  d.add(Method::Get, "/signed-out", {signed_out, Surface::Page, Access::Public, Tx::Read});
  d.add(Method::Get, "/home", {home, Surface::Page, Access::SignedIn, Tx::Write});
  d.add(Method::Get, "/caseloads", {caseloads, Surface::Page, Access::SignedIn, Tx::Write});
  d.add(Method::Get, "/caseloads/{user_id}", {worker_caseload, Surface::Page, Access::SignedIn, Tx::Write});
}

}  // namespace patchwork::web
