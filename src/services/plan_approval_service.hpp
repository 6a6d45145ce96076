#pragma once
// Where support plans, approval by delegated authority and personal budgets
// meet (#15): submitting a plan puts it in the approval queue, and a decision
// on it changes the plan and, when approved, makes the next version of the
// person's budget from the plan's parts. Both the pages and the API go through
// here, so a plan is never approved without its budget, nor a budget made
// without an approved plan. Each runs in the caller's transaction; on any
// refusal the caller answers with an error and nothing is kept.
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/user.hpp"
#include "domain/audit/audit_action.hpp"
#include "domain/budgets/budget.hpp"
#include "domain/people/person.hpp"
#include "domain/planning/plan.hpp"
#include "services/approvals_service.hpp"
#include "storage/db.hpp"

namespace patchwork::services {

// What a submission or a decision did, in words for the audit trail: the
// caller (page or API) writes each entry against the person, so both surfaces
// say the same.
struct AuditNote {
  audit::AuditAction action;
  std::string reason;
};

struct SubmittedPlan {
  planning::SupportPlan plan;
  planning::ApprovalRequest request;
  std::vector<AuditNote> audit;  // submit_plan, submit_for_approval
};

// Freezes the draft (plans_service::submit_plan) and queues it for approval
// with its worked-out weekly cost, its indicative amount and whether it is
// interim. The one who submits is the plan's author for the approval rules
// (a worker may approve a plan they submitted only under the author's limit).
// `variance_reason`/`variance_text`: why the cost differs from the indicative
// amount, when the author says so now (else the approver must).
Result<SubmittedPlan> submit_plan_for_approval(storage::Connection& c, const people::Person& person, const planning::SupportPlan& plan,
                                               UserId by, std::optional<std::string> variance_reason = std::nullopt,
                                               std::string variance_text = "", const std::string& now = utc_timestamp_now());

struct DecidedPlan {
  DecisionOutcome decision;
  planning::SupportPlan plan;                    // approved, refused or a draft again (returned)
  std::optional<budgets::BudgetVersion> budget;  // the budget version an approval made
  std::vector<AuditNote> audit;                  // record_approval_decision, record_plan_decision, create_budget
};

// Decides an approval request (approvals_service::decide: the approver's
// authority for the cost, the thresholds in effect) and carries the decision
// to the plan: approved from the plan's own start date (the decision date when
// it has none), refused, or returned to its author as a draft. An approval
// makes the person's next budget version: the plan's parts, each with the
// weekly sum of its lines, the contribution from the latest financial
// assessment, and for an interim plan its end date and an automatic review
// (budgets::interim_review_on). Refused whole (Invalid, naming the field) when
// the budget cannot be made, for example a direct-payment recipient who no
// longer fits the person's capacity.
ApprovalResult<DecidedPlan> decide_plan(storage::Connection& c, const accounts::User& approver, std::int64_t request_id,
                                        const DecisionInput& input, const std::string& now = utc_timestamp_now());

}  // namespace patchwork::services
