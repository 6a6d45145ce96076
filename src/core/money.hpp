#pragma once
// Money is a whole number of pence, everywhere: in memory, on the wire and on disk.
#include <compare>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace patchwork {

// Why a sum could not be worked out. Money never wraps round: an amount too
// large for 64 bits is this error, which the caller must handle.
enum class MoneyError { Overflow };

class Money;
using MoneyResult = std::expected<Money, MoneyError>;

class Money {
 public:
  constexpr Money() = default;
  static constexpr Money from_pence(std::int64_t pence) { return Money(pence); }
  constexpr std::int64_t pence() const { return pence_; }

  // Parses "12.50", "12.5", "12", "£1,234.56" or "-3.00". Refuses more than two
  // decimal places rather than rounding silently: money typed in must be exact.
  static std::optional<Money> parse(std::string_view text);

  // "12.50" (no symbol): the form used in JSON and in input fields.
  std::string decimal() const;
  // "£1,234.56": the form shown to people.
  std::string display() const;

  // Checked arithmetic: each gives MoneyError::Overflow instead of a wrapped
  // number. There are deliberately no + - * operators, so no sum can skip the
  // check. The smallest 64-bit value is never produced, so negating any Money
  // (and taking its size) is always safe.
  [[nodiscard]] MoneyResult plus(Money o) const;
  [[nodiscard]] MoneyResult minus(Money o) const;
  [[nodiscard]] MoneyResult negated() const;
  // The amount for `count` units (hours, points, weeks).
  [[nodiscard]] MoneyResult times(std::int64_t count) const;
  // amount × numerator ÷ denominator, rounded to the nearest penny, halves away
  // from zero: rates, fractions of a week, pro-rating by days. denominator > 0.
  [[nodiscard]] MoneyResult scaled(std::int64_t numerator, std::int64_t denominator) const;
  // `percent` whole per cent of the amount, rounded as scaled() rounds.
  [[nodiscard]] MoneyResult percent(std::int64_t percent) const { return scaled(percent, 100); }

  constexpr auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(std::int64_t pence) : pence_(pence) {}
  std::int64_t pence_ = 0;
};

// Rounds a rational number of pence (numerator / denominator) to the nearest
// penny, halves away from zero, without going through floating point.
// denominator != 0; the result always fits when |numerator| fits.
std::int64_t round_div(std::int64_t numerator, std::int64_t denominator);

}  // namespace patchwork
