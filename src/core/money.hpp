#pragma once
// Money is a whole number of pence, everywhere: in memory, on the wire and on disk.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace patchwork {

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

  constexpr Money operator+(Money o) const { return Money(pence_ + o.pence_); }
  constexpr Money operator-(Money o) const { return Money(pence_ - o.pence_); }
  constexpr Money operator-() const { return Money(-pence_); }
  constexpr auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(std::int64_t pence) : pence_(pence) {}
  std::int64_t pence_ = 0;
};

// Rounds a rational number of pence (numerator / denominator) to the nearest
// penny, halves away from zero, without going through floating point.
std::int64_t round_div(std::int64_t numerator, std::int64_t denominator);

}  // namespace patchwork
