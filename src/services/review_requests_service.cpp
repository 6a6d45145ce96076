#include "services/review_requests_service.hpp"

#include "core/text.hpp"
#include "domain/people/field_reader.hpp"
#include "domain/planning/review_requests.hpp"
#include "storage/repositories/plans_repository.hpp"
#include "storage/repositories/reviews_repository.hpp"

namespace patchwork::services {

int review_request_days_for(storage::Connection& c, CouncilId council, const std::string& reason) {
  if (auto days = storage::review_request_days(c, council, reason)) return *days;
  const auto* r = planning::review_request_reason(reason);
  return r ? r->default_days : planning::kMaxReviewRequestDays;
}

Result<AskedReview> ask_for_review(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                                   const accounts::User& by, CivilDate today) {
  auto in = planning::review_request_from_fields(fields);
  if (!in) return std::unexpected(in.error());
  for (const auto& open : storage::list_review_requests(c, person.council_id, person.id))
    if (open.reason == in->reason && open.review_status == "due")
      return std::unexpected(FieldErrors{{"reason", "This was asked for on " + display_date(std::string_view(open.asked_at).substr(0, 10)) +
                                                        " and is waiting for the social worker. It is due by " +
                                                        open.due_on.display() + "."}});
  planning::PlanReview review;
  review.council_id = person.council_id;
  review.person_id = person.id;
  // The plan in force is the one to review, when there is one. Its number is
  // left out on purpose: approving a newer version replaces the reviews due
  // for that plan number (storage::replace_due_reviews), and a request the
  // person made must stay on the list until a worker has answered it.
  auto plans = storage::plans_in_force(c, person.council_id, person.id, today);
  if (!plans.empty()) review.plan_id = plans.front().id;
  review.kind = "requested";
  review.due_on = planning::review_request_due(today, review_request_days_for(c, person.council_id, in->reason));
  review.status = "due";
  review.id = storage::insert_review(c, review, by.id);
  const auto id = storage::insert_review_request(c, person.council_id, person.id, review.id, in->reason, in->details, by.id,
                                                 by.display_name);
  return AskedReview{id, review};
}

std::vector<storage::ReviewRequestRow> review_requests(storage::Connection& c, const people::Person& person) {
  return storage::list_review_requests(c, person.council_id, person.id);
}

Result<int> set_review_request_days(storage::Connection& c, CouncilId council, const people::Fields& fields) {
  FieldErrors errors;
  people::FieldReader r{fields, errors, CivilDate::today_utc()};
  const std::string reason = r.text("reason", "the reason", true, 100);
  if (!reason.empty() && !planning::review_request_reason(reason))
    errors.push_back({"reason", "Choose a reason from the list: '" + reason + "' is not one"});
  auto days = r.whole_number("days", "number of days", planning::kMinReviewRequestDays, planning::kMaxReviewRequestDays, true);
  if (!errors.empty()) return std::unexpected(errors);
  storage::set_review_request_days(c, council, reason, *days);
  return *days;
}

}  // namespace patchwork::services
