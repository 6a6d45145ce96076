#include "core/money.hpp"

#include <gtest/gtest.h>

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
  EXPECT_EQ((Money::from_pence(1999) + Money::from_pence(1)).pence(), 2000);
  EXPECT_EQ((Money::from_pence(1000) - Money::from_pence(1001)).pence(), -1);
  EXPECT_LT(Money::from_pence(1), Money::from_pence(2));
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
