#pragma once
// An approval request: what was submitted for approval (frozen when it was
// submitted) and the decision taken on it. One per submission of a plan
// version; a plan returned with questions and submitted again is a new request.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "core/money.hpp"
#include "domain/allocation/ras.hpp"

namespace patchwork::planning {

// The most a plan's one-off costs may come to: 52 weeks of the weekly limit,
// as costing limits a one-off line (costing.hpp).
inline constexpr Money kOneOffCostLimit = Money::from_pence(allocation::kWeeklyAmountLimit.pence() * 52);

// How a one-off cost is weighed against approval limits, which are weekly
// amounts: spread over a year of 52 weeks, rounded UP to the penny (so a
// one-off cost never slips under a limit by rounding), and added to the weekly
// cost. £300.00 a week and a £520.00 riser chair is weighed as £310.00 a week.
// Why: the cost of the plan over its first year is what a limit protects, and
// 52 × (weekly + one-off ÷ 52) is that year's cost exactly; councils that set
// their limits as a yearly cost (Doncaster's 2024 scheme of delegation lets
// team leaders authorise up to £49,000 a year) weigh a one-off cost the same
// way. A separate one-off limit per role would need new threshold fields in
// every council's file; Patchwork chose the spread, and says so to the
// approver (weighed_note). The weekly cost alone is what is compared with the
// indicative amount, which is weekly.
// Both amounts must be within range (£0 to the weekly limit, £0 to kOneOffCostLimit).
Money weighed_weekly_cost(Money weekly, Money one_off);
// Words added to an approver's reason when there is a one-off cost: " It
// counts the one-off cost of £520.00 as £10.00 a week (spread over 52 weeks)."
// Empty when there is none.
std::string weighed_note(Money weekly, Money one_off);

enum class ApprovalStatus { Pending, Approved, Refused, Returned };
std::string_view approval_status_code(ApprovalStatus s);   // "pending", "approved"...
std::string_view approval_status_label(ApprovalStatus s);  // "Waiting for a decision", "Approved"...
std::optional<ApprovalStatus> approval_status_from_code(std::string_view code);

struct ApprovalRequest {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::int64_t plan_id = 0;
  int plan_version = 0;
  Money weekly_cost{};
  Money one_off_cost{};         // the plan's one-off costs, counted once (weighed_weekly_cost says how they meet the limits)
  std::optional<Money> indicative_weekly{};
  bool interim = false;
  UserId author_id{};
  std::string submitted_at{};   // UTC timestamp
  std::string queued_for{};     // planning::approver_code at submission
  ApprovalStatus status = ApprovalStatus::Pending;
  std::optional<UserId> decided_by{};
  std::optional<std::string> decided_at{};
  std::optional<std::string> decided_as{};       // the role decided under, or "panel"
  std::optional<std::int64_t> thresholds_id{};   // the version of the thresholds used
  std::string decision_text{};                   // reasons for a refusal, questions for a return, a note on approval
  std::optional<std::string> variance_reason{};  // planning::variance_reasons code
  std::string variance_text{};
  std::optional<UserId> finance_acknowledged_by{};
  std::optional<std::string> finance_acknowledged_at{};

  // The agreed cost is not the indicative amount (when there is one): a reason is required.
  bool differs_from_indicative() const { return indicative_weekly && *indicative_weekly != weekly_cost; }
  // The cost compared with approval limits: the weekly cost and the one-off cost spread over 52 weeks.
  Money weighed_cost() const { return weighed_weekly_cost(weekly_cost, one_off_cost); }
};

}  // namespace patchwork::planning
