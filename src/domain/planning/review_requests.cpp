#include "domain/planning/review_requests.hpp"

#include "core/text.hpp"

namespace patchwork::planning {

const std::vector<ReviewRequestReason>& review_request_reasons() {
  static const std::vector<ReviewRequestReason> list = {
      {"needs_changed", "My needs have changed", "Needs have changed", 14},
      {"support_not_working", "My support is not working", "Support is not working", 7},
      {"money_problems", "I have a problem with my money", "A problem with the money", 7},
      {"change_management", "I want to change how my budget is managed", "Wants to change how the budget is managed", 28},
  };
  return list;
}

const ReviewRequestReason* review_request_reason(std::string_view code) {
  for (const auto& r : review_request_reasons())
    if (r.code == code) return &r;
  return nullptr;
}

Result<ReviewRequestInput> review_request_from_fields(const people::Fields& f) {
  FieldErrors errors;
  ReviewRequestInput in;
  auto get = [&](const char* k) {
    auto it = f.find(k);
    return it == f.end() ? std::string() : trim(it->second);
  };
  in.reason = get("reason");
  if (in.reason.empty()) errors.push_back({"reason", "Choose why you want a review"});
  else if (!review_request_reason(in.reason)) errors.push_back({"reason", "Choose why you want a review from the list"});
  in.details = get("details");
  if (in.details.size() > 2000) errors.push_back({"details", "What has changed must be 2,000 characters or fewer"});
  if (!errors.empty()) return std::unexpected(errors);
  return in;
}

CivilDate review_request_due(CivilDate asked_on, int days) { return asked_on.plus_days(days); }

std::string review_request_progress(std::string_view review_status, const std::optional<CivilDate>& done_on,
                                    CivilDate due_on, CivilDate today) {
  if (review_status == "done")
    return "Done: your social worker looked at your support with you on " + (done_on ? done_on->display() : std::string("a date not recorded")) + ".";
  if (review_status == "replaced") return "Done as part of a review of your new support plan.";
  if (due_on < today) return "Late: it should have been done by " + due_on.display() + ". Please call the council.";
  return "Sent to your social worker. They will talk to you about it by " + due_on.display() + ".";
}

}  // namespace patchwork::planning
