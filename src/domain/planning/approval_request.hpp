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

namespace patchwork::planning {

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
};

}  // namespace patchwork::planning
