#include "domain/statements/identity.hpp"

#include <sodium.h>

#include <array>

#include "domain/statements/normalise.hpp"

namespace patchwork::statements {

std::string line_identity(const Line& line) {
  if (!line.bank_id.empty()) return "id:" + line.bank_id;
  std::string words = line_words(line.payee, line.description, line.reference);
  std::array<unsigned char, 16> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(words.data()), words.size(), nullptr, 0);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char b : hash) {
    hex.push_back(kHex[b >> 4]);
    hex.push_back(kHex[b & 15]);
  }
  return "fp:" + line.booking_date.iso() + ":" + std::to_string(line.amount_pence) + ":" + hex + ":" +
         std::to_string(line.occurrence);
}

std::string transfer_id(ledger::AccountId account, const Line& line) {
  return "stmt:" + std::to_string(account) + ":" + line_identity(line);
}

namespace {

std::string compact(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '-') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

// A UK IBAN's sort code and account number.
bool uk_parts(const std::string& iban, std::string& sort_code, std::string& account) {
  if (iban.size() != 22 || iban.substr(0, 2) != "GB") return false;
  sort_code = iban.substr(8, 6);
  account = iban.substr(14, 8);
  return true;
}

}  // namespace

bool valid_iban(std::string_view text) {
  std::string iban = compact(text);
  if (iban.size() < 15 || iban.size() > 34) return false;
  std::string moved = iban.substr(4) + iban.substr(0, 4);
  int remainder = 0;
  for (char c : moved) {
    if (c >= '0' && c <= '9') remainder = (remainder * 10 + (c - '0')) % 97;
    else if (c >= 'A' && c <= 'Z') remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
    else return false;
  }
  return remainder == 1;
}

bool same_account(const AccountRef& stated, const AccountRef& held) {
  std::string s_iban = compact(stated.iban), h_iban = compact(held.iban);
  std::string s_sort = compact(stated.sort_code), h_sort = compact(held.sort_code);
  std::string s_acct = compact(stated.account_number), h_acct = compact(held.account_number);
  if (!s_iban.empty() && !h_iban.empty()) return s_iban == h_iban;
  std::string sort, acct;
  if (!s_iban.empty() && !h_sort.empty() && uk_parts(s_iban, sort, acct)) return sort == h_sort && acct == h_acct;
  if (!h_iban.empty() && !s_sort.empty() && uk_parts(h_iban, sort, acct)) return sort == s_sort && acct == s_acct;
  if (!s_sort.empty() && !h_sort.empty()) return s_sort == h_sort && s_acct == h_acct;
  if (!stated.masked_card.empty() && !held.masked_card.empty()) {
    auto last4 = [](const std::string& m) { return m.size() >= 4 ? m.substr(m.size() - 4) : m; };
    return last4(stated.masked_card) == last4(held.masked_card);
  }
  if (!stated.other_id.empty() && !held.other_id.empty()) return compact(stated.other_id) == compact(held.other_id);
  return false;
}

}  // namespace patchwork::statements
