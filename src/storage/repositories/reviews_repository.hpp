#pragma once
// Reviews of support plans and of direct payments (migration 0016): scheduled
// ('due'), recorded ('done'), or replaced by a newer approved plan version.
// Every function takes the council and filters by it in the SQL.
#include <optional>
#include <vector>

#include "domain/planning/reviews.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

std::int64_t insert_review(Connection& c, const planning::PlanReview& r, std::optional<UserId> recorded_by);
// Marks the reviews still due for this plan of the person replaced (a newer version was approved).
void replace_due_reviews(Connection& c, CouncilId council_id, PersonId person_id, int plan_number);
// Records a scheduled review done. False when it is not (or no longer) due.
bool mark_review_done(Connection& c, const planning::PlanReview& done, std::optional<UserId> recorded_by);
std::optional<planning::PlanReview> find_review(Connection& c, CouncilId council_id, PersonId person_id, std::int64_t id);
// Every review of the person, due first (soonest first), then done (latest first).
std::vector<planning::PlanReview> list_reviews(Connection& c, CouncilId council_id, PersonId person_id);

// The plan reviews due in a caseload (`worker`) or the council, soonest first.
std::vector<planning::PlanReview> plan_reviews_due(Connection& c, CouncilId council_id, std::optional<UserId> worker);

// Each direct-payment part of the budget in effect on `today` with an
// agreement, with the latest direct payment review recorded for it: what
// planning::direct_payment_review_due needs. A caseload's, or the council's.
struct DirectPaymentReviewBasis {
  PersonId person_id{};
  budgets::DirectPaymentAgreement agreement;
  std::optional<CivilDate> last_done;
};
std::vector<DirectPaymentReviewBasis> direct_payment_reviews(Connection& c, CouncilId council_id, std::optional<UserId> worker,
                                                             CivilDate today, std::optional<PersonId> person = std::nullopt);

}  // namespace patchwork::storage
