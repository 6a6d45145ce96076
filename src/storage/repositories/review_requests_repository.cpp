#include "storage/repositories/review_requests_repository.hpp"

namespace patchwork::storage {
namespace {

constexpr Statement kInsert{"insert_review_request",
    "INSERT INTO review_requests (council_id, person_id, review_id, reason, details, asked_by, asked_by_name, asked_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"};
#define PW_REQUEST_SELECT                                                                                              \
  "SELECT q.id, q.council_id, q.person_id, q.review_id, q.reason, q.details, q.asked_by_name, q.asked_at, r.due_on, " \
  "r.status, r.done_on, r.outcome FROM review_requests q JOIN plan_reviews r ON r.council_id = q.council_id AND r.id = q.review_id "
constexpr Statement kList{"list_review_requests",
    PW_REQUEST_SELECT "WHERE q.council_id = $1 AND q.person_id = $2 ORDER BY q.asked_at DESC, q.id DESC"};
constexpr Statement kForReview{"review_request_for_review", PW_REQUEST_SELECT "WHERE q.council_id = $1 AND q.review_id = $2"};
#undef PW_REQUEST_SELECT
constexpr Statement kDays{"review_request_days",
    "SELECT days FROM review_request_settings WHERE council_id = $1 AND reason = $2"};
constexpr Statement kSetDays{"set_review_request_days",
    "INSERT INTO review_request_settings (council_id, reason, days) VALUES ($1, $2, $3) "
    "ON CONFLICT (council_id, reason) DO UPDATE SET days = excluded.days"};
// Looks, not writes: the policy's view actions and a listing, allowed, by
// anyone but the reader, newest first.
constexpr Statement kLooks{"latest_record_looks",
    "SELECT occurred_at, role, action FROM audit_log WHERE council_id = $1 AND person_id = $2 AND outcome = 'allowed' "
    "AND user_id IS NOT NULL AND user_id <> $3 AND action IN ('view_person_record', 'view_finance', 'view_plan', 'view_budget', "
    "'view_ledger', 'list_person', 'view_characteristics', 'manage_payment_details', 'view_bank_details') "
    "ORDER BY occurred_at DESC, id DESC LIMIT $4"};

ReviewRequestRow from(const Row& r) {
  ReviewRequestRow v;
  v.id = r.int64(0);
  v.council_id = r.id<CouncilId>(1);
  v.person_id = r.id<PersonId>(2);
  v.review_id = r.int64(3);
  v.reason = r.text(4);
  v.details = r.text(5);
  v.asked_by_name = r.text(6);
  v.asked_at = r.text(7);
  v.due_on = r.date(8);
  v.review_status = r.text(9);
  v.done_on = r.opt_date(10);
  v.outcome = r.text(11);
  return v;
}

}  // namespace

std::int64_t insert_review_request(Connection& c, CouncilId council_id, PersonId person_id, std::int64_t review_id,
                                   const std::string& reason, const std::string& details, std::optional<UserId> asked_by,
                                   const std::string& asked_by_name) {
  return c.query(kInsert, {council_id, person_id, review_id, reason, details, opt(asked_by), asked_by_name, utc_timestamp_now()})
      .front()
      .int64(0);
}

std::vector<ReviewRequestRow> list_review_requests(Connection& c, CouncilId council_id, PersonId person_id) {
  std::vector<ReviewRequestRow> out;
  for (const auto& r : c.query(kList, {council_id, person_id})) out.push_back(from(r));
  return out;
}

std::optional<ReviewRequestRow> review_request_for_review(Connection& c, CouncilId council_id, std::int64_t review_id) {
  auto rows = c.query(kForReview, {council_id, review_id});
  if (rows.empty()) return std::nullopt;
  return from(rows.front());
}

std::optional<int> review_request_days(Connection& c, CouncilId council_id, const std::string& reason) {
  auto rows = c.query(kDays, {council_id, reason});
  if (rows.empty()) return std::nullopt;
  return int(rows.front().int64(0));
}

void set_review_request_days(Connection& c, CouncilId council_id, const std::string& reason, int days) {
  c.execute(kSetDays, {council_id, reason, days});
}

std::vector<RecordLook> latest_looks(Connection& c, CouncilId council_id, PersonId person_id, UserId except, int limit) {
  std::vector<RecordLook> out;
  for (const auto& r : c.query(kLooks, {council_id, person_id, except, std::int64_t(limit)}))
    out.push_back({r.text(0), r.text(1), r.text(2)});
  return out;
}

}  // namespace patchwork::storage
