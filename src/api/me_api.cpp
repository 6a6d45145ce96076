// /api/v1/me: the budget holder's own information, and the same for the
// people they allow (issue #17, docs/my-pages.md), the data of the /my pages:
//   GET  /api/v1/me/people                              whose information this account may see
//   GET  /api/v1/me/people/{id}/budget                  view_budget
//   GET  /api/v1/me/people/{id}/money?from=&to=         view_ledger (dates YYYY-MM-DD; default the last 28 days)
//   GET  /api/v1/me/people/{id}/plan                    view_plan
//   GET  /api/v1/me/people/{id}/review-requests         ask_for_review
//   POST /api/v1/me/people/{id}/review-requests         ask_for_review: {"reason", "details"}
//   GET  /api/v1/me/people/{id}/access                  manage_own_access
//   POST /api/v1/me/people/{id}/access/withdraw         manage_own_access: {"relationship_id"}
// Each gets the person through api::person_for (role and relationship,
// audited either way) and reads through the same services as the pages.
#include "api/json.hpp"
#include "api/routes.hpp"
#include "core/text.hpp"
#include "domain/budgets/budget.hpp"
#include "domain/people/codes.hpp"
#include "domain/people/own_access.hpp"
#include "domain/planning/review_requests.hpp"
#include "services/access_service.hpp"
#include "services/my_money_service.hpp"
#include "services/people_service.hpp"
#include "services/review_requests_service.hpp"
#include "services/reviews_service.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/assessment_repository.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/person_records_repository.hpp"
#include "storage/repositories/plans_repository.hpp"
#include "storage/repositories/review_requests_repository.hpp"

namespace patchwork::api {

std::expected<people::Person, http::Response> person_for(http::Context& ctx, access::Action action);

namespace {

using http::Context;
using http::Response;

json::value yearly_text(const Money& weekly) {
  auto y = budgets::yearly(weekly);
  return y ? json::value(y->decimal()) : json::value(nullptr);
}

Response whose_people(Context& ctx) {
  const auto& user = ctx.signed_in_user();
  std::vector<people::Person> candidates;
  if (user.role == access::Role::BudgetHolder && user.person_id) {
    if (auto p = storage::find_person(ctx.db(), user.council_id, *user.person_id)) candidates.push_back(*p);
  } else if (user.role == access::Role::Representative) {
    candidates = storage::represented_people(ctx.db(), user.council_id, user.id);
  } else {
    return Response::problem(403, "Forbidden", "These are the pages of a person with a budget and the people they allow.");
  }
  json::array out;
  for (const auto& l : ctx.list_people(candidates, "the people this account may see (/api/v1/me)"))
    out.push_back(json::object{{"id", l.person.id.value()},
                               {"name", l.person.full_name()},
                               {"self", user.person_id && *user.person_id == l.person.id},
                               {"href", "/api/v1/me/people/" + l.person.id.text()}});
  return json_response(json::object{{"people", std::move(out)}});
}

Response budget(Context& ctx) {
  auto person = person_for(ctx, access::Action::ViewBudget);
  if (!person) return person.error();
  auto& db = ctx.db();
  const auto today = CivilDate::today_utc();
  json::object out{{"person", person->full_name()}};
  auto b = storage::find_budget_on(db, person->council_id, person->id, today);
  if (!b) {
    out["budget"] = nullptr;
  } else {
    json::array parts;
    for (const auto& p : b->parts) {
      json::object part{{"key", p.key}, {"mechanism", budgets::mechanism_code(p.mechanism)}, {"weekly", p.weekly.decimal()},
                        {"yearly", yearly_text(p.weekly)}, {"one_off", p.one_off.decimal()}};
      if (p.direct_payment) part["paid_to"] = p.direct_payment->recipient == budgets::Recipient::Person ? person->full_name() : p.direct_payment->recipient_name;
      if (p.mechanism == budgets::Mechanism::DirectPayment)
        if (auto each = budgets::direct_payment_instalment(p.weekly)) part["every_four_weeks"] = each->decimal();
      parts.push_back(std::move(part));
    }
    auto person_pays = budgets::person_share(*b);
    auto council_pays = budgets::council_share(*b);
    json::object budget{{"version", b->version},
                        {"from", b->effective_from.iso()},
                        {"weekly", b->weekly.decimal()},
                        {"yearly", yearly_text(b->weekly)},
                        {"person_pays_weekly", person_pays ? json::value(person_pays->decimal()) : json::value(nullptr)},
                        {"council_pays_weekly", council_pays ? json::value(council_pays->decimal()) : json::value(nullptr)},
                        {"basis", b->basis},
                        {"parts", std::move(parts)}};
    auto allocations = storage::list_allocations(db, person->council_id, person->id);
    if (!allocations.empty() && allocations.front().is_current) {
      json::array lines;
      for (const auto& l : allocations.front().explanation) lines.push_back(json::value(l));
      budget["indicative_weekly"] = allocations.front().weekly.decimal();
      budget["how_worked_out"] = std::move(lines);
    }
    out["budget"] = std::move(budget);
  }
  auto reviews = services::person_reviews(db, *person, today, true);
  out["next_review_on"] = reviews.due.empty() ? json::value(nullptr) : json::value(reviews.due.front().due_on.iso());
  return json_response(out);
}

std::optional<CivilDate> query_date(Context& ctx, const char* name, FieldErrors& errors) {
  const std::string text = trim(ctx.request.query_value(name));
  if (text.empty()) return std::nullopt;
  auto d = CivilDate::parse_iso(text);
  if (!d) errors.push_back({name, std::string("must be a real date, like 2026-11-01")});
  return d;
}

Response money(Context& ctx) {
  auto person = person_for(ctx, access::Action::ViewLedger);
  if (!person) return person.error();
  const auto today = CivilDate::today_utc();
  FieldErrors errors;
  auto from = query_date(ctx, "from", errors).value_or(today.plus_days(-27));
  auto to = query_date(ctx, "to", errors).value_or(today);
  if (errors.empty() && to < from) errors.push_back({"to", "must be the same as or after from"});
  if (errors.empty() && to > today) errors.push_back({"to", "must be today or before"});
  if (errors.empty() && (to.days() - from.days()).count() > 366 * 2) errors.push_back({"from", "the period must be two years or less"});
  if (!errors.empty()) return validation_problem(errors);
  json::array parts;
  for (const auto& m : services::money_parts(ctx.db(), *person, from, to, today)) {
    json::object part{{"key", m.part.key}, {"mechanism", budgets::mechanism_code(m.part.mechanism)}, {"weekly", m.part.weekly.decimal()},
                      {"account_id", m.account ? json::value(*m.account) : json::value(nullptr)}};
    if (m.summary) {
      part["paid_in"] = m.summary->paid_in.decimal();
      part["spent"] = m.summary->spent.decimal();
      part["recovered"] = m.summary->recovered.decimal();
      part["left"] = m.summary->left.decimal();
      part["held"] = m.summary->held.decimal();
      part["reserve_allowed"] = m.summary->reserve_allowed.decimal();
      part["above_reserve"] = m.summary->above_reserve;
    }
    json::array categories;
    for (const auto& c : m.by_category)
      categories.push_back(json::object{{"category", ledger::spending_category_code(c.category)}, {"amount", c.amount.decimal()}});
    part["spent_by_category"] = std::move(categories);
    part["other_spending"] = m.other_spending.decimal();
    json::array bank;
    for (const auto& s : m.bank)
      bank.push_back(json::object{{"booking_date", s.booking_date.iso()}, {"amount", s.amount.decimal()}, {"payee", s.payee},
                                  {"description", s.description}, {"cash", s.cash}});
    part["bank_lines"] = std::move(bank);
    parts.push_back(std::move(part));
  }
  ctx.audit(audit::AuditAction::ViewLedger, person->id, access::Outcome::Allowed, "money from " + from.iso() + " to " + to.iso() + " (/api/v1/me)");
  return json_response(json::object{{"person", person->full_name()}, {"from", from.iso()}, {"to", to.iso()}, {"parts", std::move(parts)}});
}

Response plan(Context& ctx) {
  auto person = person_for(ctx, access::Action::ViewPlan);
  if (!person) return person.error();
  auto plans = storage::plans_in_force(ctx.db(), person->council_id, person->id, CivilDate::today_utc());
  if (plans.empty()) return json_response(json::object{{"person", person->full_name()}, {"plan", nullptr}});
  const auto& p = plans.front();
  json::array outcomes, lines;
  for (const auto& o : p.outcomes) outcomes.push_back(json::value(o.words));
  for (const auto& l : p.lines)
    lines.push_back(json::object{{"what", l.description}, {"from", l.supplier_name}, {"weekly", l.cost.weekly.decimal()}});
  return json_response(json::object{{"person", person->full_name()},
                                    {"plan", json::object{{"id", p.id},
                                                          {"from", optional_date(p.effective_from)},
                                                          {"outcomes", std::move(outcomes)},
                                                          {"support", std::move(lines)},
                                                          {"if_something_goes_wrong", p.backup_cover},
                                                          {"who_to_call", p.who_to_call},
                                                          {"contingency_amount", p.contingency_amount.decimal()}}}});
}

json::object request_json(const storage::ReviewRequestRow& r, CivilDate today) {
  return {{"id", r.id},
          {"reason", r.reason},
          {"details", r.details},
          {"asked_by", r.asked_by_name},
          {"asked_at", r.asked_at},
          {"due_on", r.due_on.iso()},
          {"status", r.review_status},
          {"done_on", optional_date(r.done_on)},
          {"outcome", r.outcome.empty() ? json::value(nullptr) : json::value(r.outcome)},
          {"progress", planning::review_request_progress(r.review_status, r.done_on, r.due_on, today)}};
}

Response requests(Context& ctx) {
  auto person = person_for(ctx, access::Action::AskForReview);
  if (!person) return person.error();
  json::array out;
  for (const auto& r : services::review_requests(ctx.db(), *person)) out.push_back(request_json(r, CivilDate::today_utc()));
  return json_response(json::object{{"person", person->full_name()}, {"requests", std::move(out)}});
}

Response ask(Context& ctx) {
  auto person = person_for(ctx, access::Action::AskForReview);
  if (!person) return person.error();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto unknown = unknown_members(*fields, {"reason", "details"}, "a review request")) return *unknown;
  auto asked = services::ask_for_review(ctx.db(), *person, *fields, ctx.signed_in_user(), CivilDate::today_utc());
  if (!asked) {
    std::string why;
    for (const auto& e : asked.error()) why += (why.empty() ? "" : "; ") + e.field + ": " + e.message;
    ctx.audit(audit::AuditAction::RecordReviewRequest, person->id, access::Outcome::Refused, clip_utf8(why, 500));
    return validation_problem(asked.error());
  }
  ctx.audit(audit::AuditAction::RecordReviewRequest, person->id, access::Outcome::Allowed,
            "review request " + std::to_string(asked->request_id) + " (" + (*fields)["reason"] + "), review " +
                std::to_string(asked->review.id) + " due by " + asked->review.due_on.iso());
  for (const auto& r : services::review_requests(ctx.db(), *person))
    if (r.id == asked->request_id) return json_response(request_json(r, CivilDate::today_utc()), 201);
  return json_response(json::object{{"id", asked->request_id}}, 201);
}

Response access_list(Context& ctx) {
  auto person = person_for(ctx, access::Action::ManageOwnAccess);
  if (!person) return person.error();
  auto& db = ctx.db();
  json::array accounts;
  if (auto own = storage::budget_holder_account(db, person->council_id, person->id); own && own->active)
    accounts.push_back(json::object{{"name", person->full_name()}, {"username", own->username}, {"role", "the person"},
                                    {"relationship_id", nullptr}, {"may_end", false}, {"why_not", nullptr}});
  for (const auto& [rel, derived] : services::relationships_with_scope(db, *person, CivilDate::today_utc())) {
    if (!rel.user_id) continue;
    auto account = storage::find_user(db, person->council_id, *rel.user_id);
    if (!account || !account->active) continue;
    json::array reasons;
    for (const auto& r : derived.reasons) reasons.push_back(json::value(rel.name + " " + r));
    auto why = people::own_withdrawal_refused(rel);
    accounts.push_back(json::object{{"name", rel.name},
                                    {"username", account->username},
                                    {"role", rel.role},
                                    {"basis", rel.basis},
                                    {"relationship_id", rel.id},
                                    {"scope", json::object{{"view", derived.scope.view}, {"act_on_care", derived.scope.act_on_care},
                                                           {"act_on_money", derived.scope.act_on_money}}},
                                    {"reasons", std::move(reasons)},
                                    {"may_end", !why},
                                    {"why_not", why ? json::value(*why) : json::value(nullptr)}});
  }
  json::array looks;
  for (const auto& l : storage::latest_looks(db, person->council_id, person->id, ctx.signed_in_user().id, 5))
    looks.push_back(json::object{{"at", l.occurred_at}, {"role", l.role}});
  return json_response(json::object{{"person", person->full_name()}, {"accounts", std::move(accounts)}, {"latest_looks", std::move(looks)}});
}

Response withdraw(Context& ctx) {
  auto person = person_for(ctx, access::Action::ManageOwnAccess);
  if (!person) return person.error();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto unknown = unknown_members(*fields, {"relationship_id"}, "an end of access")) return *unknown;
  auto id = parse_id((*fields)["relationship_id"]);
  std::optional<people::Relationship> rel;
  if (id)
    for (const auto& r : storage::list_relationships(ctx.db(), person->council_id, person->id))
      if (r.id == *id && r.user_id) rel = r;
  if (!rel) {
    ctx.audit(audit::AuditAction::WithdrawAccess, person->id, access::Outcome::Refused, "relationship_id: no one with that access (/api/v1/me)");
    return validation_problem({{"relationship_id", "is not someone with access to this person's information"}});
  }
  if (auto why = people::own_withdrawal_refused(*rel)) {
    ctx.audit(audit::AuditAction::WithdrawAccess, person->id, access::Outcome::Refused,
              "relationship " + std::to_string(rel->id) + " (" + rel->basis + "): the law does not let the person end it here (/api/v1/me)");
    return Response::problem(403, "Forbidden", *why);
  }
  auto withdrawn = services::withdraw_access(ctx.db(), *person, rel->id);
  if (!withdrawn) {
    ctx.audit(audit::AuditAction::WithdrawAccess, person->id, access::Outcome::Refused, withdrawn.error().front().message);
    return validation_problem(withdrawn.error());
  }
  ctx.audit(audit::AuditAction::WithdrawAccess, person->id, access::Outcome::Allowed, services::withdrawal_reason(*withdrawn) + " (/api/v1/me)");
  return json_response(json::object{{"ended", rel->name}, {"account_closed", withdrawn->account_closed}});
}

// The council's days to act on each reason for a review request
// (administrators: manage_configuration). GET lists every reason with its
// days and whether it is the default; PUT {"reason", "days"} sets one.
Response request_days(Context& ctx) {
  const bool put = ctx.request.method == http::Method::Put;
  auto decision = ctx.authorize(put ? access::Action::ManageConfiguration : access::Action::ViewConfiguration);
  if (!decision.allowed()) return Response::problem(403, "Forbidden", decision.reason);
  const auto council = ctx.signed_in_user().council_id;
  if (put) {
    auto fields = body_fields(ctx.request);
    if (!fields) return fields.error();
    if (auto unknown = unknown_members(*fields, {"reason", "days"}, "the days for a review request")) return *unknown;
    auto set = services::set_review_request_days(ctx.db(), council, *fields);
    if (!set) {
      ctx.audit(audit::AuditAction::SetReviewRequestDays, std::nullopt, access::Outcome::Refused,
                set.error().front().field + ": " + set.error().front().message);
      return validation_problem(set.error());
    }
    ctx.audit(audit::AuditAction::SetReviewRequestDays, std::nullopt, access::Outcome::Allowed,
              (*fields)["reason"] + ": " + std::to_string(*set) + " days");
  }
  json::array out;
  for (const auto& r : planning::review_request_reasons()) {
    auto own = storage::review_request_days(ctx.db(), council, std::string(r.code));
    out.push_back(json::object{{"reason", r.code}, {"label", r.label}, {"days", own.value_or(r.default_days)}, {"default", !own}});
  }
  return json_response(json::object{{"reasons", std::move(out)}});
}

}  // namespace

void add_me_api(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(http::Surface::Api, std::move(h)); };
  d.add(http::Method::Get, "/api/v1/me/people", route(whose_people));
  d.add(http::Method::Get, "/api/v1/me/people/{id}/budget", route(budget));
  d.add(http::Method::Get, "/api/v1/me/people/{id}/money", route(money));
  d.add(http::Method::Get, "/api/v1/me/people/{id}/plan", route(plan));
  d.add(http::Method::Get, "/api/v1/me/people/{id}/review-requests", route(requests));
  d.add(http::Method::Post, "/api/v1/me/people/{id}/review-requests", route(ask));
  d.add(http::Method::Get, "/api/v1/me/people/{id}/access", route(access_list));
  d.add(http::Method::Post, "/api/v1/me/people/{id}/access/withdraw", route(withdraw));
  d.add(http::Method::Get, "/api/v1/council/review-request-days", route(request_days));
  d.add(http::Method::Put, "/api/v1/council/review-request-days", route(request_days));
}

}  // namespace patchwork::api
