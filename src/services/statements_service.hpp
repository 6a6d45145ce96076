#pragma once
// Importing a bank, building society or prepaid-card statement into a holding
// account's ledger, reconciling it, and working what could not be reconciled
// (docs/statements.md "Importing a statement").
//
// One import is one transaction, run by the caller: the file is read as it
// streams (io/statements), each new line written as it comes, and the caller
// commits only when the import says Imported. So an import that fails, is
// refused, or is killed half way leaves nothing, and running it again does it
// whole; a line read before (the same file, or an overlapping statement) is
// found by its identity (domain/statements/identity.hpp) and adds nothing.
//
// What becomes of each new line:
//   money out   categorised (council defaults, then what workers taught) and
//               posted "stmt:<account>:<identity>" holding -> spending
//               category, with the plan line it pays for when one fits; no
//               category: an "uncategorised" exception; the ledger holding
//               less than it: "not_enough_money"; the same day, amount and
//               words already kept from another import: "duplicate"
//   money in    matched to the council's payment already in the ledger (a
//               "pay:" transfer into this account, same amount, dated from a
//               week before the bank's date to three days after, its
//               reference preferred); none: "unknown_reference"
//   reversal    the original line's transfer reversed; none: "reversal_without_original"
// and for each statement, its closing balance against the ledger's balance of
// the account on that day: a difference is a "balance_mismatch". A file that
// states an account other than the one the part is paid into is refused whole
// ("wrong_account", recorded by record_wrong_account after the rollback).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/ledger/accounts.hpp"
#include "domain/statements/categorise.hpp"
#include "io/statements/parse.hpp"
#include "storage/db.hpp"
#include "storage/repositories/statements_repository.hpp"

namespace patchwork::services {

struct StatementImportRequest {
  CouncilId council{};
  ledger::AccountId account = 0;
  std::optional<statements::Format> format;  // nothing: detected from the first bytes
  std::string mapping;                       // a CSV mapping's name; empty: detected from the header
  std::string file_name;
  io::statements::ImportChoice choice = io::statements::ImportChoice::AllOrNothing;
  std::optional<UserId> by;
  std::function<void(std::uint64_t bytes_read)> progress;
};

struct StatementImportResult {
  enum class Outcome {
    Imported,      // commit
    Refused,       // the file, or a line of it under "all or nothing": roll back; `refusal` says why
    WrongAccount,  // roll back, then record_wrong_account in a transaction of its own
  };
  Outcome outcome = Outcome::Refused;
  std::string refusal;
  io::statements::ParseReport report;
  // Lines the import itself refused (a bank id the ledger cannot key a
  // transfer by, a currency other than pounds), with the parser's.
  std::vector<io::statements::Rejection> rejections;
  storage::StatementImportRow totals;  // id and counts; id 0 unless imported
  std::vector<storage::StatementExceptionRow> exceptions;  // raised by this import (the first 200)
  ledger::Account account;
  std::string stated_account;  // WrongAccount: the account the file names, masked
};

// The CSV mappings a council may import with: its own saved ones (docs/
// statements.md "Bank CSV and prepaid-card CSV"), then the built-in ones whose
// names it has not saved one of its own for.
struct MappingChoice {
  io::statements::CsvMapping mapping;
  bool saved_by_council = false;
  std::string saved_by_name, saved_at;
  std::string text;                          // as write_mapping writes it
};
std::vector<MappingChoice> statement_mappings(storage::Connection& c, CouncilId council);
// Saves a mapping from its "key = value" text under the name the text gives
// (a new version when the name is saved already): every mistake in the text
// named ("mapping": "date_format: …"), nothing saved then.
Result<MappingChoice> save_statement_mapping(storage::Connection& c, CouncilId council, std::string_view text, UserId by);

// Refused as field errors before anything is read: no such account in the
// council, not a holding account ("account"); no such mapping ("mapping").
Result<StatementImportResult> import_statement(storage::Connection& c, const StatementImportRequest& request,
                                               const io::statements::ByteSource& source);

// After a WrongAccount rollback: the refused import and its exception, nothing else.
std::int64_t record_wrong_account(storage::Connection& c, const StatementImportRequest& request, const StatementImportResult& result);

// The council's categorisation rules: the defaults, then what workers taught, oldest first.
std::vector<statements::Rule> council_category_rules(storage::Connection& c, CouncilId council);

// Working an exception (finance). Each returns what was done, in words, for
// the audit trail; refusals name the field.
struct WorkedException {
  storage::StatementExceptionRow exception;
  std::optional<PersonId> person_id;   // whose account, for the audit trail
  std::string outcome;                 // "categorised as Personal assistants' wages; learned: pa_wages payee=\"j smith\""
};
// Money out: posts the line's transfer to the category chosen and learns from the choice.
Result<WorkedException> categorise_exception(storage::Connection& c, CouncilId council, std::int64_t exception_id,
                                             std::string_view category_code, UserId by, std::string_view by_name);
// Money in: the council's payment (a "pay:" transfer into the account, same amount, not matched yet) the line is.
Result<WorkedException> match_exception(storage::Connection& c, CouncilId council, std::int64_t exception_id,
                                        std::string_view payment_transfer_id, UserId by);
// Anything: closed with the reason why nothing more is to be done.
Result<WorkedException> close_exception(storage::Connection& c, CouncilId council, std::int64_t exception_id, std::string_view reason,
                                        UserId by);

// A posted line of money out moved to another category: a transfer between
// the two spending accounts ("stmt-category:<line>:<n>"), and the choice learned.
struct CategoryChange {
  storage::StatementLineRow line;
  std::optional<PersonId> person_id;
  std::string outcome;
};
Result<CategoryChange> change_line_category(storage::Connection& c, CouncilId council, std::int64_t line_id, std::string_view category_code,
                                            UserId by, std::string_view by_name);

std::string_view exception_kind_label(std::string_view kind);  // "Money in with no matching payment"

}  // namespace patchwork::services
