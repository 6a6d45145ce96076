// Closing a holding account (docs/money.md "Closing an account"): each rule
// with a case on either side of it.
#include "domain/ledger/closing.hpp"

#include <gtest/gtest.h>

namespace patchwork::ledger {
namespace {

const CivilDate kToday{2026, 12, 3};

Account holding() {
  Account a;
  a.id = 7;
  a.kind = AccountKind::DirectPayment;
  a.person_id = PersonId(12);
  a.part_key = "A";
  return a;
}

std::string fields_of(const FieldErrors& e) {
  std::string out;
  for (const auto& x : e) out += (out.empty() ? "" : ",") + x.field;
  return out;
}

TEST(Closing, AnEmptyHoldingAccountWithNothingOpenCloses) {
  ClosingFacts f;
  f.last_movement = CivilDate{2026, 12, 3};
  EXPECT_TRUE(closing_problems(holding(), f, kToday).empty());
  Account isf = holding();
  isf.kind = AccountKind::IndividualServiceFund;
  EXPECT_TRUE(closing_problems(isf, f, kToday).empty());
}

TEST(Closing, OnlyAHoldingAccountCloses) {
  for (auto kind : {AccountKind::CouncilFunding, AccountKind::PersonContribution, AccountKind::Spending, AccountKind::SurplusRecovered,
                    AccountKind::OverpaymentsDue, AccountKind::ProviderPayable}) {
    Account a;
    a.kind = kind;
    auto e = closing_problems(a, {}, kToday);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].field, "account");
  }
}

TEST(Closing, APennyHeldRefusesItNamingTheAmountAndDate) {
  ClosingFacts f;
  f.held_at_close = Money::from_pence(1);
  auto e = closing_problems(holding(), f, kToday);
  ASSERT_EQ(fields_of(e), "on");
  EXPECT_EQ(e[0].message, "The account holds £0.01 at the end of 3 December 2026: it can be closed only when it holds nothing. "
                          "Recover or move the money first.");
}

TEST(Closing, MoneyMovingAfterTheDateRefusesIt) {
  ClosingFacts f;
  f.last_movement = kToday.plus_days(1);
  EXPECT_EQ(fields_of(closing_problems(holding(), f, kToday)), "on");
  f.last_movement = kToday;
  EXPECT_TRUE(closing_problems(holding(), f, kToday).empty());
}

TEST(Closing, AnOpenRecoveryCaseOrAPaymentWaitingRefusesIt) {
  ClosingFacts f;
  f.open_recovery_cases = 1;
  auto e = closing_problems(holding(), f, kToday);
  ASSERT_EQ(fields_of(e), "account");
  EXPECT_NE(e[0].message.find("A recovery case is still open"), std::string::npos);
  f.open_recovery_cases = 0;
  f.payments_waiting = 2;
  e = closing_problems(holding(), f, kToday);
  ASSERT_EQ(fields_of(e), "account");
  EXPECT_NE(e[0].message.find("2 payments into this account wait"), std::string::npos);
}

TEST(Closing, ClosedOnceOnly) {
  ClosingFacts f;
  f.already_closed_on = CivilDate{2026, 11, 30};
  auto e = closing_problems(holding(), f, kToday);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].message, "This account was closed on 30 November 2026 already");
}

TEST(Closing, TheRequestNeedsADateNotAheadAndAReasonOnOneLine) {
  auto ok = close_request_from_fields({{"on", "2026-12-03"}, {"reason", "The direct payment ended"}}, kToday);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->on, kToday);
  EXPECT_EQ(fields_of(close_request_from_fields({}, kToday).error()), "on,reason");
  EXPECT_EQ(fields_of(close_request_from_fields({{"on", "2026-12-04"}, {"reason", "x"}}, kToday).error()), "on");
  EXPECT_EQ(fields_of(close_request_from_fields({{"on", "2026-02-30"}, {"reason", "x"}}, kToday).error()), "on");
  EXPECT_EQ(fields_of(close_request_from_fields({{"on", "2026-12-01"}, {"reason", "two\nlines"}}, kToday).error()), "reason");
  EXPECT_EQ(fields_of(close_request_from_fields({{"on", "2026-12-01"}, {"reason", std::string(1001, 'x')}}, kToday).error()), "reason");
}

TEST(Closing, AClosedAccountTakesNothingAfterItsDate) {
  const std::optional<CivilDate> closed = CivilDate{2026, 12, 3};
  EXPECT_FALSE(closed_for(closed, CivilDate{2026, 12, 3}));
  EXPECT_TRUE(closed_for(closed, CivilDate{2026, 12, 4}));
  EXPECT_FALSE(closed_for(std::nullopt, CivilDate{2099, 1, 1}));
  EXPECT_EQ(statement_after_closing(*closed), "The account was closed on 3 December 2026; this statement has lines after that");
}

}  // namespace
}  // namespace patchwork::ledger
