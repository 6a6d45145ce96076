#include "storage/repositories/audit_repository.hpp"

#include "core/date.hpp"

namespace patchwork::storage {
namespace {

constexpr Statement kAppend{"append_audit",
    "INSERT INTO audit_log (council_id, occurred_at, user_id, username, role, action, person_id, outcome, reason, "
    "request_id, address) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"};

// Optional filters are bound as NULL when absent, so one prepared statement
// serves every combination and nothing is concatenated into the SQL.
constexpr Statement kSearch{"search_audit",
    "SELECT id, council_id, occurred_at, user_id, username, role, action, person_id, outcome, reason, request_id, address "
    "FROM audit_log WHERE council_id = $1 "
    "AND ($2 = 0 OR person_id = $2) "
    "AND ($3 = '' OR username = $3) "
    "AND occurred_at >= $4 AND occurred_at < $5 "
    "ORDER BY occurred_at DESC, id DESC LIMIT $6 OFFSET $7"};

}  // namespace

void append_audit(Connection& c, const audit::AuditEntry& e) {
  c.execute(kAppend, {opt(e.council_id), e.occurred_at.empty() ? utc_timestamp_now() : e.occurred_at, opt(e.user_id),
                      e.username, opt(e.role), e.action, opt(e.person_id), e.outcome, e.reason, e.request_id, e.address});
}

std::vector<audit::AuditEntry> search_audit(Connection& c, const audit::AuditQuery& q) {
  // Dates are inclusive civil dates; timestamps sort as text, so the day after
  // the end date at midnight is the exclusive upper bound.
  std::string from = q.from_date ? *q.from_date + "T00:00:00Z" : "0000-01-01T00:00:00Z";
  std::string to = "9999-12-31T23:59:59Z";
  if (q.to_date) {
    if (auto d = CivilDate::parse_iso(*q.to_date)) to = d->plus_days(1).iso() + "T00:00:00Z";
  }
  Rows rows = c.query(kSearch, {q.council_id, q.person_id.value_or(0), q.username.value_or(""), from, to,
                                std::int64_t(q.limit), std::int64_t(q.offset)});
  std::vector<audit::AuditEntry> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    out.push_back({r.int64(0), r.opt_int64(1), r.text(2), r.opt_int64(3), r.text(4), r.opt_text(5), r.text(6),
                   r.opt_int64(7), r.text(8), r.text(9), r.text(10), r.text(11)});
  }
  return out;
}

}  // namespace patchwork::storage
