#pragma once
// A review asked for by the person or someone acting for them (Care Act 2014
// s.27(1)(b); docs/my-pages.md "Ask for a review"), shared by the /my/ pages
// and /api/v1/me. The request becomes a review due (kind "requested") on the
// allocated worker's list, due within the council's days for its reason;
// when the worker records it (services::record_review) it is a review done
// and a national Review event on the timeline. The caller has asked the policy.
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "domain/accounts/user.hpp"
#include "domain/people/person.hpp"
#include "domain/planning/reviews.hpp"
#include "storage/db.hpp"
#include "storage/repositories/review_requests_repository.hpp"

namespace patchwork::services {

// The days the council allows for a reason: its own setting, else the default.
int review_request_days_for(storage::Connection& c, CouncilId council, const std::string& reason);

struct AskedReview {
  std::int64_t request_id = 0;
  planning::PlanReview review;  // the review due it became
};
// `fields`: reason, details. Refused naming "reason" when it is not one of the
// list, or when the same reason is already waiting for the worker (a second
// press of the button, or asking twice: it would only make a second copy).
Result<AskedReview> ask_for_review(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                                   const accounts::User& by, CivilDate today);

// The person's requests, latest first, with where each has got to.
std::vector<storage::ReviewRequestRow> review_requests(storage::Connection& c, const people::Person& person);

// Administrators: the days to act on one reason (`reason`, `days` 1 to 90).
Result<int> set_review_request_days(storage::Connection& c, CouncilId council, const people::Fields& fields);

}  // namespace patchwork::services
