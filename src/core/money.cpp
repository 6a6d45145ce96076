#include "core/money.hpp"

#include <cassert>
#include <cstdlib>
#include <limits>

namespace patchwork {

std::optional<Money> Money::parse(std::string_view text) {
  std::string digits;
  bool negative = false;
  std::size_t i = 0;
  while (i < text.size() && text[i] == ' ') ++i;
  if (i < text.size() && text[i] == '-') { negative = true; ++i; }
  if (text.substr(i).starts_with("\xC2\xA3")) i += 2;  // the pound sign in UTF-8
  std::int64_t whole = 0;
  int whole_digits = 0;
  for (; i < text.size() && text[i] != '.'; ++i) {
    char c = text[i];
    if (c == ',') continue;
    if (c == ' ') break;
    if (c < '0' || c > '9') return std::nullopt;
    if (whole > (std::numeric_limits<std::int64_t>::max() / 100 - 9) / 10) return std::nullopt;
    whole = whole * 10 + (c - '0');
    ++whole_digits;
  }
  std::int64_t fraction = 0;
  int fraction_digits = 0;
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && text[i] != ' '; ++i) {
      char c = text[i];
      if (c < '0' || c > '9' || fraction_digits == 2) return std::nullopt;
      fraction = fraction * 10 + (c - '0');
      ++fraction_digits;
    }
    if (fraction_digits == 0) return std::nullopt;
  }
  while (i < text.size() && text[i] == ' ') ++i;
  if (i != text.size() || (whole_digits == 0 && fraction_digits == 0)) return std::nullopt;
  if (fraction_digits == 1) fraction *= 10;
  std::int64_t pence = whole * 100 + fraction;
  return Money(negative ? -pence : pence);
}

namespace {

// Within the range every Money keeps: the 64-bit range less its smallest value.
MoneyResult checked(__int128 pence) {
  if (pence > std::numeric_limits<std::int64_t>::max() || pence < -std::numeric_limits<std::int64_t>::max())
    return std::unexpected(MoneyError::Overflow);
  return Money::from_pence(std::int64_t(pence));
}

// Rounds numerator / denominator to the nearest whole number, halves away from zero.
__int128 round_half_away(__int128 numerator, __int128 denominator) {
  if (denominator < 0) { numerator = -numerator; denominator = -denominator; }
  __int128 q = numerator / denominator;
  __int128 r = numerator % denominator;
  if (r < 0) r = -r;
  if (2 * r >= denominator) q += numerator < 0 ? -1 : 1;
  return q;
}

}  // namespace

MoneyResult Money::plus(Money o) const { return checked(__int128(pence_) + o.pence_); }
MoneyResult Money::minus(Money o) const { return checked(__int128(pence_) - o.pence_); }
MoneyResult Money::negated() const { return checked(-__int128(pence_)); }
MoneyResult Money::times(std::int64_t count) const { return checked(__int128(pence_) * count); }

MoneyResult Money::scaled(std::int64_t numerator, std::int64_t denominator) const {
  assert(denominator > 0);
  // 64 × 64 bits fits in 128, so the product is exact before it is rounded.
  return checked(round_half_away(__int128(pence_) * numerator, denominator));
}

std::string Money::decimal() const {
  // From the unsigned size, so even a value no Money should hold cannot overflow here.
  std::uint64_t abs = pence_ < 0 ? std::uint64_t(0) - std::uint64_t(pence_) : std::uint64_t(pence_);
  std::string out = std::to_string(abs / 100) + "." + (abs % 100 < 10 ? "0" : "") + std::to_string(abs % 100);
  return pence_ < 0 ? "-" + out : out;
}

std::string Money::display() const {
  std::uint64_t abs = pence_ < 0 ? std::uint64_t(0) - std::uint64_t(pence_) : std::uint64_t(pence_);
  std::string pounds = std::to_string(abs / 100);
  std::string grouped;
  for (std::size_t k = 0; k < pounds.size(); ++k) {
    if (k > 0 && (pounds.size() - k) % 3 == 0) grouped += ',';
    grouped += pounds[k];
  }
  std::string out = "\xC2\xA3" + grouped + "." + (abs % 100 < 10 ? "0" : "") + std::to_string(abs % 100);
  return pence_ < 0 ? "-" + out : out;
}

std::int64_t round_div(std::int64_t numerator, std::int64_t denominator) {
  assert(denominator != 0);
  return std::int64_t(round_half_away(numerator, denominator));
}

}  // namespace patchwork
