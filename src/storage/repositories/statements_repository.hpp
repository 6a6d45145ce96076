#pragma once
// Statement imports, their lines, their exceptions and the categorisation
// rules workers taught (migration 0019). Every function takes the council and
// filters by it in the SQL. The rules live in domain/statements and
// services/statements_service; this file only reads and writes rows.
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "domain/ledger/transfer.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

struct StatementImportRow {
  std::int64_t id = 0;
  CouncilId council_id{};
  ledger::AccountId account_id = 0;
  std::string format;          // "csv", "ofx", "camt053", "card"
  std::string format_detail;
  std::string file_name;
  std::string file_sha256;
  std::optional<UserId> imported_by;
  std::string imported_at;
  std::string state = "complete";
  std::string choice = "all_or_nothing";
  std::optional<CivilDate> period_from, period_to;
  std::optional<std::int64_t> closing_balance_pence;
  std::int64_t lines_read = 0, lines_added = 0, lines_matched = 0, lines_already = 0, lines_rejected = 0, exceptions = 0;
};
std::int64_t insert_statement_import(Connection& c, const StatementImportRow& row);
// Writes the import's totals, period, balance and file hash once the file is read.
void finish_statement_import(Connection& c, const StatementImportRow& row);
std::vector<StatementImportRow> list_statement_imports(Connection& c, CouncilId council, ledger::AccountId account);

struct StatementLineRow {
  std::int64_t id = 0;
  CouncilId council_id{};
  ledger::AccountId account_id = 0;
  std::int64_t import_id = 0;
  std::string line_identity;
  CivilDate booking_date;
  std::optional<CivilDate> value_date;
  std::int64_t amount_pence = 0;
  std::string payee, description, reference;
  std::optional<int> merchant_category_code;
  bool cash = false;
  std::optional<std::string> category;      // ledger spending category code
  std::optional<std::string> transfer_id;
  bool reversal = false;
  std::uint64_t source_line = 0;
  std::string category_why;
  int category_changes = 0;
  std::optional<std::int64_t> plan_id;
  std::optional<int> plan_line_number;
  std::string plan_match_why;
};
std::int64_t insert_statement_line(Connection& c, const StatementLineRow& row);
bool statement_line_known(Connection& c, CouncilId council, ledger::AccountId account, const std::string& identity);
// Many lines at once (an import's batch), a few hundred to a statement; their
// ids are not read back (the import needs them only for lines it raises an
// exception about, which it inserts one at a time).
void insert_statement_lines(Connection& c, std::span<const StatementLineRow> rows);
// Which of `identities` the account already holds: one look-up for a batch of
// an import's lines instead of one a line.
std::set<std::string, std::less<>> known_statement_lines(Connection& c, CouncilId council, ledger::AccountId account,
                                                         std::span<const std::string> identities);
std::optional<StatementLineRow> find_statement_line(Connection& c, CouncilId council, std::int64_t id);
// The account's lines booked from `from` to `to`, oldest first.
std::vector<StatementLineRow> list_statement_lines(Connection& c, CouncilId council, ledger::AccountId account, CivilDate from,
                                                   CivilDate to);
void set_statement_line_transfer(Connection& c, CouncilId council, std::int64_t line_id, const std::optional<std::string>& transfer_id,
                                 const std::optional<std::string>& category, const std::string& category_why);
// A worker moved a posted line to another category (category_changes + 1).
void set_statement_line_category(Connection& c, CouncilId council, std::int64_t line_id, const std::string& category,
                                 const std::string& category_why);
// The account's newest line's id, if it has any: an import reads it before
// its first line, so "the lines up to it" are those of earlier imports.
std::optional<std::int64_t> last_statement_line(Connection& c, CouncilId council, ledger::AccountId account);
// A line already kept for this account by an earlier import (id up to
// `up_to_line`, from last_statement_line) with the same day, amount and words:
// what an overlapping statement in another format (the bank's CSV after its
// OFX) looks like when the bank's ids differ. Bounding by id rather than
// asking for "another import" lets SQLite stop at the earlier lines of that
// day (the index's rowid), instead of reading every line of the day this
// import has just written: a million-line import had made that quadratic.
std::optional<std::int64_t> similar_statement_line(Connection& c, CouncilId council, ledger::AccountId account, std::int64_t up_to_line,
                                                   CivilDate booking_date, std::int64_t amount_pence, const std::string& payee,
                                                   const std::string& description);
// Lines of the account that a reversal of `amount_pence` (its opposite) may
// undo: booked on or before `on`, posted, not a reversal, not reversed yet; newest first.
std::vector<StatementLineRow> reversible_statement_lines(Connection& c, CouncilId council, ledger::AccountId account,
                                                         std::int64_t amount_pence, CivilDate on);

// The council's payments into this holding account ("pay:" transfers) of this
// amount with value dates in the window, not matched by a line yet and not reversed.
std::vector<ledger::Transfer> unmatched_payments(Connection& c, CouncilId council, ledger::AccountId account, std::int64_t amount_pence,
                                                 CivilDate from, CivilDate to);
// One payment into the account, whether or not a line already matched it.
bool payment_matched(Connection& c, CouncilId council, const std::string& transfer_id);

struct StatementExceptionRow {
  std::int64_t id = 0;
  CouncilId council_id{};
  ledger::AccountId account_id = 0;
  std::int64_t import_id = 0;
  std::optional<std::int64_t> line_id;
  std::uint64_t source_line = 0;
  std::string kind;
  std::string detail;
  std::optional<std::int64_t> amount_pence;
  std::string state = "open";
  std::string outcome;
  std::optional<UserId> worked_by;
  std::optional<std::string> worked_at;
  std::string raised_at;
  // Joined for lists: the line's day, amount and payee, and whose account it is.
  std::optional<CivilDate> line_date;
  std::optional<std::int64_t> line_amount_pence;
  std::string line_payee;
  std::optional<PersonId> person_id;
};
std::int64_t insert_statement_exception(Connection& c, const StatementExceptionRow& row);
std::optional<StatementExceptionRow> find_statement_exception(Connection& c, CouncilId council, std::int64_t id);
// An account's exceptions (open first, then newest), or the council's open ones.
std::vector<StatementExceptionRow> account_statement_exceptions(Connection& c, CouncilId council, ledger::AccountId account);
std::vector<StatementExceptionRow> open_statement_exceptions(Connection& c, CouncilId council);
// Closes an open exception: 'resolved' or 'closed', with the outcome in words.
// False when it was not open (worked by someone else in the meantime).
bool work_statement_exception(Connection& c, CouncilId council, std::int64_t id, const std::string& state, const std::string& outcome,
                              std::optional<UserId> by);
std::optional<std::int64_t> open_exception_for_line(Connection& c, CouncilId council, std::int64_t line_id);

// The council a ledger account belongs to (account ids are unique across the
// database): for the command line, which is given an account and no council.
std::optional<CouncilId> council_of_ledger_account(Connection& c, ledger::AccountId id);

struct LearnedRuleRow {
  std::int64_t id = 0;
  std::string rule;
  std::string source;
};
std::vector<LearnedRuleRow> learned_category_rules(Connection& c, CouncilId council);
std::int64_t insert_learned_category_rule(Connection& c, CouncilId council, const std::string& rule, const std::string& source,
                                          std::optional<UserId> by);

// CSV mappings the council saved (migration 0026): the newest of each name.
struct SavedMappingRow {
  std::string name;
  std::string text;
  std::string saved_by_name;
  std::string saved_at;
};
std::vector<SavedMappingRow> saved_statement_mappings(Connection& c, CouncilId council);
std::optional<SavedMappingRow> saved_statement_mapping(Connection& c, CouncilId council, const std::string& name);
void insert_statement_mapping(Connection& c, CouncilId council, const std::string& name, const std::string& text, UserId by);

}  // namespace patchwork::storage
