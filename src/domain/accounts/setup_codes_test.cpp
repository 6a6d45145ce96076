// Setup codes: what is shown, what is accepted, when a code stops working.
#include "domain/accounts/setup_codes.hpp"

#include <gtest/gtest.h>

#include <set>

namespace patchwork::accounts {
namespace {

TEST(SetupCode, GroupedForReadingAndEveryCodeDifferent) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    auto code = new_setup_code();
    ASSERT_EQ(code.size(), 19u) << code;
    EXPECT_EQ(code[4], '-');
    EXPECT_EQ(code[9], '-');
    EXPECT_EQ(code[14], '-');
    for (char look_alike : {'0', 'O', '1', 'I', 'L', 'U'}) EXPECT_EQ(code.find(look_alike), std::string::npos) << code;
    auto n = normalise_setup_code(code);
    ASSERT_TRUE(n) << code;
    EXPECT_EQ(n->size(), kSetupCodeLength);
    seen.insert(*n);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(SetupCode, TypedAsOnPaperInAnyCaseWithSpaces) {
  EXPECT_EQ(normalise_setup_code("ktwp 9fqh-3rmx ZC7D"), "KTWP9FQH3RMXZC7D");
  EXPECT_EQ(normalise_setup_code(" KTWP-9FQH-3RMX-ZC7D "), "KTWP9FQH3RMXZC7D");
  EXPECT_FALSE(normalise_setup_code("KTWP-9FQH-3RMX-ZC7"));     // too short
  EXPECT_FALSE(normalise_setup_code("KTWP-9FQH-3RMX-ZC7DD"));   // too long
  EXPECT_FALSE(normalise_setup_code("KTWP-9FQH-3RMX-ZC70"));    // 0 is never in a code
  EXPECT_FALSE(normalise_setup_code(""));
  EXPECT_EQ(setup_code_hash("KTWP9FQH3RMXZC7D"), setup_code_hash(*normalise_setup_code("ktwp-9fqh-3rmx-zc7d")));
  EXPECT_NE(setup_code_hash("KTWP9FQH3RMXZC7D"), "KTWP9FQH3RMXZC7D");
}

TEST(SetupCode, ExpiresAfterFourteenDaysAndWorksOnce) {
  const auto made = Clock::now();
  const auto expires = made + kSetupCodeLifetime;
  EXPECT_EQ(kSetupCodeLifetime, std::chrono::days(14));
  EXPECT_EQ(setup_code_state(expires, false, made), SetupCodeState::Usable);
  EXPECT_EQ(setup_code_state(expires, false, expires - std::chrono::seconds(1)), SetupCodeState::Usable);
  EXPECT_EQ(setup_code_state(expires, false, expires), SetupCodeState::Expired);
  EXPECT_EQ(setup_code_state(expires, true, made), SetupCodeState::Used);
  EXPECT_EQ(setup_code_state(expires, true, expires + std::chrono::hours(1)), SetupCodeState::Used);
  EXPECT_NE(setup_code_refusal(SetupCodeState::Expired).find("expired"), std::string::npos);
  EXPECT_NE(setup_code_refusal(SetupCodeState::Used).find("already been used"), std::string::npos);
  EXPECT_TRUE(setup_code_refusal(SetupCodeState::Usable).empty());
}

TEST(SetupCode, UsableUntilTheEndOfTheFourteenthDay) {
  using namespace std::chrono;
  // Made at 22:18 on 1 December 2026: usable all of 15 December, not on the 16th.
  const auto made = sys_days{year{2026} / 12 / 1} + hours(22) + minutes(18);
  const auto expires = setup_code_expiry(made);
  EXPECT_EQ(expires, sys_days{year{2026} / 12 / 16});
  EXPECT_EQ(setup_code_state(expires, false, sys_days{year{2026} / 12 / 15} + hours(23) + minutes(59)), SetupCodeState::Usable);
  EXPECT_EQ(setup_code_state(expires, false, sys_days{year{2026} / 12 / 16}), SetupCodeState::Expired);
}

}  // namespace
}  // namespace patchwork::accounts
