#pragma once
// Approval by delegated authority (#15): a plan submitted for approval becomes
// an approval request, queued for the lowest role that may approve its cost;
// an approver within their limit approves, refuses with reasons or returns it
// with questions, under the thresholds in effect on the day; finance may then
// acknowledge it (a council setting). Each runs inside the caller's
// transaction; the caller has already asked the policy about the person
// (Action::DecideApproval, ManageFinance); the amount is checked here, by
// planning::may_approve (docs/planning.md, "Approval by delegated authority").
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "domain/accounts/user.hpp"
#include "domain/planning/approval_request.hpp"
#include "domain/planning/authority.hpp"
#include "domain/planning/decision_times.hpp"
#include "storage/db.hpp"

namespace patchwork::services {

// Loads a version of the council's approval thresholds (administrators).
// Refused whole when the file is wrong, its version is not above every loaded
// version, or it takes effect before the latest loaded version does.
Result<std::int64_t> load_approval_thresholds(storage::Connection& c, CouncilId council_id, const std::string& json,
                                              std::optional<UserId> user_id);

// What the plans capability hands over when a plan version is submitted.
struct ApprovalSubmission {
  PersonId person_id{};            // a person of the council (the caller found them)
  std::int64_t plan_id = 0;
  int plan_version = 0;
  Money weekly_cost{};             // worked out at submission, never typed
  Money one_off_cost{};            // the plan's one-off costs, likewise
  std::optional<Money> indicative_weekly{};
  bool interim = false;
  UserId author_id{};              // who wrote the plan
  // Why the cost differs from the indicative amount, when the author gives it
  // now; otherwise the approver must, before approving.
  std::optional<std::string> variance_reason{};
  std::string variance_text{};
};

// Queues a submission. Refused, naming the field, when an amount is below £0
// or above the weekly limit, a variance reason is not on the list, the council
// has no thresholds in effect today (nobody could approve it), or the plan is
// already waiting.
Result<planning::ApprovalRequest> submit(storage::Connection& c, CouncilId council_id, const ApprovalSubmission& s,
                                         const std::string& now = utc_timestamp_now());

// Why a decision or an acknowledgement was not recorded.
struct ApprovalProblem {
  enum class Kind { Invalid, NotAllowed, Conflict } kind = Kind::Invalid;  // 422, 403, 409
  FieldErrors errors{};
};
template <typename T>
using ApprovalResult = std::expected<T, ApprovalProblem>;

// What the approver sends: "approve", "refuse" or "return"; reasons (required
// to refuse: why; to return: the questions); and, when approving a cost that
// differs from the indicative amount without one given at submission, the
// variance reason (a planning::variance_reasons code) with words of their own.
struct DecisionInput {
  std::string decision{};
  std::string reasons{};
  std::optional<std::string> variance_reason{};
  std::string variance_text{};
};

// The decision recorded, for the caller to act on (services::decide_plan does,
// in src/services/plan_approval_service.cpp):
//  - request.status Approved: set the plan version approved from today, and
//    create the personal budget of request.weekly_cost (interim when
//    request.interim) for request.person_id, from request.plan_id;
//  - Refused: mark the plan version refused, with request.decision_text;
//  - Returned: reopen the plan version as a draft, with the questions.
// request.thresholds_id, decided_as and decided_at say under what authority.
struct DecisionOutcome {
  planning::ApprovalRequest request;
  planning::ApprovalThresholds thresholds;  // the version in effect on the decision date
  std::string authority;                    // why this approver may: kept in the audit trail
  bool needs_finance_acknowledgement = false;
};

// Decides a pending request. Every decision, refusals and returns too, needs
// the approver's authority for the cost, so a plan is decided by the people it
// is queued for: NotAllowed naming the limit when over it; Conflict when the
// request is no longer pending or no thresholds are in effect on the day.
ApprovalResult<DecisionOutcome> decide(storage::Connection& c, const accounts::User& approver, std::int64_t request_id,
                                       const DecisionInput& input, const std::string& now = utc_timestamp_now());

// The approval requests this user may act on now, oldest first: for an
// approver, the pending ones within their authority under today's thresholds
// (the caller then keeps those whose person the policy lets them decide on);
// for a finance officer, the approved ones waiting for acknowledgement when
// the council asks for it. Anyone else: none.
struct QueueItem {
  planning::ApprovalRequest request;
  planning::Approver queued_for = planning::Approver::TeamManager;  // under today's thresholds
};
std::vector<QueueItem> queue_for(storage::Connection& c, const accounts::User& user, CivilDate today = CivilDate::today_utc());

// Who may decide this request now, and whether this user may: for the page.
struct StandingOnRequest {
  std::optional<planning::ApprovalThresholds> thresholds{};
  std::optional<planning::Approver> queued_for{};
  planning::Authority authority{};
};
StandingOnRequest standing_on(storage::Connection& c, const accounts::User& user, const planning::ApprovalRequest& r,
                              CivilDate today = CivilDate::today_utc());

// Finance acknowledges an approved request, once, where the council asks for it.
ApprovalResult<planning::ApprovalRequest> acknowledge(storage::Connection& c, const accounts::User& finance, std::int64_t request_id,
                                                      const std::string& now = utc_timestamp_now());

// The decision-time report over every decided request of the council.
planning::DecisionTimeReport decision_times(storage::Connection& c, CouncilId council_id);

}  // namespace patchwork::services
