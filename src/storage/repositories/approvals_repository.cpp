#include "storage/repositories/approvals_repository.hpp"

#include "core/date.hpp"

namespace patchwork::storage {
namespace {

#define PW_THRESHOLD_COLUMNS                                                                                         \
  "id, version, name, effective_from, social_worker_pence, team_manager_pence, head_of_service_pence, panel, "       \
  "author_self_approval_pence, interim_pence"
constexpr Statement kInsertThresholds{"insert_approval_thresholds",
    "INSERT INTO approval_thresholds (council_id, version, name, effective_from, social_worker_pence, team_manager_pence, "
    "head_of_service_pence, panel, author_self_approval_pence, interim_pence, definition, loaded_by, loaded_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id"};
constexpr Statement kListThresholds{"list_approval_thresholds",
    "SELECT " PW_THRESHOLD_COLUMNS " FROM approval_thresholds WHERE council_id = $1 ORDER BY version DESC"};
constexpr Statement kFindThresholds{"find_approval_thresholds",
    "SELECT " PW_THRESHOLD_COLUMNS " FROM approval_thresholds WHERE council_id = $1 AND id = $2"};
#undef PW_THRESHOLD_COLUMNS
constexpr Statement kThresholdsLoads{"approval_thresholds_loads",
    "SELECT t.id, t.loaded_at, COALESCE(u.display_name, 'the patchwork command') FROM approval_thresholds t "
    "LEFT JOIN users u ON u.id = t.loaded_by AND u.council_id = t.council_id WHERE t.council_id = $1 ORDER BY t.version DESC"};

#define PW_REQUEST_COLUMNS                                                                                              \
  "id, council_id, person_id, plan_id, plan_version, weekly_cost_pence, indicative_weekly_pence, interim, author_id, "  \
  "submitted_at, queued_for, status, decided_by, decided_at, decided_as, thresholds_id, decision_text, variance_reason, " \
  "variance_text, finance_acknowledged_by, finance_acknowledged_at, one_off_cost_pence"
constexpr Statement kInsertRequest{"insert_approval_request",
    "INSERT INTO approval_requests (council_id, person_id, plan_id, plan_version, weekly_cost_pence, indicative_weekly_pence, interim, "
    "author_id, submitted_at, queued_for, status, decision_text, variance_reason, variance_text, one_off_cost_pence) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', '', $11, $12, $13) RETURNING id"};
constexpr Statement kFindRequest{"find_approval_request",
    "SELECT " PW_REQUEST_COLUMNS " FROM approval_requests WHERE council_id = $1 AND id = $2"};
constexpr Statement kPendingRequests{"list_pending_approval_requests",
    "SELECT " PW_REQUEST_COLUMNS " FROM approval_requests WHERE council_id = $1 AND status = 'pending' ORDER BY submitted_at, id"};
constexpr Statement kAwaitingAcknowledgement{"list_awaiting_acknowledgement",
    "SELECT " PW_REQUEST_COLUMNS " FROM approval_requests WHERE council_id = $1 AND status = 'approved' "
    "AND finance_acknowledged_at IS NULL ORDER BY decided_at, id"};
constexpr Statement kPersonRequests{"list_approval_requests_for_person",
    "SELECT " PW_REQUEST_COLUMNS " FROM approval_requests WHERE council_id = $1 AND person_id = $2 ORDER BY submitted_at DESC, id DESC"};
#undef PW_REQUEST_COLUMNS
constexpr Statement kRecordDecision{"record_approval_decision",
    "UPDATE approval_requests SET status = $3, decided_by = $4, decided_at = $5, decided_as = $6, thresholds_id = $7, "
    "decision_text = $8, variance_reason = $9, variance_text = $10 WHERE council_id = $1 AND id = $2 AND status = 'pending'"};
constexpr Statement kRecordAcknowledgement{"record_finance_acknowledgement",
    "UPDATE approval_requests SET finance_acknowledged_by = $3, finance_acknowledged_at = $4 "
    "WHERE council_id = $1 AND id = $2 AND status = 'approved' AND finance_acknowledged_at IS NULL"};
constexpr Statement kDecidedRows{"decided_approval_requests",
    "SELECT r.weekly_cost_pence, p.date_of_birth, r.submitted_at, r.decided_at FROM approval_requests r "
    "JOIN people p ON p.council_id = r.council_id AND p.id = r.person_id "
    "WHERE r.council_id = $1 AND r.status <> 'pending' AND r.decided_at IS NOT NULL"};
constexpr Statement kFinanceAcknowledgement{"finance_acknowledgement", "SELECT finance_acknowledgement FROM councils WHERE id = $1"};
constexpr Statement kSetFinanceAcknowledgement{"set_finance_acknowledgement",
    "UPDATE councils SET finance_acknowledgement = $2 WHERE id = $1"};

std::optional<Money> opt_money(const Row& r, std::size_t i) {
  auto v = r.opt_int64(i);
  return v ? std::optional<Money>(Money::from_pence(*v)) : std::nullopt;
}
Value opt_pence(const std::optional<Money>& m) { return m ? Value(m->pence()) : Value(Null{}); }

planning::ApprovalThresholds thresholds_from(const Row& r) {
  planning::ApprovalThresholds t;
  t.id = r.int64(0);
  t.version = int(r.int64(1));
  t.name = r.text(2);
  t.effective_from = r.date(3);
  t.social_worker = Money::from_pence(r.int64(4));
  t.team_manager = Money::from_pence(r.int64(5));
  t.head_of_service = opt_money(r, 6);
  t.panel = r.int64(7) != 0;
  t.author_self_approval = opt_money(r, 8);
  t.interim = Money::from_pence(r.int64(9));
  return t;
}

planning::ApprovalRequest request_from(const Row& r) {
  planning::ApprovalRequest a;
  a.id = r.int64(0);
  a.council_id = r.id<CouncilId>(1);
  a.person_id = r.id<PersonId>(2);
  a.plan_id = r.int64(3);
  a.plan_version = int(r.int64(4));
  a.weekly_cost = Money::from_pence(r.int64(5));
  a.indicative_weekly = opt_money(r, 6);
  a.interim = r.int64(7) != 0;
  a.author_id = r.id<UserId>(8);
  a.submitted_at = r.text(9);
  a.queued_for = r.text(10);
  a.status = planning::approval_status_from_code(r.text(11)).value_or(planning::ApprovalStatus::Pending);
  a.decided_by = r.opt_id<UserId>(12);
  a.decided_at = r.opt_text(13);
  a.decided_as = r.opt_text(14);
  a.thresholds_id = r.opt_int64(15);
  a.decision_text = r.text(16);
  a.variance_reason = r.opt_text(17);
  a.variance_text = r.text(18);
  a.finance_acknowledged_by = r.opt_id<UserId>(19);
  a.finance_acknowledged_at = r.opt_text(20);
  a.one_off_cost = Money::from_pence(r.int64(21));
  return a;
}

std::vector<planning::ApprovalRequest> requests(Connection& c, const Statement& s, const Params& p) {
  std::vector<planning::ApprovalRequest> out;
  for (const auto& r : c.query(s, p)) out.push_back(request_from(r));
  return out;
}

}  // namespace

std::int64_t insert_approval_thresholds(Connection& c, CouncilId council_id, const planning::ApprovalThresholds& t,
                                        const std::string& definition, std::optional<UserId> loaded_by) {
  return c.query(kInsertThresholds, {council_id, std::int64_t(t.version), t.name, t.effective_from, t.social_worker.pence(),
                                     t.team_manager.pence(), opt_pence(t.head_of_service), std::int64_t(t.panel ? 1 : 0),
                                     opt_pence(t.author_self_approval), t.interim.pence(), definition, opt(loaded_by),
                                     utc_timestamp_now()})
      .at(0).int64(0);
}

std::vector<planning::ApprovalThresholds> list_approval_thresholds(Connection& c, CouncilId council_id) {
  std::vector<planning::ApprovalThresholds> out;
  for (const auto& r : c.query(kListThresholds, {council_id})) out.push_back(thresholds_from(r));
  return out;
}

std::optional<planning::ApprovalThresholds> find_approval_thresholds(Connection& c, CouncilId council_id, std::int64_t id) {
  auto rows = c.query(kFindThresholds, {council_id, id});
  if (rows.empty()) return std::nullopt;
  return thresholds_from(rows.front());
}

std::vector<ThresholdsLoad> approval_thresholds_loads(Connection& c, CouncilId council_id) {
  std::vector<ThresholdsLoad> out;
  for (const auto& r : c.query(kThresholdsLoads, {council_id})) out.push_back({r.int64(0), r.text(1), r.text(2)});
  return out;
}

std::int64_t insert_approval_request(Connection& c, const planning::ApprovalRequest& a) {
  return c.query(kInsertRequest, {a.council_id, a.person_id, a.plan_id, std::int64_t(a.plan_version), a.weekly_cost.pence(),
                                  opt_pence(a.indicative_weekly), std::int64_t(a.interim ? 1 : 0), a.author_id, a.submitted_at,
                                  a.queued_for, opt(a.variance_reason), a.variance_text, a.one_off_cost.pence()})
      .at(0).int64(0);
}

std::optional<planning::ApprovalRequest> find_approval_request(Connection& c, CouncilId council_id, std::int64_t id) {
  auto rows = c.query(kFindRequest, {council_id, id});
  if (rows.empty()) return std::nullopt;
  return request_from(rows.front());
}

std::vector<planning::ApprovalRequest> list_pending_approval_requests(Connection& c, CouncilId council_id) {
  return requests(c, kPendingRequests, {council_id});
}

std::vector<planning::ApprovalRequest> list_awaiting_acknowledgement(Connection& c, CouncilId council_id) {
  return requests(c, kAwaitingAcknowledgement, {council_id});
}

std::vector<planning::ApprovalRequest> list_approval_requests_for_person(Connection& c, CouncilId council_id, PersonId person_id) {
  return requests(c, kPersonRequests, {council_id, person_id});
}

bool record_approval_decision(Connection& c, const planning::ApprovalRequest& a) {
  return c.execute(kRecordDecision, {a.council_id, a.id, std::string(planning::approval_status_code(a.status)), opt(a.decided_by),
                                     opt(a.decided_at), opt(a.decided_as), opt(a.thresholds_id), a.decision_text,
                                     opt(a.variance_reason), a.variance_text}) == 1;
}

bool record_finance_acknowledgement(Connection& c, const planning::ApprovalRequest& a) {
  return c.execute(kRecordAcknowledgement, {a.council_id, a.id, opt(a.finance_acknowledged_by), opt(a.finance_acknowledged_at)}) == 1;
}

void for_each_decided_request(Connection& c, CouncilId council_id, const std::function<void(const DecidedRow&)>& row) {
  c.for_each(kDecidedRows, {council_id}, [&row](const Row& r) { row({r.int64(0), r.date(1), r.text(2), r.text(3)}); });
}

bool finance_acknowledgement(Connection& c, CouncilId council_id) {
  auto rows = c.query(kFinanceAcknowledgement, {council_id});
  return !rows.empty() && rows.front().int64(0) != 0;
}

void set_finance_acknowledgement(Connection& c, CouncilId council_id, bool on) {
  c.execute(kSetFinanceAcknowledgement, {council_id, std::int64_t(on ? 1 : 0)});
}

}  // namespace patchwork::storage
