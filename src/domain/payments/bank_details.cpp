#include "domain/payments/bank_details.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace patchwork::payments {
namespace {

// The digits of `v` with spaces and hyphens taken out; nothing when anything
// else is in it.
std::optional<std::string> digits_only(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == ' ' || c == '-') continue;
    if (c < '0' || c > '9') return std::nullopt;
    out.push_back(c);
  }
  return out;
}

}  // namespace

Result<BankDetails> bank_details_from_fields(const people::Fields& f) {
  FieldErrors errors;
  auto get = [&](const char* k) {
    auto it = f.find(k);
    return it == f.end() ? std::string() : trim(it->second);
  };
  BankDetails b;
  b.part_key = get("part_key");
  if (b.part_key.empty()) errors.push_back({"part_key", "Choose the part of the budget these bank details are for"});
  else if (b.part_key.size() > 10) errors.push_back({"part_key", "A part is named by up to 10 letters or digits, for example A"});
  b.account_name = get("account_name");
  if (b.account_name.empty()) errors.push_back({"account_name", "Enter the name on the account"});
  else if (b.account_name.size() > 70) errors.push_back({"account_name", "The name on the account must be 70 characters or fewer"});
  else if (text_problem(b.account_name) || has_line_break(b.account_name))
    errors.push_back({"account_name", "The name on the account must be one line of ordinary text"});
  const auto sort = get("sort_code");
  auto sort_digits = digits_only(sort);
  if (sort.empty()) errors.push_back({"sort_code", "Enter the sort code"});
  else if (!sort_digits || sort_digits->size() != 6) errors.push_back({"sort_code", "Enter a sort code of 6 digits, like 30-94-57"});
  else b.sort_code = *sort_digits;
  const auto account = get("account_number");
  auto account_digits = digits_only(account);
  if (account.empty()) errors.push_back({"account_number", "Enter the account number"});
  else if (!account_digits || account_digits->size() != 8)
    errors.push_back({"account_number", "Enter an account number of 8 digits, like 31926819"});
  else b.account_number = *account_digits;
  if (!errors.empty()) return std::unexpected(errors);
  return b;
}

std::string sort_code_display(const std::string& s) {
  if (s.size() != 6) return s;
  return s.substr(0, 2) + "-" + s.substr(2, 2) + "-" + s.substr(4, 2);
}

std::string masked_account(const BankDetails& b) {
  const auto& n = b.account_number;
  return "ending " + (n.size() >= 4 ? n.substr(n.size() - 4) : std::string("????"));
}

}  // namespace patchwork::payments
