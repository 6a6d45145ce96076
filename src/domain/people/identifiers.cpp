#include "domain/people/identifiers.hpp"

#include <cctype>

namespace patchwork::people {

std::optional<std::string> normalise_nhs_number(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
  }
  if (digits.size() != 10) return std::nullopt;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (digits[i] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return std::nullopt;  // no valid number has this check value
  if (check != digits[9] - '0') return std::nullopt;
  return digits;
}

std::optional<std::string> normalise_postcode(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c == ' ') continue;
    if (!std::isalnum(static_cast<unsigned char>(c))) return std::nullopt;
    compact += char(std::toupper(static_cast<unsigned char>(c)));
  }
  if (compact == "GIR0AA") return "GIR 0AA";  // the one historic exception
  if (compact.size() < 5 || compact.size() > 7) return std::nullopt;
  std::string outward = compact.substr(0, compact.size() - 3);
  std::string inward = compact.substr(compact.size() - 3);
  auto alpha = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!digit(inward[0]) || !alpha(inward[1]) || !alpha(inward[2])) return std::nullopt;
  const auto& o = outward;
  bool ok = false;
  switch (o.size()) {
    case 2: ok = alpha(o[0]) && digit(o[1]); break;                                   // A9
    case 3: ok = alpha(o[0]) && ((digit(o[1]) && (digit(o[2]) || alpha(o[2]))) ||    // A99, A9A
                                 (alpha(o[1]) && digit(o[2]))); break;                 // AA9
    case 4: ok = alpha(o[0]) && alpha(o[1]) && digit(o[2]) && (digit(o[3]) || alpha(o[3])); break;  // AA99, AA9A
  }
  if (!ok) return std::nullopt;
  return outward + " " + inward;
}

}  // namespace patchwork::people
