#include "domain/planning/approval_request.hpp"

#include <array>

namespace patchwork::planning {
namespace {

struct StatusInfo { ApprovalStatus status; std::string_view code; std::string_view label; };
constexpr std::array<StatusInfo, 4> kStatuses{{
    {ApprovalStatus::Pending, "pending", "Waiting for a decision"},
    {ApprovalStatus::Approved, "approved", "Approved"},
    {ApprovalStatus::Refused, "refused", "Refused"},
    {ApprovalStatus::Returned, "returned", "Returned with questions"},
}};

}  // namespace

std::string_view approval_status_code(ApprovalStatus s) {
  for (const auto& i : kStatuses) if (i.status == s) return i.code;
  return "unknown";
}

std::string_view approval_status_label(ApprovalStatus s) {
  for (const auto& i : kStatuses) if (i.status == s) return i.label;
  return "Unknown";
}

std::optional<ApprovalStatus> approval_status_from_code(std::string_view code) {
  for (const auto& i : kStatuses) if (i.code == code) return i.status;
  return std::nullopt;
}

Money weighed_weekly_cost(Money weekly, Money one_off) {
  // Both are within range (at most £100,000.00 a week and 52 times that), so
  // neither the division nor the sum can overflow; value_or is never used.
  const std::int64_t spread = one_off.pence() <= 0 ? 0 : (one_off.pence() + 51) / 52;
  return weekly.plus(Money::from_pence(spread)).value_or(weekly);
}

std::string weighed_note(Money weekly, Money one_off) {
  if (one_off.pence() <= 0) return "";
  const Money spread = weighed_weekly_cost(Money{}, one_off);
  return " That counts its one-off cost of " + one_off.display() + " as " + spread.display() + " a week (spread over 52 weeks) on top of " +
         weekly.display() + " a week.";
}

}  // namespace patchwork::planning
