#pragma once
// Reviews of support plans (Care Act 2014 s.27) and of direct payments (Direct
// Payments Regulations 2014, reg. 7), shared by the pages, the API and the
// approvals flow: scheduling a plan's first review when a version is approved,
// recording a review done (which schedules the next), and the reviews due in a
// caseload or the council, overdue first. The caller has asked the policy.
#include <optional>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "domain/people/person.hpp"
#include "domain/planning/plan.hpp"
#include "domain/planning/reviews.hpp"
#include "storage/db.hpp"

namespace patchwork::services {

// The light-touch review of a plan version approved on `signed_off`
// (planning::first_review), replacing any review still due for that plan.
planning::PlanReview schedule_first_review(storage::Connection& c, const planning::SupportPlan& approved, CivilDate signed_off);

// A review due now for a person: a scheduled plan review, or a direct-payment
// part's review worked out from its agreement. `key` names it on the wire and
// in forms: "plan:<id>" or "direct_payment:<part>".
struct DueReview {
  std::string key;
  std::string what;   // in plain words
  CivilDate due_on;
  std::optional<CivilDate> earliest_on;
  std::optional<planning::PlanReview> plan_review;  // a plan review's row
};
struct PersonReviews {
  std::vector<DueReview> due;               // overdue first, then by date
  std::vector<planning::PlanReview> done;   // latest first
};
// `with_direct_payments`: whether the reader may see the budget (the direct
// payment reviews are about it).
PersonReviews person_reviews(storage::Connection& c, const people::Person& person, CivilDate today, bool with_direct_payments);

// Records the review `key` done (review, done_on, done_by, outcome, notes in
// `fields`) and schedules the next, 12 months on. Refused naming the field:
// "review" when it is not a review due for this person (or was just recorded).
struct RecordedReview {
  planning::PlanReview done;
  CivilDate next_due;
};
Result<RecordedReview> record_review(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                                     std::optional<UserId> by, CivilDate today);

// The reviews due in a social worker's caseload, or the council's (nothing):
// plan reviews and direct payment reviews, overdue first.
std::vector<planning::ReviewDue> reviews_due(storage::Connection& c, CouncilId council_id, std::optional<UserId> worker, CivilDate today);

}  // namespace patchwork::services
