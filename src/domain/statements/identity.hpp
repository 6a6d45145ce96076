#pragma once
// Which statement line is which, so that importing a file twice, or two
// statements that overlap, adds nothing twice.
//
// A line's identity is the bank's own id where the format has one (OFX FITID,
// camt.053 AcctSvcrRef / NtryRef and the transaction's reference within a
// batch, a CSV's id column): "id:<bank id>". Otherwise it is the fingerprint
//   "fp:<booking date>:<amount in pence>:<hash>:<occurrence>"
// where <hash> is the first 16 bytes of BLAKE2b (libsodium's generichash), in
// hex, of the line's words (payee, description and reference, each normalised
// as normalise_text does, joined by " | "), and <occurrence> counts identical
// lines (same date, amount and words) in the same statement file, so two £2.80
// coffees at the same café on one day are occurrences 1 and 2 and both stay.
// The same line in an overlapping statement has the same occurrence, because
// each file counts from the start of that day.
//
// The ledger transfer for a line is "stmt:<account>:<identity>", <account> being
// the ledger account the statement is for (ledger/transfer.hpp).
#include <string>

#include "domain/ledger/transfer.hpp"
#include "domain/statements/statement.hpp"

namespace patchwork::statements {

std::string line_identity(const Line& line);
std::string transfer_id(ledger::AccountId account, const Line& line);

// Whether the account a file states is the account Patchwork holds for it:
// the same IBAN; the same sort code and account number; a UK IBAN against the
// sort code and account number inside it (GBkk BANK SSSSSS AAAAAAAA); the same
// masked card (last four digits); the same other id. Nothing stated matches
// nothing: a file that names no account is for the caller to confirm.
bool same_account(const AccountRef& stated, const AccountRef& held);

// An IBAN's ISO 13616 check digits (mod 97), after spaces are removed.
bool valid_iban(std::string_view iban);

}  // namespace patchwork::statements
