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

}  // namespace patchwork::planning
