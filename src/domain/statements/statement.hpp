#pragma once
// A bank, building society or prepaid-card statement as Patchwork reads it:
// what the file says, nothing worked out from the database. The parsers in
// io/statements/ make these; the import turns each line into a ledger transfer
// whose id is "stmt:<account>:<line identity>" (domain/statements/identity.hpp),
// so the same line read again, from the same file or an overlapping one, is the
// same transfer and changes nothing.
//
// Amounts are whole pence in std::int64_t rather than core::Money on purpose:
// the parsers are also compiled by Debian's clang 14 for fuzzing, whose view of
// libstdc++ 12 has no std::expected (which Money's checked arithmetic returns).
// Nothing here adds or subtracts money; the import makes each amount a Money
// with Money::from_pence, and every parser refuses an amount of more than
// 13 digits of pounds, so no value near the 64-bit limit arrives.
#include <cstdint>
#include <optional>
#include <string>

#include "core/date.hpp"

namespace patchwork::statements {

enum class Format { Csv, Ofx, Camt053, Card };

// The account as the file states it. Whatever the file gives is kept, in the
// file's own spelling apart from spaces and dashes removed from numbers:
// a UK sort code and account number (OFX BANKID/ACCTID, a CSV column), an IBAN
// (camt.053), another scheme's id (camt.053 Othr/Id), or a card number, which is
// only ever kept masked ("************1234"): a full card number read from a
// file is masked as it is read and never stored.
struct AccountRef {
  std::string sort_code;       // six digits, no dashes
  std::string account_number;  // as stated (usually eight digits)
  std::string iban;            // upper case, no spaces
  std::string other_id;        // camt.053 Othr/Id, an OFX ACCTID with no BANKID
  std::string masked_card;     // "************1234"
  bool empty() const {
    return sort_code.empty() && account_number.empty() && iban.empty() && other_id.empty() && masked_card.empty();
  }
};

struct Balance {
  std::int64_t pence = 0;          // signed: below zero is overdrawn
  std::optional<CivilDate> date;   // the day it is "as at", when the file says
};

// One statement's header and trailer. A file may hold several statements
// (camt.053 several Stmt; OFX several STMTRS). The parser reports it twice:
// when it starts (what is known by then) and when it ends (with what the file
// gives at its end, such as OFX's LEDGERBAL), never holding its lines.
struct StatementInfo {
  std::size_t index = 0;             // 0 for the first statement in the file
  std::string statement_id;          // camt.053 Stmt/Id; empty when the format has none
  AccountRef account;
  std::string currency;              // ISO 4217 ("GBP"); empty when the file does not say
  std::optional<CivilDate> period_from;  // camt.053 FrToDt, OFX DTSTART
  std::optional<CivilDate> period_to;    // camt.053 FrToDt, OFX DTEND
  std::optional<Balance> opening;    // camt.053 OPBD/PRCD; a CSV's first running balance less its line
  std::optional<Balance> closing;    // camt.053 CLBD, OFX LEDGERBAL; a CSV's last running balance
  std::uint64_t source_line = 0;     // where it starts in the file
};

struct Line {
  std::size_t statement_index = 0;
  // The bank's own id for the line, when the format has one: OFX FITID;
  // camt.053 the entry's AcctSvcrRef (else NtryRef), with the transaction's own
  // reference after a "/" for each transaction of a batched entry; a CSV
  // column the mapping names. Empty when there is none: then the fingerprint
  // (identity.hpp) stands in for it.
  std::string bank_id;
  CivilDate booking_date;
  std::optional<CivilDate> value_date;
  std::int64_t amount_pence = 0;     // signed: money into the account is above zero
  std::string currency;              // the line's, when the file says (camt.053 Amt/@Ccy)
  std::string payee;                 // who was paid or who paid in
  std::string description;           // the bank's narrative
  std::string reference;             // the payer's reference, end-to-end id or cheque number
  std::optional<int> merchant_category;      // ISO 18245 merchant category code (card files, OFX SIC)
  std::optional<std::int64_t> running_balance_pence;  // after this line, when the file gives it
  bool reversal = false;             // camt.053 RvslInd: this line undoes an earlier one
  std::uint64_t source_line = 0;     // the line of the file it starts on (1 is the first)
  // How many lines before this one in the same file had the same booking
  // date, amount and normalised text, plus one: two identical coffees on one
  // day are occurrences 1 and 2, so both are kept (identity.hpp).
  std::uint32_t occurrence = 1;
};

}  // namespace patchwork::statements
