#include "core/money.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <random>

namespace patchwork {

TEST(Money, ParsesExactAmountsIntoPence) {
  EXPECT_EQ(Money::parse("12.50")->pence(), 1250);
  EXPECT_EQ(Money::parse("12.5")->pence(), 1250);
  EXPECT_EQ(Money::parse("12")->pence(), 1200);
  EXPECT_EQ(Money::parse("0.07")->pence(), 7);
  EXPECT_EQ(Money::parse("\xC2\xA3" "1,234.56")->pence(), 123456);
  EXPECT_EQ(Money::parse("-3.00")->pence(), -300);
  EXPECT_EQ(Money::parse(" 5.10 ")->pence(), 510);
}

TEST(Money, RefusesAmountsThatAreNotExact) {
  EXPECT_FALSE(Money::parse("12.505"));  // a fraction of a penny is never rounded silently
  EXPECT_FALSE(Money::parse("abc"));
  EXPECT_FALSE(Money::parse(""));
  EXPECT_FALSE(Money::parse("."));
  EXPECT_FALSE(Money::parse("1.2.3"));
  EXPECT_FALSE(Money::parse("12."));
  EXPECT_FALSE(Money::parse("99999999999999999999"));
}

TEST(Money, FormatsForPeopleAndForTheWire) {
  EXPECT_EQ(Money::from_pence(123456).display(), "\xC2\xA3" "1,234.56");
  EXPECT_EQ(Money::from_pence(5).decimal(), "0.05");
  EXPECT_EQ(Money::from_pence(-250).decimal(), "-2.50");
  EXPECT_EQ(Money::from_pence(100000000).display(), "\xC2\xA3" "1,000,000.00");
  EXPECT_EQ(Money::from_pence(0).display(), "\xC2\xA3" "0.00");
}

TEST(Money, ArithmeticStaysInPence) {
  EXPECT_EQ(Money::from_pence(1999).plus(Money::from_pence(1))->pence(), 2000);
  EXPECT_EQ(Money::from_pence(1000).minus(Money::from_pence(1001))->pence(), -1);
  EXPECT_EQ(Money::from_pence(520).times(46)->pence(), 23920);
  EXPECT_EQ(Money::from_pence(23920).percent(10)->pence(), 2392);
  EXPECT_EQ(Money::from_pence(1000).scaled(1, 3)->pence(), 333);
  EXPECT_EQ(Money::from_pence(-250).scaled(1, 100)->pence(), -3);
  EXPECT_EQ(Money::from_pence(-7).negated()->pence(), 7);
  EXPECT_LT(Money::from_pence(1), Money::from_pence(2));
}

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

TEST(Money, OverflowIsAnErrorNeverAWrappedNumber) {
  const Money max = Money::from_pence(kMax), min = Money::from_pence(-kMax);
  EXPECT_EQ(max.plus(Money::from_pence(0))->pence(), kMax);
  EXPECT_EQ(max.plus(Money::from_pence(1)).error(), MoneyError::Overflow);
  EXPECT_EQ(min.minus(Money::from_pence(1)).error(), MoneyError::Overflow);
  EXPECT_EQ(min.minus(Money::from_pence(0))->pence(), -kMax);
  EXPECT_EQ(max.negated()->pence(), -kMax);
  EXPECT_EQ(max.times(2).error(), MoneyError::Overflow);
  EXPECT_EQ(max.times(-1)->pence(), -kMax);
  EXPECT_EQ(min.times(-1)->pence(), kMax);
  // The review's case: £9,000,000,000,000,000 a point for 11 points.
  EXPECT_EQ(Money::parse("9000000000000000.00")->times(11).error(), MoneyError::Overflow);
  EXPECT_EQ(max.percent(101).error(), MoneyError::Overflow);
  EXPECT_EQ(max.percent(100)->pence(), kMax);
  // A product that overflows 64 bits on the way is still right once divided.
  EXPECT_EQ(max.scaled(3, 4)->pence(), 6917529027641081855);  // 6,917,529,027,641,081,855.25
  EXPECT_EQ(max.scaled(kMax, kMax)->pence(), kMax);
  EXPECT_EQ(max.scaled(kMax, 1).error(), MoneyError::Overflow);
}

TEST(Money, ExtremeValuesStillFormat) {
  EXPECT_EQ(Money::from_pence(kMax).decimal(), "92233720368547758.07");
  EXPECT_EQ(Money::from_pence(std::numeric_limits<std::int64_t>::min()).decimal(), "-92233720368547758.08");
}

// Property: over random operands (many near the limits), every checked result
// equals exact 128-bit arithmetic when that fits, and is an overflow when not.
TEST(Money, CheckedArithmeticAgreesWith128BitArithmetic) {
  std::mt19937_64 rng(20261201);
  auto operand = [&rng]() -> std::int64_t {
    switch (rng() % 4) {
      case 0: return std::int64_t(rng() % 2000001) - 1000000;           // everyday amounts
      case 1: return kMax - std::int64_t(rng() % 1000);                  // near the top
      case 2: return -kMax + std::int64_t(rng() % 1000);                 // near the bottom
      default: return std::int64_t(rng() >> 1) * (rng() % 2 ? 1 : -1);  // anywhere
    }
  };
  auto expect = [](MoneyResult got, __int128 exact) {
    if (exact > kMax || exact < -kMax) {
      ASSERT_FALSE(got.has_value());
    } else {
      ASSERT_TRUE(got.has_value());
      ASSERT_EQ(got->pence(), std::int64_t(exact));
    }
  };
  for (int i = 0; i < 200000; ++i) {
    const std::int64_t a = operand(), b = operand();
    const Money m = Money::from_pence(a);
    expect(m.plus(Money::from_pence(b)), __int128(a) + b);
    expect(m.minus(Money::from_pence(b)), __int128(a) - b);
    expect(m.times(b), __int128(a) * b);
    const std::int64_t d = std::int64_t(rng() % 10000) + 1;
    const std::int64_t n = std::int64_t(rng() % 20001) - 10000;
    __int128 product = __int128(a) * n, q = product / d, r = product % d;
    if (2 * (r < 0 ? -r : r) >= d) q += product < 0 ? -1 : 1;
    expect(m.scaled(n, d), q);
  }
}

TEST(Money, RoundsDivisionToTheNearestPennyHalfAwayFromZero) {
  EXPECT_EQ(round_div(23920, 100), 239);  // 239.2
  EXPECT_EQ(round_div(250, 100), 3);      // 2.5 -> 3
  EXPECT_EQ(round_div(-250, 100), -3);
  EXPECT_EQ(round_div(249, 100), 2);
  EXPECT_EQ(round_div(10, 3), 3);
  EXPECT_EQ(round_div(20, 3), 7);
  EXPECT_EQ(round_div(7, -2), -4);
}

}  // namespace patchwork
