#include "storage/repositories/reviews_repository.hpp"

namespace patchwork::storage {
namespace {

#define PW_REVIEW_COLUMNS                                                                                             \
  "r.id, r.council_id, r.person_id, r.plan_id, r.plan_number, r.kind, r.part_key, r.earliest_on, r.due_on, r.status, " \
  "r.done_on, r.done_by, r.outcome, r.notes"
constexpr Statement kInsertReview{"insert_plan_review",
    "INSERT INTO plan_reviews (council_id, person_id, plan_id, plan_number, kind, part_key, earliest_on, due_on, status, done_on, "
    "done_by, outcome, notes, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
    "RETURNING id"};
constexpr Statement kReplaceDue{"replace_due_plan_reviews",
    "UPDATE plan_reviews SET status = 'replaced' WHERE council_id = $1 AND person_id = $2 AND plan_number = $3 AND status = 'due'"};
// Only a review still due is marked done: a second recording of the same
// review (a double submit, or two workers at once) changes nothing.
constexpr Statement kMarkDone{"mark_plan_review_done",
    "UPDATE plan_reviews SET status = 'done', done_on = $3, done_by = $4, outcome = $5, notes = $6, recorded_by = $7, "
    "recorded_at = $8 WHERE council_id = $1 AND id = $2 AND status = 'due' RETURNING id"};
constexpr Statement kFindReview{"find_plan_review",
    "SELECT " PW_REVIEW_COLUMNS " FROM plan_reviews r WHERE r.council_id = $1 AND r.person_id = $2 AND r.id = $3"};
constexpr Statement kListReviews{"list_plan_reviews",
    "SELECT " PW_REVIEW_COLUMNS " FROM plan_reviews r WHERE r.council_id = $1 AND r.person_id = $2 "
    "ORDER BY CASE r.status WHEN 'due' THEN 0 ELSE 1 END, CASE r.status WHEN 'due' THEN r.due_on ELSE '' END, "
    "COALESCE(r.done_on, '') DESC, r.id DESC"};
// Nobody whose support has ended (a death, a move, needs met) is due a
// review: a caseload must not tell a worker to review someone who has died.
#define PW_SUPPORT_GOES_ON(alias) \
  "NOT EXISTS (SELECT 1 FROM support_endings e WHERE e.council_id = " alias ".council_id AND e.person_id = " alias ".person_id) "
constexpr Statement kDueCouncil{"plan_reviews_due_council",
    "SELECT " PW_REVIEW_COLUMNS " FROM plan_reviews r WHERE r.council_id = $1 AND r.status = 'due' AND " PW_SUPPORT_GOES_ON("r")
    "ORDER BY r.due_on, r.person_id"};
constexpr Statement kDueWorker{"plan_reviews_due_worker",
    "SELECT " PW_REVIEW_COLUMNS " FROM plan_reviews r JOIN worker_allocations w ON w.council_id = r.council_id AND w.person_id = r.person_id "
    "WHERE r.council_id = $1 AND w.user_id = $2 AND r.status = 'due' AND " PW_SUPPORT_GOES_ON("r") "ORDER BY r.due_on, r.person_id"};
#undef PW_REVIEW_COLUMNS

// The agreements of the budget version in effect on the date, each with the
// latest direct payment review recorded for its part.
#define PW_DP_REVIEWS                                                                                                        \
  "SELECT a.id, a.council_id, a.person_id, a.budget_id, a.part_key, a.signed_on, a.signed_by, a.first_payment_on, a.review_on, " \
  "(SELECT MAX(r.done_on) FROM plan_reviews r WHERE r.council_id = a.council_id AND r.person_id = a.person_id "             \
  "AND r.kind = 'direct_payment' AND r.part_key = a.part_key AND r.status = 'done') "                                       \
  "FROM direct_payment_agreements a JOIN personal_budgets b ON b.council_id = a.council_id AND b.id = a.budget_id "
#define PW_DP_CURRENT                                                                                                   \
  "b.id = (SELECT x.id FROM personal_budgets x WHERE x.council_id = b.council_id AND x.person_id = b.person_id "        \
  "AND x.effective_from <= $2 ORDER BY x.effective_from DESC, x.version DESC LIMIT 1) AND " PW_SUPPORT_GOES_ON("a")
constexpr Statement kDpCouncil{"direct_payment_reviews_council",
    PW_DP_REVIEWS "WHERE a.council_id = $1 AND " PW_DP_CURRENT "ORDER BY a.person_id, a.part_key, a.id"};
constexpr Statement kDpWorker{"direct_payment_reviews_worker",
    PW_DP_REVIEWS "JOIN worker_allocations w ON w.council_id = a.council_id AND w.person_id = a.person_id "
    "WHERE a.council_id = $1 AND w.user_id = $3 AND " PW_DP_CURRENT "ORDER BY a.person_id, a.part_key, a.id"};
constexpr Statement kDpPerson{"direct_payment_reviews_person",
    PW_DP_REVIEWS "WHERE a.council_id = $1 AND a.person_id = $3 AND " PW_DP_CURRENT "ORDER BY a.part_key, a.id"};
#undef PW_DP_REVIEWS
#undef PW_DP_CURRENT
#undef PW_SUPPORT_GOES_ON

planning::PlanReview review_from(const Row& r) {
  planning::PlanReview v;
  v.id = r.int64(0);
  v.council_id = r.id<CouncilId>(1);
  v.person_id = r.id<PersonId>(2);
  v.plan_id = r.opt_int64(3);
  if (auto n = r.opt_int64(4)) v.plan_number = int(*n);
  v.kind = r.text(5);
  v.part_key = r.text(6);
  v.earliest_on = r.opt_date(7);
  v.due_on = r.date(8);
  v.status = r.text(9);
  v.done_on = r.opt_date(10);
  v.done_by = r.text(11);
  v.outcome = r.text(12);
  v.notes = r.text(13);
  return v;
}

std::optional<std::int64_t> opt_number(const std::optional<int>& n) {
  return n ? std::optional<std::int64_t>(*n) : std::nullopt;
}

}  // namespace

std::int64_t insert_review(Connection& c, const planning::PlanReview& r, std::optional<UserId> recorded_by) {
  return c.query(kInsertReview, {r.council_id, r.person_id, opt(r.plan_id), opt(opt_number(r.plan_number)), r.kind, r.part_key,
                                 opt(r.earliest_on), r.due_on.iso(), r.status, opt(r.done_on), r.done_by, r.outcome, r.notes,
                                 opt(recorded_by), utc_timestamp_now()})
      .at(0).int64(0);
}

void replace_due_reviews(Connection& c, CouncilId council_id, PersonId person_id, int plan_number) {
  c.execute(kReplaceDue, {council_id, person_id, plan_number});
}

bool mark_review_done(Connection& c, const planning::PlanReview& d, std::optional<UserId> recorded_by) {
  return !c.query(kMarkDone, {d.council_id, d.id, opt(d.done_on), d.done_by, d.outcome, d.notes, opt(recorded_by), utc_timestamp_now()})
              .empty();
}

std::optional<planning::PlanReview> find_review(Connection& c, CouncilId council_id, PersonId person_id, std::int64_t id) {
  auto rows = c.query(kFindReview, {council_id, person_id, id});
  if (rows.empty()) return std::nullopt;
  return review_from(rows.front());
}

std::vector<planning::PlanReview> list_reviews(Connection& c, CouncilId council_id, PersonId person_id) {
  std::vector<planning::PlanReview> out;
  for (const auto& r : c.query(kListReviews, {council_id, person_id})) out.push_back(review_from(r));
  return out;
}

std::vector<planning::PlanReview> plan_reviews_due(Connection& c, CouncilId council_id, std::optional<UserId> worker) {
  std::vector<planning::PlanReview> out;
  auto rows = worker ? c.query(kDueWorker, {council_id, *worker}) : c.query(kDueCouncil, {council_id});
  for (const auto& r : rows) out.push_back(review_from(r));
  return out;
}

std::vector<DirectPaymentReviewBasis> direct_payment_reviews(Connection& c, CouncilId council_id, std::optional<UserId> worker,
                                                             CivilDate today, std::optional<PersonId> person) {
  std::vector<DirectPaymentReviewBasis> out;
  auto rows = person   ? c.query(kDpPerson, {council_id, today, *person})
              : worker ? c.query(kDpWorker, {council_id, today, *worker})
                       : c.query(kDpCouncil, {council_id, today});
  for (const auto& r : rows) {
    DirectPaymentReviewBasis b;
    b.person_id = r.id<PersonId>(2);
    auto& a = b.agreement;
    a.id = r.int64(0);
    a.council_id = r.id<CouncilId>(1);
    a.person_id = b.person_id;
    a.budget_id = r.int64(3);
    a.part_key = r.text(4);
    a.signed_on = r.date(5);
    a.signed_by = r.text(6);
    a.first_payment_on = r.opt_date(7);
    a.review_on = r.date(8);
    b.last_done = r.opt_date(9);
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace patchwork::storage
