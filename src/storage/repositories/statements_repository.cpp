#include "storage/repositories/statements_repository.hpp"

#include "storage/batch.hpp"

namespace patchwork::storage {
namespace {

constexpr Statement kInsertImport{"stmt_insert_import",
    "INSERT INTO statement_imports (council_id, account_id, format, file_name, file_sha256, imported_by, imported_at, state, choice, "
    "format_detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id"};
constexpr Statement kFinishImport{"stmt_finish_import",
    "UPDATE statement_imports SET format = $3, format_detail = $4, file_sha256 = $5, period_from = $6, period_to = $7, "
    "closing_balance_pence = $8, lines_read = $9, lines_added = $10, lines_matched = $11, lines_already = $12, lines_rejected = $13, "
    "exceptions = $14 WHERE council_id = $1 AND id = $2"};
#define PW_IMPORT_COLUMNS                                                                                                       \
  "id, council_id, account_id, format, format_detail, file_name, file_sha256, imported_by, imported_at, state, choice, "        \
  "period_from, period_to, closing_balance_pence, lines_read, lines_added, lines_matched, lines_already, lines_rejected, exceptions"
constexpr Statement kListImports{"stmt_list_imports",
    "SELECT " PW_IMPORT_COLUMNS " FROM statement_imports WHERE council_id = $1 AND account_id = $2 ORDER BY id DESC"};
#undef PW_IMPORT_COLUMNS

constexpr Statement kInsertLine{"stmt_insert_line",
    "INSERT INTO statement_lines (council_id, account_id, import_id, line_identity, booking_date, amount_pence, payee, description, "
    "merchant_category_code, cash, category, transfer_id, value_date, reference, reversal, source_line, category_why, plan_id, "
    "plan_line_number, plan_match_why) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) "
    "RETURNING id"};
constexpr std::string_view kInsertLinesHead =
    "INSERT INTO statement_lines (council_id, account_id, import_id, line_identity, booking_date, amount_pence, payee, description, "
    "merchant_category_code, cash, category, transfer_id, value_date, reference, reversal, source_line, category_why, plan_id, "
    "plan_line_number, plan_match_why) VALUES ";
constexpr std::string_view kKnownLinesHead =
    "SELECT line_identity FROM statement_lines WHERE council_id = $1 AND account_id = $2 AND line_identity IN (";
constexpr Statement kLineKnown{"stmt_line_known",
    "SELECT 1 FROM statement_lines WHERE council_id = $1 AND account_id = $2 AND line_identity = $3"};
#define PW_LINE_COLUMNS                                                                                                          \
  "id, council_id, account_id, import_id, line_identity, booking_date, value_date, amount_pence, payee, description, reference, " \
  "merchant_category_code, cash, category, transfer_id, reversal, source_line, category_why, category_changes, plan_id, "        \
  "plan_line_number, plan_match_why"
constexpr Statement kFindLine{"stmt_find_line", "SELECT " PW_LINE_COLUMNS " FROM statement_lines WHERE council_id = $1 AND id = $2"};
constexpr Statement kListLines{"stmt_list_lines",
    "SELECT " PW_LINE_COLUMNS " FROM statement_lines WHERE council_id = $1 AND account_id = $2 AND booking_date >= $3 "
    "AND booking_date <= $4 ORDER BY booking_date, id"};
constexpr Statement kReversible{"stmt_reversible_lines",
    "SELECT " PW_LINE_COLUMNS " FROM statement_lines l WHERE l.council_id = $1 AND l.account_id = $2 AND l.amount_pence = $3 "
    "AND l.booking_date <= $4 AND l.transfer_id IS NOT NULL AND l.reversal = 0 AND NOT EXISTS (SELECT 1 FROM ledger_transfers r "
    "WHERE r.council_id = $1 AND r.reverses = l.transfer_id) ORDER BY l.booking_date DESC, l.id DESC LIMIT 50"};
#undef PW_LINE_COLUMNS
constexpr Statement kSetTransfer{"stmt_set_line_transfer",
    "UPDATE statement_lines SET transfer_id = $3, category = $4, category_why = $5 WHERE council_id = $1 AND id = $2"};
constexpr Statement kSetCategory{"stmt_set_line_category",
    "UPDATE statement_lines SET category = $3, category_why = $4, category_changes = category_changes + 1 "
    "WHERE council_id = $1 AND id = $2"};
constexpr Statement kSimilar{"stmt_similar_line",
    "SELECT id FROM statement_lines WHERE council_id = $1 AND account_id = $2 AND booking_date = $3 AND amount_pence = $4 "
    "AND id <= $5 AND lower(payee) = lower($6) AND lower(description) = lower($7) ORDER BY id LIMIT 1"};
// The newest line of the account (the lines before an import are those up to it).
constexpr Statement kLastLine{"stmt_last_line", 
    // max(+id), not max(id): with a bare id SQLite, lacking statistics, reads the
    // council's (council_id, id) index backwards, every line of the council for
    // an account with none yet. The + makes it use the account's own index.
    "SELECT max(+id) FROM statement_lines WHERE council_id = $1 AND account_id = $2"};

constexpr Statement kUnmatchedPayments{"stmt_unmatched_payments",
    "SELECT t.transfer_id, t.debit_account, t.credit_account, t.amount_pence, t.value_date, t.reason FROM ledger_transfers t "
    "WHERE t.council_id = $1 AND t.credit_account = $2 AND t.amount_pence = $3 AND t.value_date >= $4 AND t.value_date <= $5 "
    "AND substr(t.transfer_id, 1, 4) = 'pay:' AND t.reverses IS NULL "
    "AND NOT EXISTS (SELECT 1 FROM statement_lines l WHERE l.council_id = $1 AND l.transfer_id = t.transfer_id) "
    "AND NOT EXISTS (SELECT 1 FROM ledger_transfers r WHERE r.council_id = $1 AND r.reverses = t.transfer_id) "
    "ORDER BY t.value_date, t.seq"};
constexpr Statement kPaymentMatched{"stmt_payment_matched",
    "SELECT 1 FROM statement_lines WHERE council_id = $1 AND transfer_id = $2"};

constexpr Statement kInsertException{"stmt_insert_exception",
    "INSERT INTO statement_exceptions (council_id, account_id, import_id, line_id, source_line, kind, detail, amount_pence, state, "
    "raised_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9) RETURNING id"};
#define PW_EXCEPTION_SELECT                                                                                                    \
  "SELECT e.id, e.council_id, e.account_id, e.import_id, e.line_id, e.source_line, e.kind, e.detail, e.amount_pence, e.state, " \
  "e.outcome, e.worked_by, e.worked_at, e.raised_at, l.booking_date, l.amount_pence, l.payee, a.person_id "                    \
  "FROM statement_exceptions e JOIN ledger_accounts a ON a.council_id = e.council_id AND a.id = e.account_id "                 \
  "LEFT JOIN statement_lines l ON l.council_id = e.council_id AND l.id = e.line_id "
constexpr Statement kFindException{"stmt_find_exception", PW_EXCEPTION_SELECT "WHERE e.council_id = $1 AND e.id = $2"};
constexpr Statement kAccountExceptions{"stmt_account_exceptions",
    PW_EXCEPTION_SELECT "WHERE e.council_id = $1 AND e.account_id = $2 "
    "ORDER BY CASE WHEN e.state = 'open' THEN 0 ELSE 1 END, e.id DESC LIMIT 500"};
constexpr Statement kOpenExceptions{"stmt_open_exceptions",
    PW_EXCEPTION_SELECT "WHERE e.council_id = $1 AND e.state = 'open' ORDER BY e.id LIMIT 1000"};
#undef PW_EXCEPTION_SELECT
constexpr Statement kWorkException{"stmt_work_exception",
    "UPDATE statement_exceptions SET state = $3, outcome = $4, worked_by = $5, worked_at = $6 "
    "WHERE council_id = $1 AND id = $2 AND state = 'open'"};
constexpr Statement kOpenForLine{"stmt_open_exception_for_line",
    "SELECT id FROM statement_exceptions WHERE council_id = $1 AND line_id = $2 AND state = 'open'"};

constexpr Statement kLearned{"stmt_learned_rules",
    "SELECT id, rule, source FROM statement_category_rules WHERE council_id = $1 ORDER BY id"};
constexpr Statement kInsertLearned{"stmt_insert_learned_rule",
    "INSERT INTO statement_category_rules (council_id, rule, source, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id"};

constexpr Statement kCouncilOfAccount{"stmt_council_of_account", "SELECT council_id FROM ledger_accounts WHERE id = $1"};

Param opt_int(std::optional<std::int64_t> v) { return v ? Param(*v) : Param(Null{}); }
Param opt_small(std::optional<int> v) { return v ? Param(*v) : Param(Null{}); }

StatementImportRow import_from(const Row& r) {
  StatementImportRow i;
  i.id = r.int64(0);
  i.council_id = r.id<CouncilId>(1);
  i.account_id = r.int64(2);
  i.format = r.text(3);
  i.format_detail = r.text(4);
  i.file_name = r.text(5);
  i.file_sha256 = r.text(6);
  i.imported_by = r.opt_id<UserId>(7);
  i.imported_at = r.text(8);
  i.state = r.text(9);
  i.choice = r.text(10);
  i.period_from = r.opt_date(11);
  i.period_to = r.opt_date(12);
  i.closing_balance_pence = r.opt_int64(13);
  i.lines_read = r.int64(14);
  i.lines_added = r.int64(15);
  i.lines_matched = r.int64(16);
  i.lines_already = r.int64(17);
  i.lines_rejected = r.int64(18);
  i.exceptions = r.int64(19);
  return i;
}

StatementLineRow line_from(const Row& r) {
  StatementLineRow l;
  l.id = r.int64(0);
  l.council_id = r.id<CouncilId>(1);
  l.account_id = r.int64(2);
  l.import_id = r.int64(3);
  l.line_identity = r.text(4);
  l.booking_date = r.date(5);
  l.value_date = r.opt_date(6);
  l.amount_pence = r.int64(7);
  l.payee = r.text(8);
  l.description = r.text(9);
  l.reference = r.text(10);
  if (auto m = r.opt_int64(11)) l.merchant_category_code = int(*m);
  l.cash = r.int64(12) != 0;
  l.category = r.opt_text(13);
  l.transfer_id = r.opt_text(14);
  l.reversal = r.int64(15) != 0;
  l.source_line = std::uint64_t(r.int64(16));
  l.category_why = r.text(17);
  l.category_changes = int(r.int64(18));
  l.plan_id = r.opt_int64(19);
  if (auto n = r.opt_int64(20)) l.plan_line_number = int(*n);
  l.plan_match_why = r.text(21);
  return l;
}

StatementExceptionRow exception_from(const Row& r) {
  StatementExceptionRow e;
  e.id = r.int64(0);
  e.council_id = r.id<CouncilId>(1);
  e.account_id = r.int64(2);
  e.import_id = r.int64(3);
  e.line_id = r.opt_int64(4);
  e.source_line = std::uint64_t(r.int64(5));
  e.kind = r.text(6);
  e.detail = r.text(7);
  e.amount_pence = r.opt_int64(8);
  e.state = r.text(9);
  e.outcome = r.text(10);
  e.worked_by = r.opt_id<UserId>(11);
  e.worked_at = r.opt_text(12);
  e.raised_at = r.text(13);
  e.line_date = r.opt_date(14);
  e.line_amount_pence = r.opt_int64(15);
  e.line_payee = r.text(16);
  e.person_id = r.opt_id<PersonId>(17);
  return e;
}

}  // namespace

std::int64_t insert_statement_import(Connection& c, const StatementImportRow& row) {
  return c.query(kInsertImport, {row.council_id, row.account_id, row.format, row.file_name, row.file_sha256,
                                 opt(row.imported_by), row.imported_at, row.state, row.choice, row.format_detail})
      .at(0)
      .int64(0);
}

void finish_statement_import(Connection& c, const StatementImportRow& row) {
  c.execute(kFinishImport, {row.council_id, row.id, row.format, row.format_detail, row.file_sha256, opt(row.period_from),
                            opt(row.period_to), opt_int(row.closing_balance_pence), row.lines_read, row.lines_added,
                            row.lines_matched, row.lines_already, row.lines_rejected, row.exceptions});
}

std::vector<StatementImportRow> list_statement_imports(Connection& c, CouncilId council, ledger::AccountId account) {
  std::vector<StatementImportRow> out;
  for (const auto& r : c.query(kListImports, {council, account})) out.push_back(import_from(r));
  return out;
}

std::int64_t insert_statement_line(Connection& c, const StatementLineRow& l) {
  return c.query(kInsertLine, {l.council_id, l.account_id, l.import_id, l.line_identity, l.booking_date, l.amount_pence, l.payee,
                               l.description, opt_small(l.merchant_category_code), std::int64_t(l.cash ? 1 : 0), opt(l.category),
                               opt(l.transfer_id), opt(l.value_date), l.reference, std::int64_t(l.reversal ? 1 : 0),
                               std::int64_t(l.source_line), l.category_why, opt_int(l.plan_id), opt_small(l.plan_line_number),
                               l.plan_match_why})
      .at(0)
      .int64(0);
}

void insert_statement_lines(Connection& c, std::span<const StatementLineRow> rows) {
  std::size_t at = 0;
  for (auto n : batch_sizes(rows.size())) {
    Params params;
    params.reserve(n * 20);
    for (const auto& l : rows.subspan(at, n)) {
      params.emplace_back(l.council_id);
      params.emplace_back(l.account_id);
      params.emplace_back(l.import_id);
      params.emplace_back(l.line_identity);
      params.emplace_back(l.booking_date);
      params.emplace_back(l.amount_pence);
      params.emplace_back(l.payee);
      params.emplace_back(l.description);
      params.emplace_back(opt_small(l.merchant_category_code));
      params.emplace_back(std::int64_t(l.cash ? 1 : 0));
      params.emplace_back(opt(l.category));
      params.emplace_back(opt(l.transfer_id));
      params.emplace_back(opt(l.value_date));
      params.emplace_back(l.reference);
      params.emplace_back(std::int64_t(l.reversal ? 1 : 0));
      params.emplace_back(std::int64_t(l.source_line));
      params.emplace_back(l.category_why);
      params.emplace_back(opt_int(l.plan_id));
      params.emplace_back(opt_small(l.plan_line_number));
      params.emplace_back(l.plan_match_why);
    }
    c.execute(batched("stmt_insert_lines", kInsertLinesHead, 20, n), params);
    at += n;
  }
}

std::set<std::string, std::less<>> known_statement_lines(Connection& c, CouncilId council, ledger::AccountId account,
                                                         std::span<const std::string> identities) {
  std::set<std::string, std::less<>> out;
  std::size_t at = 0;
  for (auto n : batch_sizes(identities.size())) {
    Params params{council, account};
    params.reserve(n + 2);
    for (const auto& id : identities.subspan(at, n)) params.emplace_back(id);
    for (const auto& r : c.query(batched("stmt_known_lines", kKnownLinesHead, 1, n, ")", 2, false), params)) out.insert(r.text(0));
    at += n;
  }
  return out;
}

bool statement_line_known(Connection& c, CouncilId council, ledger::AccountId account, const std::string& identity) {
  return !c.query(kLineKnown, {council, account, identity}).empty();
}

std::optional<StatementLineRow> find_statement_line(Connection& c, CouncilId council, std::int64_t id) {
  auto rows = c.query(kFindLine, {council, id});
  if (rows.empty()) return std::nullopt;
  return line_from(rows.front());
}

std::vector<StatementLineRow> list_statement_lines(Connection& c, CouncilId council, ledger::AccountId account, CivilDate from,
                                                   CivilDate to) {
  std::vector<StatementLineRow> out;
  for (const auto& r : c.query(kListLines, {council, account, from, to})) out.push_back(line_from(r));
  return out;
}

void set_statement_line_transfer(Connection& c, CouncilId council, std::int64_t line_id, const std::optional<std::string>& transfer_id,
                                 const std::optional<std::string>& category, const std::string& category_why) {
  c.execute(kSetTransfer, {council, line_id, opt(transfer_id), opt(category), category_why});
}

void set_statement_line_category(Connection& c, CouncilId council, std::int64_t line_id, const std::string& category,
                                 const std::string& category_why) {
  c.execute(kSetCategory, {council, line_id, category, category_why});
}

std::optional<std::int64_t> last_statement_line(Connection& c, CouncilId council, ledger::AccountId account) {
  auto rows = c.query(kLastLine, {council, account});
  if (rows.empty()) return std::nullopt;
  return rows.front().opt_int64(0);
}

std::optional<std::int64_t> similar_statement_line(Connection& c, CouncilId council, ledger::AccountId account, std::int64_t up_to_line,
                                                   CivilDate booking_date, std::int64_t amount_pence, const std::string& payee,
                                                   const std::string& description) {
  auto rows = c.query(kSimilar, {council, account, booking_date, amount_pence, up_to_line, payee, description});
  if (rows.empty()) return std::nullopt;
  return rows.front().int64(0);
}

std::vector<StatementLineRow> reversible_statement_lines(Connection& c, CouncilId council, ledger::AccountId account,
                                                         std::int64_t amount_pence, CivilDate on) {
  std::vector<StatementLineRow> out;
  for (const auto& r : c.query(kReversible, {council, account, amount_pence, on})) out.push_back(line_from(r));
  return out;
}

std::vector<ledger::Transfer> unmatched_payments(Connection& c, CouncilId council, ledger::AccountId account, std::int64_t amount_pence,
                                                 CivilDate from, CivilDate to) {
  std::vector<ledger::Transfer> out;
  for (const auto& r : c.query(kUnmatchedPayments, {council, account, amount_pence, from, to})) {
    ledger::Transfer t;
    t.id = r.text(0);
    t.debit = r.int64(1);
    t.credit = r.int64(2);
    t.amount = Money::from_pence(r.int64(3));
    t.value_date = r.date(4);
    t.reason = r.text(5);
    out.push_back(std::move(t));
  }
  return out;
}

bool payment_matched(Connection& c, CouncilId council, const std::string& transfer_id) {
  return !c.query(kPaymentMatched, {council, transfer_id}).empty();
}

std::int64_t insert_statement_exception(Connection& c, const StatementExceptionRow& e) {
  return c.query(kInsertException, {e.council_id, e.account_id, e.import_id, opt_int(e.line_id), std::int64_t(e.source_line), e.kind,
                                    e.detail, opt_int(e.amount_pence), e.raised_at})
      .at(0)
      .int64(0);
}

std::optional<StatementExceptionRow> find_statement_exception(Connection& c, CouncilId council, std::int64_t id) {
  auto rows = c.query(kFindException, {council, id});
  if (rows.empty()) return std::nullopt;
  return exception_from(rows.front());
}

std::vector<StatementExceptionRow> account_statement_exceptions(Connection& c, CouncilId council, ledger::AccountId account) {
  std::vector<StatementExceptionRow> out;
  for (const auto& r : c.query(kAccountExceptions, {council, account})) out.push_back(exception_from(r));
  return out;
}

std::vector<StatementExceptionRow> open_statement_exceptions(Connection& c, CouncilId council) {
  std::vector<StatementExceptionRow> out;
  for (const auto& r : c.query(kOpenExceptions, {council})) out.push_back(exception_from(r));
  return out;
}

bool work_statement_exception(Connection& c, CouncilId council, std::int64_t id, const std::string& state, const std::string& outcome,
                              std::optional<UserId> by) {
  return c.execute(kWorkException, {council, id, state, outcome, opt(by), utc_timestamp_now()}) == 1;
}

std::optional<std::int64_t> open_exception_for_line(Connection& c, CouncilId council, std::int64_t line_id) {
  auto rows = c.query(kOpenForLine, {council, line_id});
  if (rows.empty()) return std::nullopt;
  return rows.front().int64(0);
}

std::optional<CouncilId> council_of_ledger_account(Connection& c, ledger::AccountId id) {
  auto rows = c.query(kCouncilOfAccount, {id});
  if (rows.empty()) return std::nullopt;
  return rows.front().id<CouncilId>(0);
}

std::vector<LearnedRuleRow> learned_category_rules(Connection& c, CouncilId council) {
  std::vector<LearnedRuleRow> out;
  for (const auto& r : c.query(kLearned, {council})) out.push_back({r.int64(0), r.text(1), r.text(2)});
  return out;
}

std::int64_t insert_learned_category_rule(Connection& c, CouncilId council, const std::string& rule, const std::string& source,
                                          std::optional<UserId> by) {
  return c.query(kInsertLearned, {council, rule, source, opt(by), utc_timestamp_now()}).at(0).int64(0);
}

constexpr Statement kSavedMappings{"saved_statement_mappings",
    "SELECT m.name, m.mapping_text, u.display_name, m.saved_at FROM statement_mappings m JOIN users u ON u.id = m.saved_by "
    "WHERE m.council_id = $1 AND m.id = (SELECT MAX(n.id) FROM statement_mappings n WHERE n.council_id = m.council_id AND n.name = m.name) "
    "ORDER BY m.name"};
constexpr Statement kSavedMapping{"saved_statement_mapping",
    "SELECT m.name, m.mapping_text, u.display_name, m.saved_at FROM statement_mappings m JOIN users u ON u.id = m.saved_by "
    "WHERE m.council_id = $1 AND m.name = $2 ORDER BY m.id DESC LIMIT 1"};
constexpr Statement kInsertMapping{"insert_statement_mapping",
    "INSERT INTO statement_mappings (council_id, name, mapping_text, saved_by, saved_at) VALUES ($1, $2, $3, $4, $5)"};

std::vector<SavedMappingRow> saved_statement_mappings(Connection& c, CouncilId council) {
  std::vector<SavedMappingRow> out;
  for (const auto& r : c.query(kSavedMappings, {council})) out.push_back({r.text(0), r.text(1), r.text(2), r.text(3)});
  return out;
}

std::optional<SavedMappingRow> saved_statement_mapping(Connection& c, CouncilId council, const std::string& name) {
  auto rows = c.query(kSavedMapping, {council, name});
  if (rows.empty()) return std::nullopt;
  return SavedMappingRow{rows[0].text(0), rows[0].text(1), rows[0].text(2), rows[0].text(3)};
}

void insert_statement_mapping(Connection& c, CouncilId council, const std::string& name, const std::string& text, UserId by) {
  c.execute(kInsertMapping, {council, name, text, by, utc_timestamp_now()});
}

}  // namespace patchwork::storage
