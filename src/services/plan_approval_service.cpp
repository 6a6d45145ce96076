#include "services/plan_approval_service.hpp"

#include "services/budgets_service.hpp"
#include "services/plans_service.hpp"
#include "services/reviews_service.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/plans_repository.hpp"

namespace patchwork::services {

namespace {

// Who wrote the plan, for the approval rules: the council worker who started
// this version when one did, so that a worker cannot have the person press
// "send" and then approve their own plan above the author's limit; otherwise
// (the person or a representative wrote it) whoever sends it, since a worker
// who sends someone's plan has had a hand in it.
UserId author_of(storage::Connection& c, CouncilId council, const planning::SupportPlan& plan, UserId submitter) {
  if (auto creator = storage::plan_created_by(c, council, plan.id))
    if (auto user = storage::find_user(c, council, *creator))
      if (user->role != access::Role::BudgetHolder && user->role != access::Role::Representative) return *creator;
  return submitter;
}

}  // namespace

Result<SubmittedPlan> submit_plan_for_approval(storage::Connection& c, const people::Person& person, const planning::SupportPlan& plan,
                                               UserId by, std::optional<std::string> variance_reason, std::string variance_text,
                                               const std::string& now) {
  // The direct-payment parts are checked again as the record stands today: a
  // capacity assessment or a representative may have changed since they were
  // added, and a part added before the law's conditions were asked has none.
  {
    FieldErrors problems;
    const auto on = CivilDate::parse_iso(now.substr(0, 10)).value_or(CivilDate::today_utc());
    for (const auto& part : plan.parts)
      for (auto& e : direct_payment_problems(c, person, std::span(&part, 1), on, false))
        problems.push_back({e.field, "Part " + part.key + ": " + e.message});
    const auto finances = storage::list_financial_assessments(c, person.council_id, person.id);
    if (!finances.empty() && budgets::pays_full_cost(finances.front().contribution))
      for (const auto& part : plan.parts)
        if (part.mechanism == budgets::Mechanism::DirectPayment)
          problems.push_back({"mechanism", "Part " + part.key + ": " + std::string(budgets::kFullCostDirectPayment)});
    if (!problems.empty()) {
      auto whole = planning::submission_problems(plan);
      for (auto& e : problems) whole.push_back(std::move(e));
      return std::unexpected(whole);
    }
  }
  auto submitted = submit_plan(c, plan, by, now);
  if (!submitted) return std::unexpected(submitted.error());
  // The cost is worked out from the lines at this moment, never typed: what the
  // approver sees is what the frozen plan adds up to.
  auto totals = planning::plan_totals(*submitted);
  if (!totals) return std::unexpected(totals.error());
  ApprovalSubmission s;
  s.person_id = person.id;
  s.plan_id = submitted->id;
  s.plan_version = submitted->version;
  s.weekly_cost = totals->plan.weekly;
  s.one_off_cost = totals->plan.one_off;
  s.indicative_weekly = submitted->indicative_weekly;
  s.interim = submitted->interim;
  s.author_id = author_of(c, person.council_id, *submitted, by);
  s.variance_reason = std::move(variance_reason);
  s.variance_text = std::move(variance_text);
  auto request = submit(c, person.council_id, s, now);
  if (!request) return std::unexpected(request.error());
  SubmittedPlan out{std::move(*submitted), std::move(*request), {}};
  out.audit.push_back({audit::AuditAction::SubmitPlan, "plan " + std::to_string(out.plan.plan_number) + " version " +
                                                           std::to_string(out.plan.version) + " sent for approval"});
  out.audit.push_back({audit::AuditAction::SubmitForApproval, "approval request " + std::to_string(out.request.id) + ", " +
                                                                  out.request.weekly_cost.display() + " a week, waiting for the " +
                                                                  out.request.queued_for});
  return out;
}

namespace {

ApprovalProblem invalid(FieldErrors errors) { return ApprovalProblem{ApprovalProblem::Kind::Invalid, std::move(errors)}; }

// The budget an approved plan gives: each part with the weekly sum of its lines.
Result<budgets::BudgetVersion> budget_from(storage::Connection& c, const people::Person& person, const planning::SupportPlan& plan,
                                           const DecisionOutcome& decision, std::optional<UserId> approver) {
  auto totals = planning::plan_totals(plan);
  if (!totals) return std::unexpected(totals.error());
  NewBudget nb;
  nb.plan_id = plan.id;
  nb.effective_from = *plan.effective_from;
  for (const auto& part : plan.parts) {
    budgets::Part p = part;
    p.weekly = Money{};
    p.one_off = Money{};
    // s.26(1)(a): the budget is the whole cost, so one-off lines are kept, as
    // the part's one-off amount, never spread into its weekly amount.
    for (const auto& t : totals->parts)
      if (t.key == part.key) {
        p.weekly = t.cost.weekly;
        p.one_off = t.cost.one_off;
      }
    nb.parts.push_back(std::move(p));
  }
  if (plan.interim && plan.interim_ends_on)
    // The budget and its letter say the reason in words, not the plan's code.
    nb.interim = budgets::Interim{people::label_for(planning::interim_reasons(), plan.interim_reason), *plan.interim_ends_on,
                                  budgets::interim_review_on(*plan.effective_from, *plan.interim_ends_on)};
  nb.basis = "Support plan " + std::to_string(plan.plan_number) + ", version " + std::to_string(plan.version) + ", approved " +
             (decision.request.decided_as ? "as " + *decision.request.decided_as + " " : std::string()) + "under approval thresholds version " +
             std::to_string(decision.thresholds.version);
  return create_budget(c, person, nb, approver);
}

}  // namespace

ApprovalResult<DecidedPlan> decide_plan(storage::Connection& c, const accounts::User& approver, std::int64_t request_id,
                                        const DecisionInput& input, const std::string& now) {
  auto decided = decide(c, approver, request_id, input, now);
  if (!decided) return std::unexpected(decided.error());
  const planning::ApprovalRequest r = decided->request;
  auto plan = storage::find_plan_in_council(c, r.council_id, r.plan_id);
  if (!plan || plan->person_id != r.person_id)
    return std::unexpected(invalid({{"plan_id", "The plan this request is about is not this person's plan in this council"}}));
  std::string status;
  std::optional<CivilDate> starts;
  switch (r.status) {
    case planning::ApprovalStatus::Approved:
      status = "approved";
      // A plan that names no start date starts on the day it is approved.
      if (!plan->effective_from) starts = CivilDate::parse_iso(now.substr(0, 10)).value_or(CivilDate::today_utc());
      break;
    case planning::ApprovalStatus::Refused: status = "refused"; break;
    case planning::ApprovalStatus::Returned: status = "returned"; break;
    default: return std::unexpected(invalid({{"decision", "The decision was not recorded"}}));
  }
  auto marked = mark_plan_decided(c, r.council_id, r.plan_id, status, starts, now);
  if (!marked) return std::unexpected(invalid(marked.error()));
  DecidedPlan out{std::move(*decided), std::move(*marked), std::nullopt, {}};
  out.audit.push_back({audit::AuditAction::RecordApprovalDecision,
                       std::string(planning::approval_status_code(r.status)) + " request " + std::to_string(r.id) + " (plan " +
                           std::to_string(r.plan_id) + " version " + std::to_string(r.plan_version) + ", " + r.weekly_cost.display() +
                           " a week) under thresholds version " + std::to_string(out.decision.thresholds.version) + ": " +
                           out.decision.authority});
  out.audit.push_back({audit::AuditAction::RecordPlanDecision,
                       "plan " + std::to_string(r.plan_id) + " version " + std::to_string(r.plan_version) + " " + out.plan.status});
  if (out.plan.status == "approved") {
    auto person = storage::find_person(c, r.council_id, r.person_id);
    if (!person) return std::unexpected(invalid({{"person_id", "The person this plan is for is no longer in this council"}}));
    auto budget = budget_from(c, *person, out.plan, out.decision, approver.id);
    if (!budget) return std::unexpected(invalid(budget.error()));
    out.budget = std::move(*budget);
    out.audit.push_back({audit::AuditAction::CreateBudget, "budget version " + std::to_string(out.budget->version) + ", " +
                                                               out.budget->weekly.display() + " a week from " +
                                                               out.budget->effective_from.iso() + ", from the approved plan"});
    // Care Act 2014 s.27: the plan is kept under review from the day it is
    // signed off (reviews_service, docs/planning.md "Reviews").
    auto review = schedule_first_review(c, out.plan, CivilDate::parse_iso(now.substr(0, 10)).value_or(CivilDate::today_utc()));
    out.audit.push_back({audit::AuditAction::ScheduleReview, "first review of plan " + std::to_string(r.plan_id) + " due by " +
                                                                 review.due_on.iso() + " (from " + review.earliest_on->iso() + ")"});
  }
  return out;
}

}  // namespace patchwork::services
