#include "storage/repositories/monitoring_repository.hpp"

#include "core/text.hpp"

namespace patchwork::storage {
namespace {

using namespace monitoring;

constexpr Statement kSettingsHistory{"monitoring_settings_history",
    "SELECT effective_from, first_review_from_weeks, first_review_by_weeks, low_risk_weeks, higher_risk_weeks, no_spending_weeks, "
    "lookback_weeks, cash_threshold_pence, default_blocked_merchant_codes FROM monitoring_settings WHERE council_id = $1 "
    "ORDER BY effective_from"};
constexpr Statement kSaveSettings{"save_monitoring_settings",
    "INSERT INTO monitoring_settings (council_id, effective_from, first_review_from_weeks, first_review_by_weeks, low_risk_weeks, "
    "higher_risk_weeks, no_spending_weeks, lookback_weeks, cash_threshold_pence, default_blocked_merchant_codes, changed_by, changed_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (council_id, effective_from) DO UPDATE SET "
    "first_review_from_weeks = excluded.first_review_from_weeks, first_review_by_weeks = excluded.first_review_by_weeks, "
    "low_risk_weeks = excluded.low_risk_weeks, higher_risk_weeks = excluded.higher_risk_weeks, "
    "no_spending_weeks = excluded.no_spending_weeks, lookback_weeks = excluded.lookback_weeks, "
    "cash_threshold_pence = excluded.cash_threshold_pence, default_blocked_merchant_codes = excluded.default_blocked_merchant_codes, "
    "changed_by = excluded.changed_by, changed_at = excluded.changed_at"};

constexpr Statement kControlsHistory{"spending_controls_history",
    "SELECT s.id, s.blocked_merchant_codes, s.cash_allowed, s.cash_threshold_pence, s.reason, s.what_changed, u.display_name, s.changed_at "
    "FROM spending_controls s LEFT JOIN users u ON u.id = s.changed_by "
    "WHERE s.council_id = $1 AND s.person_id = $2 AND s.plan_number = $3 ORDER BY s.id DESC"};
constexpr Statement kInsertControls{"insert_spending_controls",
    "INSERT INTO spending_controls (council_id, person_id, plan_number, blocked_merchant_codes, cash_allowed, cash_threshold_pence, "
    "reason, what_changed, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"};

#define PW_FLAG_COLUMNS                                                                                                \
  "f.id, f.council_id, f.account_id, f.person_id, p.given_name, p.family_name, f.part_key, f.kind, f.subject, f.state, " \
  "f.outcome, f.raised_on, f.last_seen_on, f.evidence_summary, f.evidence_details, f.evidence_line_ids, f.amount_pence, f.raised_at"
#define PW_FLAG_FROM " FROM monitoring_flags f JOIN people p ON p.id = f.person_id "
constexpr Statement kFindFlag{"find_monitoring_flag", "SELECT " PW_FLAG_COLUMNS PW_FLAG_FROM "WHERE f.council_id = $1 AND f.id = $2"};
constexpr Statement kFindUnclosed{"find_unclosed_monitoring_flag",
    "SELECT " PW_FLAG_COLUMNS PW_FLAG_FROM
    "WHERE f.council_id = $1 AND f.account_id = $2 AND f.kind = $3 AND f.subject = $4 AND f.state <> 'closed'"};
// Open first, then looked at, then closed; oldest raised first within each.
// Each filter is "no filter" when its parameter is NULL.
constexpr Statement kListFlags{"list_monitoring_flags",
    "SELECT " PW_FLAG_COLUMNS PW_FLAG_FROM
    "WHERE f.council_id = $1 AND (CAST($2 AS TEXT) IS NULL OR f.state = CAST($2 AS TEXT)) AND (CAST($3 AS TEXT) IS NULL OR f.kind = CAST($3 AS TEXT)) "
    "AND (CAST($4 AS BIGINT) IS NULL OR f.person_id = CAST($4 AS BIGINT)) AND (CAST($5 AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM worker_allocations w "
    "WHERE w.council_id = f.council_id AND w.person_id = f.person_id AND w.user_id = CAST($5 AS BIGINT))) "
    "ORDER BY CASE f.state WHEN 'open' THEN 0 WHEN 'looked_at' THEN 1 ELSE 2 END, f.raised_on, f.id LIMIT 500"};
#undef PW_FLAG_COLUMNS
#undef PW_FLAG_FROM
constexpr Statement kInsertFlag{"insert_monitoring_flag",
    "INSERT INTO monitoring_flags (council_id, account_id, person_id, part_key, kind, subject, state, outcome, raised_on, last_seen_on, "
    "evidence_summary, evidence_details, evidence_line_ids, amount_pence, raised_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, 'open', NULL, $7, $7, $8, $9, $10, $11, $12) RETURNING id"};
constexpr Statement kUpdateEvidence{"update_monitoring_flag_evidence",
    "UPDATE monitoring_flags SET last_seen_on = $3, evidence_summary = $4, evidence_details = $5, evidence_line_ids = $6, "
    "amount_pence = $7 WHERE council_id = $1 AND id = $2"};
constexpr Statement kMoveFlag{"move_monitoring_flag",
    "UPDATE monitoring_flags SET state = $4, outcome = $5 WHERE council_id = $1 AND id = $2 AND state = $3"};
constexpr Statement kWorkedBefore{"monitoring_worked_before",
    "SELECT f.evidence_line_ids, (SELECT MAX(e.at) FROM monitoring_flag_events e WHERE e.council_id = f.council_id AND e.flag_id = f.id) "
    "FROM monitoring_flags f WHERE f.council_id = $1 AND f.account_id = $2 AND f.kind = $3 AND f.subject = $4 AND f.state = 'closed'"};
constexpr Statement kOpenCount{"monitoring_open_flag_count",
    "SELECT COUNT(*) FROM monitoring_flags WHERE council_id = $1 AND account_id = $2 AND state <> 'closed'"};

constexpr Statement kInsertEvent{"insert_monitoring_flag_event",
    "INSERT INTO monitoring_flag_events (council_id, flag_id, state, outcome, note, by_user, at) VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr Statement kEvents{"monitoring_flag_events",
    "SELECT e.state, e.outcome, e.note, u.display_name, e.at FROM monitoring_flag_events e LEFT JOIN users u ON u.id = e.by_user "
    "WHERE e.council_id = $1 AND e.flag_id = $2 ORDER BY e.id"};
constexpr Statement kAccountOutcomes{"monitoring_account_outcomes",
    "SELECT e.outcome, e.at FROM monitoring_flag_events e JOIN monitoring_flags f ON f.council_id = e.council_id AND f.id = e.flag_id "
    "WHERE e.council_id = $1 AND f.account_id = $2 AND e.outcome IS NOT NULL ORDER BY e.id"};

#define PW_RECOVERY_COLUMNS                                                                                       \
  "r.id, r.flag_id, r.amount_pence, r.state, r.prepared_by, pu.display_name, r.prepared_at, r.decided_by, du.display_name, " \
  "r.decided_at, r.decision_note, r.transfer_id"
#define PW_RECOVERY_FROM " FROM surplus_recoveries r JOIN users pu ON pu.id = r.prepared_by LEFT JOIN users du ON du.id = r.decided_by "
constexpr Statement kInsertRecovery{"insert_surplus_recovery",
    "INSERT INTO surplus_recoveries (council_id, flag_id, amount_pence, state, prepared_by, prepared_at) "
    "VALUES ($1, $2, $3, 'prepared', $4, $5) RETURNING id"};
constexpr Statement kFlagRecoveries{"flag_surplus_recoveries",
    "SELECT " PW_RECOVERY_COLUMNS PW_RECOVERY_FROM "WHERE r.council_id = $1 AND r.flag_id = $2 ORDER BY r.id DESC"};
constexpr Statement kFindRecovery{"find_surplus_recovery",
    "SELECT " PW_RECOVERY_COLUMNS PW_RECOVERY_FROM "WHERE r.council_id = $1 AND r.id = $2"};
#undef PW_RECOVERY_COLUMNS
#undef PW_RECOVERY_FROM
constexpr Statement kDecideRecovery{"decide_surplus_recovery",
    "UPDATE surplus_recoveries SET state = $3, decided_by = $4, decided_at = $5, decision_note = $6, transfer_id = $7 "
    "WHERE council_id = $1 AND id = $2 AND state = 'prepared'"};

// Migration 0019's SEAM columns only.
constexpr Statement kLines{"monitoring_statement_lines",
    "SELECT id, booking_date, amount_pence, payee, description, merchant_category_code, cash, category FROM statement_lines "
    "WHERE council_id = $1 AND account_id = $2 AND booking_date >= $3 AND booking_date <= $4 ORDER BY booking_date, id"};

std::string codes_text(const std::vector<int>& codes) {
  std::string s;
  for (int c : codes) s += (s.empty() ? "" : ",") + std::to_string(c);
  return s;
}
std::vector<int> codes_from(const std::string& text) {
  std::vector<int> out;
  for (const auto& piece : split(text, ','))
    if (auto n = parse_id(trim(piece))) out.push_back(int(*n));
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += (s.empty() ? "" : "\n") + l;
  return s;
}
std::string ids_text(const std::vector<std::int64_t>& ids) {
  std::string s;
  for (auto id : ids) s += (s.empty() ? "" : ",") + std::to_string(id);
  return s;
}

Flag flag_from(const Row& r) {
  Flag f;
  f.id = r.int64(0);
  f.council_id = r.id<CouncilId>(1);
  f.account_id = r.int64(2);
  f.person_id = r.id<PersonId>(3);
  f.person_name = r.text(4) + " " + r.text(5);
  f.part_key = r.text(6);
  f.kind = flag_kind_from_code(r.text(7)).value_or(FlagKind::AboveReserve);
  f.subject = r.text(8);
  f.state = flag_state_from_code(r.text(9)).value_or(FlagState::Open);
  if (auto o = r.opt_text(10)) f.outcome = outcome_from_code(*o);
  f.raised_on = r.date(11);
  f.last_seen_on = r.date(12);
  f.evidence.summary = r.text(13);
  for (const auto& l : split(r.text(14), '\n'))
    if (!l.empty()) f.evidence.details.push_back(l);
  for (const auto& piece : split(r.text(15), ','))
    if (auto n = parse_id(piece)) f.evidence.line_ids.push_back(*n);
  f.evidence.amount = Money::from_pence(r.int64(16));
  f.raised_at = r.text(17);
  return f;
}

Recovery recovery_from(const Row& r) {
  Recovery x;
  x.id = r.int64(0);
  x.flag_id = r.int64(1);
  x.amount = Money::from_pence(r.int64(2));
  x.state = recovery_state_from_code(r.text(3)).value_or(RecoveryState::Prepared);
  x.prepared_by = r.id<UserId>(4);
  x.prepared_by_name = r.text(5);
  x.prepared_at = r.text(6);
  x.decided_by = r.opt_id<UserId>(7);
  x.decided_by_name = r.text(8);
  x.decided_at = r.text(9);
  x.decision_note = r.text(10);
  x.transfer_id = r.text(11);
  return x;
}

Value opt_outcome(std::optional<Outcome> o) { return o ? Value(std::string(outcome_code(*o))) : Value(Null{}); }

}  // namespace

std::vector<Settings> monitoring_settings_history(Connection& c, CouncilId council) {
  std::vector<Settings> out;
  for (const auto& r : c.query(kSettingsHistory, {council})) {
    Settings s;
    s.effective_from = r.date(0);
    s.first_review_from_weeks = int(r.int64(1));
    s.first_review_by_weeks = int(r.int64(2));
    s.low_risk_weeks = int(r.int64(3));
    s.higher_risk_weeks = int(r.int64(4));
    s.no_spending_weeks = int(r.int64(5));
    s.lookback_weeks = int(r.int64(6));
    s.cash_threshold = Money::from_pence(r.int64(7));
    s.default_blocked_merchant_codes = codes_from(r.text(8));
    out.push_back(std::move(s));
  }
  return out;
}

void save_monitoring_settings(Connection& c, CouncilId council, const Settings& s, std::optional<UserId> by) {
  c.execute(kSaveSettings, {council, s.effective_from, s.first_review_from_weeks, s.first_review_by_weeks, s.low_risk_weeks,
                            s.higher_risk_weeks, s.no_spending_weeks, s.lookback_weeks, s.cash_threshold.pence(),
                            codes_text(s.default_blocked_merchant_codes), opt(by), utc_timestamp_now()});
}

std::vector<StoredControls> controls_history(Connection& c, CouncilId council, PersonId person, int plan_number) {
  std::vector<StoredControls> out;
  for (const auto& r : c.query(kControlsHistory, {council, person, plan_number})) {
    StoredControls s;
    s.id = r.int64(0);
    s.controls.blocked_merchant_codes = codes_from(r.text(1));
    s.controls.cash_allowed = r.int64(2) != 0;
    s.controls.cash_threshold = Money::from_pence(r.int64(3));
    s.reason = r.text(4);
    s.what_changed = r.text(5);
    s.changed_by_name = r.text(6);
    s.changed_at = r.text(7);
    out.push_back(std::move(s));
  }
  return out;
}

void insert_controls(Connection& c, CouncilId council, PersonId person, int plan_number, const Controls& controls,
                     const std::string& reason, const std::string& what_changed, std::optional<UserId> by) {
  c.execute(kInsertControls, {council, person, plan_number, codes_text(controls.blocked_merchant_codes),
                              std::int64_t(controls.cash_allowed ? 1 : 0), controls.cash_threshold.pence(), reason, what_changed, opt(by),
                              utc_timestamp_now()});
}

std::optional<Flag> find_flag(Connection& c, CouncilId council, std::int64_t id) {
  auto rows = c.query(kFindFlag, {council, id});
  if (rows.empty()) return std::nullopt;
  return flag_from(rows.front());
}

std::optional<Flag> find_unclosed_flag(Connection& c, CouncilId council, ledger::AccountId account, FlagKind kind,
                                       const std::string& subject) {
  auto rows = c.query(kFindUnclosed, {council, account, std::string(flag_kind_code(kind)), subject});
  if (rows.empty()) return std::nullopt;
  return flag_from(rows.front());
}

std::int64_t insert_flag(Connection& c, const Flag& f) {
  return c.query(kInsertFlag, {f.council_id, f.account_id, f.person_id, f.part_key, std::string(flag_kind_code(f.kind)), f.subject,
                               f.raised_on, f.evidence.summary, joined(f.evidence.details), ids_text(f.evidence.line_ids),
                               f.evidence.amount.pence(), utc_timestamp_now()})
      .at(0).int64(0);
}

void update_flag_evidence(Connection& c, CouncilId council, std::int64_t id, CivilDate seen_on, const Evidence& e) {
  c.execute(kUpdateEvidence, {council, id, seen_on, e.summary, joined(e.details), ids_text(e.line_ids), e.amount.pence()});
}

bool move_flag(Connection& c, CouncilId council, std::int64_t id, FlagState from, FlagState to, std::optional<Outcome> outcome) {
  return c.execute(kMoveFlag, {council, id, std::string(flag_state_code(from)), std::string(flag_state_code(to)), opt_outcome(outcome)}) == 1;
}

std::vector<Flag> list_flags(Connection& c, CouncilId council, const FlagFilter& filter) {
  std::vector<Flag> out;
  Params params{council,
                filter.state ? Value(std::string(flag_state_code(*filter.state))) : Value(Null{}),
                filter.kind ? Value(std::string(flag_kind_code(*filter.kind))) : Value(Null{}),
                opt(filter.person), opt(filter.allocated_to)};
  for (const auto& r : c.query(kListFlags, params)) out.push_back(flag_from(r));
  return out;
}

WorkedBefore worked_before(Connection& c, CouncilId council, ledger::AccountId account, FlagKind kind, const std::string& subject) {
  WorkedBefore w;
  for (const auto& r : c.query(kWorkedBefore, {council, account, std::string(flag_kind_code(kind)), subject})) {
    for (const auto& piece : split(r.text(0), ','))
      if (auto n = parse_id(piece)) w.line_ids.push_back(*n);
    if (auto d = CivilDate::parse_iso(r.text(1).substr(0, 10)); d && (!w.last_closed_on || *w.last_closed_on < *d)) w.last_closed_on = d;
  }
  return w;
}

int open_flag_count(Connection& c, CouncilId council, ledger::AccountId account) {
  return int(c.query(kOpenCount, {council, account}).at(0).int64(0));
}

void insert_flag_event(Connection& c, CouncilId council, std::int64_t flag_id, FlagState state, std::optional<Outcome> outcome,
                       const std::string& note, std::optional<UserId> by) {
  c.execute(kInsertEvent, {council, flag_id, std::string(flag_state_code(state)), opt_outcome(outcome), note, opt(by), utc_timestamp_now()});
}

std::vector<FlagEvent> flag_events(Connection& c, CouncilId council, std::int64_t flag_id) {
  std::vector<FlagEvent> out;
  for (const auto& r : c.query(kEvents, {council, flag_id})) {
    FlagEvent e;
    e.state = flag_state_from_code(r.text(0)).value_or(FlagState::Open);
    if (auto o = r.opt_text(1)) e.outcome = outcome_from_code(*o);
    e.note = r.text(2);
    e.by_name = r.text(3);
    e.at = r.text(4);
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<OutcomeOn> account_outcomes(Connection& c, CouncilId council, ledger::AccountId account) {
  std::vector<OutcomeOn> out;
  for (const auto& r : c.query(kAccountOutcomes, {council, account})) {
    auto o = outcome_from_code(r.text(0));
    auto d = CivilDate::parse_iso(r.text(1).substr(0, 10));
    if (o && d) out.push_back({*o, *d});
  }
  return out;
}

std::int64_t insert_recovery(Connection& c, CouncilId council, std::int64_t flag_id, Money amount, UserId by) {
  return c.query(kInsertRecovery, {council, flag_id, amount.pence(), by, utc_timestamp_now()}).at(0).int64(0);
}

std::vector<Recovery> flag_recoveries(Connection& c, CouncilId council, std::int64_t flag_id) {
  std::vector<Recovery> out;
  for (const auto& r : c.query(kFlagRecoveries, {council, flag_id})) out.push_back(recovery_from(r));
  return out;
}

std::optional<Recovery> find_recovery(Connection& c, CouncilId council, std::int64_t id) {
  auto rows = c.query(kFindRecovery, {council, id});
  if (rows.empty()) return std::nullopt;
  return recovery_from(rows.front());
}

bool decide_recovery(Connection& c, CouncilId council, std::int64_t id, RecoveryState to, UserId by, const std::string& note,
                     const std::string& transfer_id) {
  return c.execute(kDecideRecovery, {council, id, std::string(recovery_state_code(to)), by, utc_timestamp_now(), note,
                                     transfer_id.empty() ? Value(Null{}) : Value(transfer_id)}) == 1;
}

std::vector<Line> statement_lines_between(Connection& c, CouncilId council, ledger::AccountId account, CivilDate from, CivilDate to) {
  std::vector<Line> out;
  for (const auto& r : c.query(kLines, {council, account, from, to})) {
    Line l;
    l.id = r.int64(0);
    l.booked_on = r.date(1);
    l.amount = Money::from_pence(r.int64(2));
    l.payee = r.text(3);
    l.description = r.text(4);
    if (auto m = r.opt_int64(5)) l.merchant_code = int(*m);
    l.cash = r.int64(6) != 0;
    if (auto cat = r.opt_text(7)) l.category = ledger::spending_category_from_code(*cat);
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace patchwork::storage
