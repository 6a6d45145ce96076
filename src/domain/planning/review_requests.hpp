#pragma once
// A person, or someone acting for them, asks for a review of their support
// (issue #17; docs/my-pages.md "Ask for a review"). Care Act 2014 s.27(1): a
// local authority must "(b) on a reasonable request by or on behalf of the
// adult to whom a care and support plan relates ..., review the plan." The
// request becomes a review due (planning::PlanReview of kind "requested") on
// the allocated worker's list, due within the council's days for its reason.
// Pure domain.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "domain/people/records.hpp"

namespace patchwork::planning {

struct ReviewRequestReason {
  std::string_view code;        // stored: "support_not_working"
  std::string_view label;       // what the person chooses, in their words
  std::string_view for_worker;  // how the worker's list says it
  int default_days;             // days to act when the council has set none
};
// The reasons the issue lists, in the order the form offers them. The
// defaults put money problems and support that is not working first: those
// can leave someone without care or in debt within days.
const std::vector<ReviewRequestReason>& review_request_reasons();
const ReviewRequestReason* review_request_reason(std::string_view code);

// The days a council allows for one reason: 1 to 90. More than 90 days would
// not be an answer to "a reasonable request".
constexpr int kMinReviewRequestDays = 1;
constexpr int kMaxReviewRequestDays = 90;

struct ReviewRequestInput {
  std::string reason;   // review_request_reasons() code
  std::string details;  // in the person's words; may be empty
};
// From a form or JSON: "reason" (required, one of the list), "details"
// (optional, up to 2,000 characters). Errors name the field.
Result<ReviewRequestInput> review_request_from_fields(const people::Fields& f);

// Due `days` after the day it was asked.
CivilDate review_request_due(CivilDate asked_on, int days);

// Where a request has got to, for the person: asked, then done (or
// replaced when a newer plan's review took its place).
std::string review_request_progress(std::string_view review_status, const std::optional<CivilDate>& done_on,
                                    CivilDate due_on, CivilDate today);

}  // namespace patchwork::planning
