#pragma once
// The bank account a part's payments go to: for a direct payment, the account
// the recipient (the person, or a nominated or authorised person) holds it in.
// Finance records and reads them in full; everyone else sees only the last
// four digits of the account number (docs/money.md says why). Pure domain.
#include <cstdint>
#include <string>

#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/people/records.hpp"

namespace patchwork::payments {

struct BankDetails {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::string part_key;
  std::string account_name;    // as the bank holds it: "Sarah Ellis" or "S J Ellis re M Ellis"
  std::string sort_code;       // six digits, no hyphens
  std::string account_number;  // eight digits
  std::string recorded_at;
};

// Reads part_key, account_name, sort_code ("12-34-56", "12 34 56" or
// "123456") and account_number (8 digits; spaces and hyphens ignored). Only
// the format is checked: Vocalink's modulus check needs its licensed table of
// sort codes, which the council's finance system holds.
Result<BankDetails> bank_details_from_fields(const people::Fields& f);

// "12-34-56".
std::string sort_code_display(const std::string& six_digits);
// "ending 6819": all that anyone but finance sees.
std::string masked_account(const BankDetails& b);

}  // namespace patchwork::payments
