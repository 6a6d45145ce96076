// /api/v1/people/{id}/budgets: the personal budget's versions, or the one in
// effect on a date; financial assessments and direct payment agreements.
// Reading needs the policy's view_budget (role and relationship: never a
// provider); recording is finance's (manage_finance). Every look and write is
// audited.
#include "api/direct_payment_json.hpp"
#include "api/json.hpp"
#include "api/routes.hpp"
#include "services/budgets_service.hpp"
#include "storage/repositories/budgets_repository.hpp"

namespace patchwork::api {

std::expected<people::Person, http::Response> person_for(http::Context& ctx, access::Action action);

namespace {

using namespace budgets;

json::value money_or_null(const std::optional<Money>& m) { return m ? json::value(m->decimal()) : json::value(nullptr); }

json::object agreement_json(const DirectPaymentAgreement& a) {
  return {{"id", a.id},
          {"part_key", a.part_key},
          {"signed_on", a.signed_on.iso()},
          {"signed_by", a.signed_by},
          {"first_payment_on", optional_date(a.first_payment_on)},
          {"review_on", a.review_on.iso()},
          {"first_review_due", first_review_due(a).iso()},
          {"carried_from", optional_id(a.carried_from)}};
}

json::object part_json(const Part& p, const BudgetVersion& b, const std::vector<DirectPaymentAgreement>& agreements) {
  json::object o{{"key", p.key},
                 {"mechanism", mechanism_code(p.mechanism)},
                 {"delivery_mechanism", delivery_mechanism(p.mechanism)},
                 {"weekly", p.weekly.decimal()},
                 {"one_off", p.one_off.decimal()}};
  if (p.direct_payment) {
    add_direct_payment_json(o, *p.direct_payment);
    json::array signed_for_part;
    for (const auto& a : agreements)
      if (a.budget_id == b.id && a.part_key == p.key) signed_for_part.push_back(agreement_json(a));
    o["agreements"] = std::move(signed_for_part);
  }
  if (p.service_fund) {
    o["provider_id"] = p.service_fund->provider_id;
    o["terms"] = p.service_fund->terms;
  }
  return o;
}

json::object budget_json(const BudgetVersion& b, const std::vector<DirectPaymentAgreement>& agreements) {
  json::array parts;
  for (const auto& p : b.parts) parts.push_back(part_json(p, b, agreements));
  auto year = yearly(b.weekly);
  auto status = client_funding_status(b);
  auto deployment = deployment_summary(b.parts);
  json::object o{{"version", b.version},
                 {"plan_id", optional_id(b.plan_id)},
                 {"effective_from", b.effective_from.iso()},
                 {"weekly", b.weekly.decimal()},
                 {"one_off", b.one_off.decimal()},
                 {"yearly", year ? json::value(year->decimal()) : json::value(nullptr)},
                 {"contribution", contribution_code(b.contribution.kind)},
                 {"person_pays_weekly", money_or_null(person_share(b))},
                 {"council_pays_weekly", money_or_null(council_share(b))},
                 {"client_funding_status", std::string(status)},
                 {"deployment", deployment ? json::value(std::string(*deployment)) : json::value(nullptr)},
                 {"parts", std::move(parts)},
                 {"basis", b.basis},
                 {"recorded_at", b.recorded_at}};
  if (b.interim)
    o["interim"] = json::object{{"reason", b.interim->reason}, {"ends_on", b.interim->ends_on.iso()}, {"review_on", b.interim->review_on.iso()}};
  else
    o["interim"] = nullptr;
  return o;
}

json::object assessment_json(const FinancialAssessment& a) {
  return {{"id", a.id},
          {"contribution", contribution_code(a.contribution.kind)},
          {"weekly_contribution", a.contribution.kind == ContributionKind::WeeklyAmount ? json::value(a.contribution.weekly.decimal()) : json::value(nullptr)},
          {"assessed_on", a.assessed_on.iso()},
          {"assessed_by", a.assessed_by}};
}

// GET …/budgets: every version, oldest first; ?on=YYYY-MM-DD: the one in effect that day.
http::Response list(http::Context& ctx) {
  const std::string on_text = ctx.request.query_value("on");
  std::optional<CivilDate> on;
  if (!on_text.empty()) {
    on = CivilDate::parse_iso(on_text);
    if (!on) return validation_problem({{"on", "The date must be a real date, like 2026-11-27"}});
  }
  auto person = person_for(ctx, access::Action::ViewBudget);
  if (!person) return person.error();
  auto& db = ctx.db();
  const auto agreements = storage::list_direct_payment_agreements(db, person->council_id, person->id);
  if (on) {
    auto b = storage::find_budget_on(db, person->council_id, person->id, *on);
    return json_response(json::object{{"on", on->iso()}, {"budget", b ? json::value(budget_json(*b, agreements)) : json::value(nullptr)}});
  }
  json::array versions, assessments;
  for (const auto& b : storage::list_budgets(db, person->council_id, person->id)) versions.push_back(budget_json(b, agreements));
  for (const auto& a : storage::list_financial_assessments(db, person->council_id, person->id)) assessments.push_back(assessment_json(a));
  return json_response(json::object{{"budgets", std::move(versions)}, {"financial_assessments", std::move(assessments)}});
}

// POST …/financial-assessments: contribution, weekly_contribution, assessed_on,
// assessed_by, and effective_from when the person has a budget.
http::Response record_assessment(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ManageFinance);
  if (!person) return person.error();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto refused = unknown_members(*fields, {"contribution", "weekly_contribution", "assessed_on", "assessed_by", "effective_from"},
                                     "a financial assessment"))
    return *refused;
  auto recorded = services::record_financial_assessment(ctx.db(), *person, *fields, CivilDate::today_utc(), ctx.signed_in_user().id);
  if (!recorded) return validation_problem(recorded.error());
  const auto& a = recorded->assessment;
  ctx.audit(audit::AuditAction::RecordFinancialAssessment, person->id, access::Outcome::Allowed,
            "financial assessment " + std::to_string(a.id) + ": " + std::string(contribution_code(a.contribution.kind)) +
                (a.contribution.kind == ContributionKind::WeeklyAmount ? " " + a.contribution.weekly.decimal() : std::string()));
  json::object out{{"financial_assessment", assessment_json(a)}, {"budget", nullptr}};
  if (recorded->new_version) {
    const auto& v = *recorded->new_version;
    ctx.audit(audit::AuditAction::ChangeBudget, person->id, access::Outcome::Allowed,
              "budget version " + std::to_string(v.version) + " from " + v.effective_from.iso() + ": new contribution");
    out["budget"] = budget_json(v, storage::list_direct_payment_agreements(ctx.db(), person->council_id, person->id));
  }
  auto r = json_response(out, 201);
  r.set_header("Location", "/api/v1/people/" + person->id.text() + "/budgets");
  return r;
}

// POST …/budgets/{version}/agreements: part_key, signed_on, signed_by,
// first_payment_on (optional), review_on.
http::Response record_agreement(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ManageFinance);
  if (!person) return person.error();
  auto version = ctx.request.path_id("version");
  if (!version || *version > 1'000'000 || !storage::find_budget_version(ctx.db(), person->council_id, person->id, int(*version)))
    return http::Response::problem(404, "Not found", "There is no such version of this person's budget.");
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto refused = unknown_members(*fields, {"part_key", "signed_on", "signed_by", "first_payment_on", "review_on"},
                                     "a direct payment agreement"))
    return *refused;
  auto a = services::record_direct_payment_agreement(ctx.db(), *person, int(*version), *fields, CivilDate::today_utc(),
                                                     ctx.signed_in_user().id);
  if (!a) return validation_problem(a.error());
  ctx.audit(audit::AuditAction::RecordDirectPaymentAgreement, person->id, access::Outcome::Allowed,
            "budget version " + std::to_string(*version) + " part " + a->part_key + ": signed " + a->signed_on.iso() + ", review " +
                a->review_on.iso());
  return json_response(agreement_json(*a), 201);
}

}  // namespace

void add_budgets_api(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(http::Surface::Api, std::move(h)); };
  d.add(http::Method::Get, "/api/v1/people/{id}/budgets", route(list));
  d.add(http::Method::Post, "/api/v1/people/{id}/financial-assessments", route(record_assessment));
  d.add(http::Method::Post, "/api/v1/people/{id}/budgets/{version}/agreements", route(record_agreement));
}

}  // namespace patchwork::api
