#include "storage/repositories/recovery_repository.hpp"

#include "core/date.hpp"

namespace patchwork::storage {
namespace {

using namespace recovery;

constexpr Statement kInsertEnd{"insert_support_end",
    "INSERT INTO support_endings (council_id, person_id, kind, ends_on, last_day_paid, moved_to, note, recorded_by, recorded_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"};
constexpr Statement kFindEnd{"find_support_end",
    "SELECT e.id, e.council_id, e.person_id, e.kind, e.ends_on, e.moved_to, e.note, COALESCE(u.display_name, ''), e.recorded_at "
    "FROM support_endings e LEFT JOIN users u ON u.id = e.recorded_by WHERE e.council_id = $1 AND e.person_id = $2"};
constexpr Statement kLastDays{"support_last_days", "SELECT person_id, last_day_paid FROM support_endings WHERE council_id = $1"};

#define PW_CASE_COLUMNS                                                                                                          \
  "k.id, k.council_id, k.person_id, p.given_name, p.family_name, k.case_key, k.amount_pence, k.reason, k.debtor, k.instalments, " \
  "k.first_due, k.state, k.opened_at, k.opened_by, COALESCE(ou.display_name, ''), k.write_off_reason, k.write_off_proposed_by, "  \
  "COALESCE(pu.display_name, ''), k.write_off_decided_by, COALESCE(du.display_name, ''), "                                      \
  "(SELECT COALESCE(SUM(r.amount_pence), 0) FROM recovery_receipts r WHERE r.council_id = k.council_id AND r.case_id = k.id)"
#define PW_CASE_FROM                                                                                                             \
  " FROM recovery_cases k JOIN people p ON p.id = k.person_id LEFT JOIN users ou ON ou.id = k.opened_by "                        \
  "LEFT JOIN users pu ON pu.id = k.write_off_proposed_by LEFT JOIN users du ON du.id = k.write_off_decided_by "
constexpr Statement kInsertCase{"insert_recovery_case",
    "INSERT INTO recovery_cases (council_id, person_id, case_key, amount_pence, reason, debtor, instalments, first_due, state, "
    "opened_by, opened_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $10) ON CONFLICT (council_id, case_key) DO NOTHING "
    "RETURNING id"};
constexpr Statement kFindCase{"find_recovery_case", "SELECT " PW_CASE_COLUMNS PW_CASE_FROM "WHERE k.council_id = $1 AND k.id = $2"};
constexpr Statement kListCases{"list_recovery_cases",
    "SELECT " PW_CASE_COLUMNS PW_CASE_FROM "WHERE k.council_id = $1 "
    "ORDER BY CASE WHEN k.state IN ('open', 'write_off_proposed') THEN 0 ELSE 1 END, "
    "CASE WHEN k.state IN ('open', 'write_off_proposed') THEN k.id ELSE -k.id END"};
constexpr Statement kPersonCases{"person_recovery_cases",
    "SELECT " PW_CASE_COLUMNS PW_CASE_FROM "WHERE k.council_id = $1 AND k.person_id = $2 ORDER BY k.id"};
#undef PW_CASE_COLUMNS
#undef PW_CASE_FROM
constexpr Statement kInsertPeriod{"insert_recovery_case_period",
    "INSERT INTO recovery_case_periods (council_id, case_id, transfer_id, part_key, period_start, period_end, paid_pence, "
    "overpaid_pence, days_after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"};
constexpr Statement kCasePeriods{"recovery_case_periods",
    "SELECT transfer_id, part_key, period_start, period_end, paid_pence, overpaid_pence, days_after FROM recovery_case_periods "
    "WHERE council_id = $1 AND case_id = $2 ORDER BY period_start, part_key"};
constexpr Statement kInsertReceipt{"insert_recovery_receipt",
    "INSERT INTO recovery_receipts (council_id, case_id, amount_pence, received_on, source, part_key, transfer_id, recorded_by, "
    "recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"};
constexpr Statement kCaseReceipts{"recovery_case_receipts",
    "SELECT r.id, r.case_id, r.amount_pence, r.received_on, r.source, r.part_key, r.transfer_id, COALESCE(u.display_name, ''), "
    "r.recorded_at FROM recovery_receipts r LEFT JOIN users u ON u.id = r.recorded_by WHERE r.council_id = $1 AND r.case_id = $2 "
    "ORDER BY r.received_on, r.id"};
constexpr Statement kCountReceipts{"count_recovery_receipts",
    "SELECT COUNT(*) FROM recovery_receipts WHERE council_id = $1 AND case_id = $2"};
constexpr Statement kSetPlan{"set_recovery_plan",
    "UPDATE recovery_cases SET instalments = $3, first_due = $4 WHERE council_id = $1 AND id = $2 AND state = 'open'"};
constexpr Statement kSetState{"set_recovery_state",
    "UPDATE recovery_cases SET state = $4 WHERE council_id = $1 AND id = $2 AND state = $3"};
constexpr Statement kPropose{"propose_recovery_write_off",
    "UPDATE recovery_cases SET state = 'write_off_proposed', write_off_reason = $3, write_off_proposed_by = $4 "
    "WHERE council_id = $1 AND id = $2 AND state = 'open'"};
constexpr Statement kApprove{"approve_recovery_write_off",
    "UPDATE recovery_cases SET state = 'written_off', write_off_decided_by = $3, write_off_decided_at = $4 "
    "WHERE council_id = $1 AND id = $2 AND state = 'write_off_proposed'"};
constexpr Statement kDecline{"decline_recovery_write_off",
    "UPDATE recovery_cases SET state = 'open', write_off_reason = '', write_off_proposed_by = NULL "
    "WHERE council_id = $1 AND id = $2 AND state = 'write_off_proposed'"};

#define PW_INVOICE_COLUMNS                                                                                        \
  "i.id, i.council_id, i.person_id, p.given_name, p.family_name, i.period_start, i.period_end, i.amount_pence, i.due_on, " \
  "(SELECT COALESCE(SUM(x.amount_pence), 0) FROM contribution_payments x WHERE x.council_id = i.council_id AND x.invoice_id = i.id)"
constexpr Statement kInsertInvoice{"insert_contribution_invoice",
    "INSERT INTO contribution_invoices (council_id, person_id, period_start, period_end, amount_pence, due_on, raised_by, raised_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (council_id, person_id, period_start) DO NOTHING"};
constexpr Statement kInvoicedThrough{"contribution_invoiced_through",
    "SELECT MAX(period_start) FROM contribution_invoices WHERE council_id = $1 AND person_id = $2"};
constexpr Statement kFindInvoice{"find_contribution_invoice",
    "SELECT " PW_INVOICE_COLUMNS " FROM contribution_invoices i JOIN people p ON p.id = i.person_id WHERE i.council_id = $1 AND i.id = $2"};
constexpr Statement kPersonInvoices{"person_contribution_invoices",
    "SELECT " PW_INVOICE_COLUMNS " FROM contribution_invoices i JOIN people p ON p.id = i.person_id "
    "WHERE i.council_id = $1 AND i.person_id = $2 ORDER BY i.period_start DESC"};
constexpr Statement kUnpaidInvoices{"unpaid_contribution_invoices",
    "SELECT " PW_INVOICE_COLUMNS " FROM contribution_invoices i JOIN people p ON p.id = i.person_id WHERE i.council_id = $1 "
    "AND i.amount_pence > (SELECT COALESCE(SUM(x.amount_pence), 0) FROM contribution_payments x WHERE x.council_id = i.council_id "
    "AND x.invoice_id = i.id) ORDER BY i.due_on, i.person_id"};
#undef PW_INVOICE_COLUMNS
constexpr Statement kInsertPayment{"insert_contribution_payment",
    "INSERT INTO contribution_payments (council_id, invoice_id, amount_pence, received_on, transfer_id, recorded_by, recorded_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"};
constexpr Statement kCountPayments{"count_contribution_payments",
    "SELECT COUNT(*) FROM contribution_payments WHERE council_id = $1 AND invoice_id = $2"};

RecoveryCase case_from(const Row& r) {
  RecoveryCase k;
  k.id = r.int64(0);
  k.council_id = r.id<CouncilId>(1);
  k.person_id = r.id<PersonId>(2);
  k.person_name = r.text(3) + " " + r.text(4);
  k.case_key = r.text(5);
  k.amount = Money::from_pence(r.int64(6));
  k.reason = r.text(7);
  k.debtor = debtor_from_code(r.text(8)).value_or(Debtor::Person);
  k.instalments = int(r.int64(9));
  k.first_due = r.date(10);
  k.state = case_state_from_code(r.text(11)).value_or(CaseState::Open);
  k.opened_at = r.text(12);
  k.opened_by = r.opt_id<UserId>(13);
  k.opened_by_name = r.text(14);
  k.write_off_reason = r.text(15);
  k.write_off_proposed_by = r.opt_id<UserId>(16);
  k.write_off_proposed_by_name = r.text(17);
  k.write_off_decided_by = r.opt_id<UserId>(18);
  k.write_off_decided_by_name = r.text(19);
  k.received = Money::from_pence(r.int64(20));
  return k;
}

ContributionInvoice invoice_from(const Row& r) {
  ContributionInvoice i;
  i.id = r.int64(0);
  i.council_id = r.id<CouncilId>(1);
  i.person_id = r.id<PersonId>(2);
  i.person_name = r.text(3) + " " + r.text(4);
  i.period_start = r.date(5);
  i.period_end = r.date(6);
  i.amount = Money::from_pence(r.int64(7));
  i.due_on = r.date(8);
  i.paid = Money::from_pence(r.int64(9));
  return i;
}

}  // namespace

std::int64_t insert_support_end(Connection& c, const SupportEnd& e, std::optional<UserId> by) {
  return c.query(kInsertEnd, {e.council_id, e.person_id, std::string(end_kind_code(e.kind)), e.on, last_day_paid(e), e.moved_to, e.note,
                              opt(by), utc_timestamp_now()})
      .at(0).int64(0);
}

std::optional<SupportEnd> find_support_end(Connection& c, CouncilId council, PersonId person) {
  auto rows = c.query(kFindEnd, {council, person});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows.front();
  SupportEnd e;
  e.id = r.int64(0);
  e.council_id = r.id<CouncilId>(1);
  e.person_id = r.id<PersonId>(2);
  e.kind = end_kind_from_code(r.text(3)).value_or(EndKind::SupportEnded);
  e.on = r.date(4);
  e.moved_to = r.text(5);
  e.note = r.text(6);
  e.recorded_by_name = r.text(7);
  e.recorded_at = r.text(8);
  return e;
}

std::map<PersonId, CivilDate> support_last_days(Connection& c, CouncilId council) {
  std::map<PersonId, CivilDate> out;
  for (const auto& r : c.query(kLastDays, {council})) out[r.id<PersonId>(0)] = r.date(1);
  return out;
}

std::optional<std::int64_t> insert_case(Connection& c, const RecoveryCase& k) {
  auto rows = c.query(kInsertCase, {k.council_id, k.person_id, k.case_key, k.amount.pence(), k.reason, std::string(debtor_code(k.debtor)),
                                    k.instalments, k.first_due, opt(k.opened_by), utc_timestamp_now()});
  if (rows.empty()) return std::nullopt;
  return rows.front().int64(0);
}

void insert_case_period(Connection& c, CouncilId council, std::int64_t case_id, const CasePeriod& p) {
  c.execute(kInsertPeriod, {council, case_id, p.transfer_id, p.part_key, p.period_start, p.period_end, p.paid.pence(), p.overpaid.pence(),
                            p.days_after});
}

std::optional<RecoveryCase> find_case(Connection& c, CouncilId council, std::int64_t id) {
  auto rows = c.query(kFindCase, {council, id});
  if (rows.empty()) return std::nullopt;
  return case_from(rows.front());
}

std::vector<RecoveryCase> list_cases(Connection& c, CouncilId council) {
  std::vector<RecoveryCase> out;
  for (const auto& r : c.query(kListCases, {council})) out.push_back(case_from(r));
  return out;
}

std::vector<RecoveryCase> person_cases(Connection& c, CouncilId council, PersonId person) {
  std::vector<RecoveryCase> out;
  for (const auto& r : c.query(kPersonCases, {council, person})) out.push_back(case_from(r));
  return out;
}

std::vector<CasePeriod> case_periods(Connection& c, CouncilId council, std::int64_t case_id) {
  std::vector<CasePeriod> out;
  for (const auto& r : c.query(kCasePeriods, {council, case_id}))
    out.push_back({r.text(0), r.text(1), r.date(2), r.date(3), Money::from_pence(r.int64(4)), Money::from_pence(r.int64(5)),
                   int(r.int64(6))});
  return out;
}

std::int64_t insert_receipt(Connection& c, CouncilId council, const Receipt& r, std::optional<UserId> by) {
  return c.query(kInsertReceipt, {council, r.case_id, r.amount.pence(), r.received_on, std::string(receipt_source_code(r.source)), r.part_key,
                                  r.transfer_id, opt(by), utc_timestamp_now()})
      .at(0).int64(0);
}

std::vector<Receipt> case_receipts(Connection& c, CouncilId council, std::int64_t case_id) {
  std::vector<Receipt> out;
  for (const auto& r : c.query(kCaseReceipts, {council, case_id})) {
    Receipt x;
    x.id = r.int64(0);
    x.case_id = r.int64(1);
    x.amount = Money::from_pence(r.int64(2));
    x.received_on = r.date(3);
    x.source = receipt_source_from_code(r.text(4)).value_or(ReceiptSource::Payer);
    x.part_key = r.text(5);
    x.transfer_id = r.text(6);
    x.recorded_by_name = r.text(7);
    x.recorded_at = r.text(8);
    out.push_back(std::move(x));
  }
  return out;
}

std::int64_t count_receipts(Connection& c, CouncilId council, std::int64_t case_id) {
  return c.query(kCountReceipts, {council, case_id}).at(0).int64(0);
}

bool set_case_plan(Connection& c, CouncilId council, std::int64_t id, int instalments, CivilDate first_due) {
  return c.execute(kSetPlan, {council, id, instalments, first_due}) == 1;
}

bool set_case_state(Connection& c, CouncilId council, std::int64_t id, CaseState from, CaseState to) {
  return c.execute(kSetState, {council, id, std::string(case_state_code(from)), std::string(case_state_code(to))}) == 1;
}

bool propose_write_off(Connection& c, CouncilId council, std::int64_t id, const std::string& reason, UserId by) {
  return c.execute(kPropose, {council, id, reason, by}) == 1;
}

bool approve_write_off(Connection& c, CouncilId council, std::int64_t id, UserId by, const std::string& at) {
  return c.execute(kApprove, {council, id, by, at}) == 1;
}

bool decline_write_off(Connection& c, CouncilId council, std::int64_t id) { return c.execute(kDecline, {council, id}) == 1; }

bool insert_invoice(Connection& c, const ContributionInvoice& i, std::optional<UserId> by) {
  return c.execute(kInsertInvoice, {i.council_id, i.person_id, i.period_start, i.period_end, i.amount.pence(), i.due_on, opt(by),
                                    utc_timestamp_now()}) == 1;
}

std::optional<CivilDate> invoiced_through(Connection& c, CouncilId council, PersonId person) {
  auto rows = c.query(kInvoicedThrough, {council, person});
  if (rows.empty()) return std::nullopt;
  return rows.front().opt_date(0);
}

std::optional<ContributionInvoice> find_contribution_invoice(Connection& c, CouncilId council, std::int64_t id) {
  auto rows = c.query(kFindInvoice, {council, id});
  if (rows.empty()) return std::nullopt;
  return invoice_from(rows.front());
}

std::vector<ContributionInvoice> person_invoices(Connection& c, CouncilId council, PersonId person) {
  std::vector<ContributionInvoice> out;
  for (const auto& r : c.query(kPersonInvoices, {council, person})) out.push_back(invoice_from(r));
  return out;
}

std::vector<ContributionInvoice> unpaid_invoices(Connection& c, CouncilId council) {
  std::vector<ContributionInvoice> out;
  for (const auto& r : c.query(kUnpaidInvoices, {council})) out.push_back(invoice_from(r));
  return out;
}

std::int64_t insert_contribution_payment(Connection& c, CouncilId council, const ContributionPayment& p, std::optional<UserId> by) {
  return c.query(kInsertPayment, {council, p.invoice_id, p.amount.pence(), p.received_on, p.transfer_id, opt(by), utc_timestamp_now()})
      .at(0).int64(0);
}

std::int64_t count_contribution_payments(Connection& c, CouncilId council, std::int64_t invoice_id) {
  return c.query(kCountPayments, {council, invoice_id}).at(0).int64(0);
}

}  // namespace patchwork::storage
