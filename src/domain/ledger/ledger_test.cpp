#include "domain/ledger/ledger.hpp"

#include <gtest/gtest.h>

#include <set>

#include "domain/ledger/memory_ledger.hpp"

namespace patchwork::ledger {
namespace {

const CouncilId kCouncil(1);
const CouncilId kOtherCouncil(2);

Money pence(std::int64_t p) { return Money::from_pence(p); }

bool names(const FieldErrors& errors, std::string_view field, std::string_view words = "") {
  for (const auto& e : errors)
    if (e.field == field && e.message.find(words) != std::string::npos) return true;
  return false;
}

std::string all(const FieldErrors& errors) {
  std::string out;
  for (const auto& e : errors) out += e.field + ": " + e.message + "\n";
  return out;
}

struct Fixture {
  MemoryLedger ledger{kCouncil};
  AccountId funding = ledger.open({.council_id = kCouncil, .kind = AccountKind::CouncilFunding});
  AccountId contribution = ledger.open(
      {.council_id = kCouncil, .kind = AccountKind::PersonContribution, .person_id = PersonId(7)});
  AccountId dp = ledger.open(
      {.council_id = kCouncil, .kind = AccountKind::DirectPayment, .person_id = PersonId(7), .part_key = "A"});
  AccountId wages = ledger.open(
      {.council_id = kCouncil, .kind = AccountKind::Spending, .category = SpendingCategory::PaWages});
  AccountId surplus = ledger.open({.council_id = kCouncil, .kind = AccountKind::SurplusRecovered});
  AccountId elsewhere = ledger.open({.council_id = kOtherCouncil, .kind = AccountKind::CouncilFunding});

  Transfer t(std::string id, AccountId debit, AccountId credit, std::int64_t p, CivilDate on = CivilDate(2026, 12, 7)) {
    return Transfer{std::move(id), debit, credit, pence(p), on, "because", std::nullopt};
  }
  Result<MemoryLedger::Outcome> post(std::vector<Transfer> ts) { return ledger.post(ts); }
};

TEST(LedgerAccounts, CodesReadBackAndOnlySourcesAndDebtsGoBelowZero) {
  std::set<std::string_view> codes;
  for (AccountKind k : account_kinds()) {
    EXPECT_EQ(account_kind_from_code(account_kind_code(k)), k);
    codes.insert(account_kind_code(k));
  }
  EXPECT_EQ(codes.size(), account_kinds().size());
  for (SpendingCategory c : spending_categories())
    EXPECT_EQ(spending_category_from_code(spending_category_code(c)), c);
  EXPECT_EQ(spending_categories().size(), 10u);
  EXPECT_FALSE(account_kind_from_code("bank"));

  EXPECT_TRUE(may_go_below_zero(AccountKind::CouncilFunding));
  EXPECT_TRUE(may_go_below_zero(AccountKind::PersonContribution));
  EXPECT_TRUE(may_go_below_zero(AccountKind::OverpaymentsDue));
  for (AccountKind k : {AccountKind::DirectPayment, AccountKind::IndividualServiceFund, AccountKind::ProviderPayable,
                        AccountKind::Spending, AccountKind::SurplusRecovered})
    EXPECT_FALSE(may_go_below_zero(k)) << account_kind_code(k);
}

TEST(LedgerAccounts, HoldingAccountsAreKeyedByPersonAndPartNotBudgetVersion) {
  EXPECT_EQ(holding_kind(budgets::Mechanism::DirectPayment), AccountKind::DirectPayment);
  EXPECT_EQ(holding_kind(budgets::Mechanism::IndividualServiceFund), AccountKind::IndividualServiceFund);
  EXPECT_FALSE(holding_kind(budgets::Mechanism::CouncilManaged));  // holds no money
  Account a{.council_id = kCouncil, .kind = AccountKind::DirectPayment, .person_id = PersonId(12), .part_key = "A"};
  EXPECT_EQ(account_key(a), "person:12:part:A");
  EXPECT_EQ(account_key(Account{.kind = AccountKind::CouncilFunding}), "");
  EXPECT_EQ(account_key(Account{.kind = AccountKind::ProviderPayable, .provider_id = ProviderId(5)}), "provider:5");
  EXPECT_EQ(account_key(Account{.kind = AccountKind::Spending, .category = SpendingCategory::Respite}), "category:respite");
  EXPECT_EQ(account_label(a), "Direct payment account, part A");
}

TEST(LedgerTransfer, EachFieldIsCheckedAndNamed) {
  Transfer ok{"pay:1", 1, 2, pence(100), CivilDate(2026, 12, 7), "Payment", std::nullopt};
  EXPECT_TRUE(transfer_problems(ok).empty());

  auto with = [&](auto change) { Transfer t = ok; change(t); return transfer_problems(t, "t."); };
  EXPECT_TRUE(names(with([](Transfer& t) { t.id = ""; }), "t.id"));
  EXPECT_TRUE(names(with([](Transfer& t) { t.id = std::string(201, 'x'); }), "t.id", "200"));
  EXPECT_TRUE(with([](Transfer& t) { t.id = std::string(200, 'x'); }).empty());
  EXPECT_TRUE(names(with([](Transfer& t) { t.id = " pay:1"; }), "t.id", "space"));
  EXPECT_TRUE(names(with([](Transfer& t) { t.id = "pay\n1"; }), "t.id"));
  EXPECT_TRUE(names(with([](Transfer& t) { t.id = "caf\xc3\xa9"; }), "t.id", "ASCII"));
  EXPECT_TRUE(names(with([](Transfer& t) { t.credit = t.debit; }), "t.credit", "two different accounts"));
  EXPECT_TRUE(names(with([](Transfer& t) { t.debit = 0; }), "t.debit"));
  EXPECT_TRUE(names(with([](Transfer& t) { t.amount = pence(0); }), "t.amount", "more than"));
  EXPECT_TRUE(names(with([](Transfer& t) { t.amount = pence(-5); }), "t.amount"));
  EXPECT_TRUE(names(with([](Transfer& t) { t.value_date = CivilDate{}; }), "t.value_date"));
  EXPECT_TRUE(names(with([](Transfer& t) { t.reason = "  "; }), "t.reason"));
  EXPECT_TRUE(names(with([](Transfer& t) { t.reason = "two\nlines"; }), "t.reason"));
  EXPECT_TRUE(names(with([](Transfer& t) { t.reverses = "pay:1"; }), "t.reverses", "itself"));
}

TEST(LedgerPost, MovesMoneyAndKeepsEveryBalanceTheSumOfItsTransfers) {
  Fixture f;
  auto r = f.post({f.t("pay:1", f.funding, f.dp, 40000), f.t("wages:1", f.dp, f.wages, 15000, CivilDate(2026, 12, 9))});
  ASSERT_TRUE(r) << all(r.error());
  EXPECT_EQ(r->added, 2);
  EXPECT_EQ(f.ledger.balance(f.dp, CivilDate(2026, 12, 6)), pence(0));
  EXPECT_EQ(f.ledger.balance(f.dp, CivilDate(2026, 12, 7)), pence(40000));
  EXPECT_EQ(f.ledger.balance(f.dp, CivilDate(2026, 12, 9)), pence(25000));
  EXPECT_EQ(f.ledger.balance(f.funding, CivilDate(2026, 12, 31)), pence(-40000));  // the council paid out
  EXPECT_EQ(f.ledger.balance(f.wages, CivilDate(2026, 12, 31)), pence(15000));
}

TEST(LedgerPost, TheSameIdWithTheSameContentIsANoOp) {
  Fixture f;
  ASSERT_TRUE(f.post({f.t("pay:1", f.funding, f.dp, 40000)}));
  auto again = f.post({f.t("pay:1", f.funding, f.dp, 40000), f.t("pay:2", f.funding, f.dp, 100)});
  ASSERT_TRUE(again) << all(again.error());
  EXPECT_EQ(again->added, 1);
  EXPECT_EQ(again->already_recorded, 1);
  EXPECT_EQ(f.ledger.balance(f.dp, CivilDate(2026, 12, 31)), pence(40100));
  // Twice in one post: recorded once.
  auto twice = f.post({f.t("pay:3", f.funding, f.dp, 5), f.t("pay:3", f.funding, f.dp, 5)});
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->added, 1);
  EXPECT_EQ(twice->already_recorded, 1);
  EXPECT_EQ(f.ledger.transfers().size(), 3u);
}

TEST(LedgerPost, TheSameIdWithDifferentContentIsRefusedNamingWhatDiffers) {
  Fixture f;
  ASSERT_TRUE(f.post({f.t("pay:1", f.funding, f.dp, 40000)}));
  auto r = f.post({f.t("pay:1", f.funding, f.dp, 39999)});
  ASSERT_FALSE(r);
  EXPECT_TRUE(names(r.error(), "transfers[0].id", "amount (£400.00 recorded, £399.99 now)")) << all(r.error());
  auto d = f.post({f.t("pay:1", f.funding, f.dp, 40000, CivilDate(2026, 12, 8))});
  ASSERT_FALSE(d);
  EXPECT_TRUE(names(d.error(), "transfers[0].id", "value date (2026-12-07 recorded, 2026-12-08 now)"));
  auto c = f.post({f.t("pay:1", f.contribution, f.dp, 40000)});
  ASSERT_FALSE(c);
  EXPECT_TRUE(names(c.error(), "transfers[0].id", "the account the money leaves"));
  Transfer reason = f.t("pay:1", f.funding, f.dp, 40000);
  reason.reason = "something else";
  auto e = f.post({reason});
  ASSERT_FALSE(e);
  EXPECT_TRUE(names(e.error(), "transfers[0].id", "the reason"));
  // Within one post, too.
  auto p = f.post({f.t("pay:9", f.funding, f.dp, 1), f.t("pay:9", f.funding, f.dp, 2)});
  ASSERT_FALSE(p);
  EXPECT_TRUE(names(p.error(), "transfers[1].id", "earlier in this post"));
  EXPECT_EQ(f.ledger.transfers().size(), 1u);
}

TEST(LedgerPost, AllOrNothing) {
  Fixture f;
  auto r = f.post({f.t("pay:1", f.funding, f.dp, 100), f.t("spend:1", f.dp, f.wages, 500)});
  ASSERT_FALSE(r);
  EXPECT_TRUE(names(r.error(), "transfers[1].amount", "cannot pay out money it does not hold")) << all(r.error());
  EXPECT_TRUE(f.ledger.transfers().empty());
}

TEST(LedgerPost, AccountsMustExistInTheCouncil) {
  Fixture f;
  auto r = f.post({f.t("x:1", f.elsewhere, f.dp, 100)});
  ASSERT_FALSE(r);
  EXPECT_TRUE(names(r.error(), "transfers[0].debit", "no account")) << all(r.error());
  auto missing = f.post({f.t("x:2", f.funding, 999, 100)});
  ASSERT_FALSE(missing);
  EXPECT_TRUE(names(missing.error(), "transfers[0].credit", "no account 999"));
}

TEST(LedgerPost, AHoldingAccountNeverGoesBelowZeroOnAnyDay) {
  Fixture f;
  ASSERT_TRUE(f.post({f.t("pay:1", f.funding, f.dp, 40000, CivilDate(2026, 12, 7))}));
  // More than it holds.
  EXPECT_FALSE(f.post({f.t("spend:1", f.dp, f.wages, 40001, CivilDate(2026, 12, 8))}));
  // Exactly what it holds: allowed, down to nothing.
  ASSERT_TRUE(f.post({f.t("spend:2", f.dp, f.wages, 40000, CivilDate(2026, 12, 8))}));
  // Money paid later cannot be spent earlier, even if the end balance would be fine.
  ASSERT_TRUE(f.post({f.t("pay:2", f.funding, f.dp, 10000, CivilDate(2026, 12, 20))}));
  auto early = f.post({f.t("spend:3", f.dp, f.wages, 5000, CivilDate(2026, 12, 10))});
  ASSERT_FALSE(early);
  EXPECT_TRUE(names(early.error(), "transfers[0].amount", "10 December 2026")) << all(early.error());
  // A payment and spending on the same day count together (end of day balance).
  auto same_day = f.post({f.t("spend:4", f.dp, f.wages, 12000, CivilDate(2026, 12, 21)),
                          f.t("pay:3", f.funding, f.dp, 2000, CivilDate(2026, 12, 21))});
  ASSERT_TRUE(same_day) << all(same_day.error());
  EXPECT_EQ(f.ledger.balance(f.dp, CivilDate(2026, 12, 31)), pence(0));
  // The council's funding may go below zero: it is what the council paid out.
  EXPECT_EQ(f.ledger.balance(f.funding, CivilDate(2026, 12, 31)), pence(-52000));
}

TEST(LedgerPost, ASpendingAccountCannotRefundMoreThanWasSpent) {
  Fixture f;
  ASSERT_TRUE(f.post({f.t("pay:1", f.funding, f.dp, 1000), f.t("spend:1", f.dp, f.wages, 300)}));
  EXPECT_TRUE(f.post({f.t("refund:1", f.wages, f.dp, 300)}));
  EXPECT_FALSE(f.post({f.t("refund:2", f.wages, f.dp, 1)}));
}

TEST(LedgerReversal, UndoesTheOriginalOnce) {
  Fixture f;
  ASSERT_TRUE(f.post({f.t("pay:1", f.funding, f.dp, 40000)}));
  Transfer rev = f.t("rev:1", f.dp, f.funding, 40000, CivilDate(2026, 12, 8));
  rev.reverses = "pay:1";
  ASSERT_TRUE(f.post({rev}));
  EXPECT_EQ(f.ledger.balance(f.dp, CivilDate(2026, 12, 31)), pence(0));
  EXPECT_EQ(f.ledger.balance(f.funding, CivilDate(2026, 12, 31)), pence(0));
  // Replaying the reversal changes nothing; a second reversal is refused.
  auto replay = f.post({rev});
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->already_recorded, 1);
  Transfer second = rev;
  second.id = "rev:2";
  auto r = f.post({second});
  ASSERT_FALSE(r);
  EXPECT_TRUE(names(r.error(), "transfers[0].reverses", "already been reversed by rev:1")) << all(r.error());
  // Nor can the reversal itself be reversed.
  Transfer back = f.t("rev:3", f.funding, f.dp, 40000, CivilDate(2026, 12, 9));
  back.reverses = "rev:1";
  auto b = f.post({back});
  ASSERT_FALSE(b);
  EXPECT_TRUE(names(b.error(), "transfers[0].reverses", "itself a reversal"));
}

TEST(LedgerReversal, MustMatchTheOriginal) {
  Fixture f;
  ASSERT_TRUE(f.post({f.t("pay:1", f.funding, f.dp, 40000)}));
  auto attempt = [&](Transfer t) {
    t.reverses = "pay:1";
    auto r = f.post({t});
    EXPECT_FALSE(r);
    return r ? FieldErrors{} : r.error();
  };
  EXPECT_TRUE(names(attempt(f.t("r:1", f.dp, f.funding, 39999)), "transfers[0].amount", "same amount"));
  EXPECT_TRUE(names(attempt(f.t("r:2", f.dp, f.wages, 40000)), "transfers[0].debit", "moves the money back"));
  EXPECT_TRUE(names(attempt(f.t("r:3", f.funding, f.dp, 40000)), "transfers[0].debit", "moves the money back"));
  EXPECT_TRUE(names(attempt(f.t("r:4", f.dp, f.funding, 40000, CivilDate(2026, 12, 6))), "transfers[0].value_date",
                    "before"));
  Transfer missing = f.t("r:5", f.dp, f.funding, 40000);
  missing.reverses = "pay:404";
  auto m = f.post({missing});
  ASSERT_FALSE(m);
  EXPECT_TRUE(names(m.error(), "transfers[0].reverses", "no transfer pay:404"));
  EXPECT_EQ(f.ledger.transfers().size(), 1u);
}

TEST(LedgerReversal, CannotTakeBackMoneyAlreadySpent) {
  Fixture f;
  ASSERT_TRUE(f.post({f.t("pay:1", f.funding, f.dp, 40000), f.t("spend:1", f.dp, f.wages, 30000)}));
  Transfer rev = f.t("rev:1", f.dp, f.funding, 40000, CivilDate(2026, 12, 8));
  rev.reverses = "pay:1";
  auto r = f.post({rev});
  ASSERT_FALSE(r);
  EXPECT_TRUE(names(r.error(), "transfers[0].amount", "does not hold")) << all(r.error());
}

TEST(LedgerReversal, TwoReversalsOfOneTransferInOnePostAreRefused) {
  Fixture f;
  ASSERT_TRUE(f.post({f.t("pay:1", f.funding, f.dp, 400)}));
  Transfer a = f.t("rev:a", f.dp, f.funding, 400);
  a.reverses = "pay:1";
  Transfer b = a;
  b.id = "rev:b";
  auto r = f.post({a, b});
  ASSERT_FALSE(r);
  EXPECT_TRUE(names(r.error(), "transfers[1].reverses", "already been reversed by rev:a"));
}

TEST(LedgerBelowZero, FirstDayIsReported) {
  std::vector<DayMovement> days{{CivilDate(2026, 1, 1), pence(100)},
                                {CivilDate(2026, 1, 2), pence(-150)},
                                {CivilDate(2026, 1, 3), pence(100)}};
  auto b = first_day_below_zero(pence(0), days);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->day, CivilDate(2026, 1, 2));
  EXPECT_EQ(b->balance, pence(-50));
  EXPECT_FALSE(first_day_below_zero(pence(50), days));
  auto overflow = first_day_below_zero(Money::from_pence(INT64_MAX - 1), std::vector<DayMovement>{{CivilDate(2026, 1, 1), pence(5)}});
  ASSERT_TRUE(overflow);
  EXPECT_FALSE(overflow->balance);
}

TEST(LedgerSummary, PaidInSpentLeftHeldAndReserve) {
  const AccountId h = 3;
  auto mv = [&](AccountId debit, AccountId credit, std::int64_t p, CivilDate on, AccountKind other) {
    return HoldingMovement{Transfer{"x", debit, credit, pence(p), on, "r", std::nullopt}, other};
  };
  std::vector<HoldingMovement> m{
      mv(1, h, 80000, CivilDate(2026, 12, 1), AccountKind::CouncilFunding),
      mv(2, h, 4000, CivilDate(2026, 12, 2), AccountKind::PersonContribution),
      mv(h, 4, 30000, CivilDate(2026, 12, 10), AccountKind::Spending),
      mv(4, h, 1000, CivilDate(2026, 12, 11), AccountKind::Spending),  // a refund
      mv(h, 5, 5000, CivilDate(2026, 12, 12), AccountKind::ProviderPayable),
      mv(h, 6, 2000, CivilDate(2026, 12, 20), AccountKind::SurplusRecovered),
      mv(1, h, 99999, CivilDate(2027, 1, 1), AccountKind::CouncilFunding),  // after the period: not counted
  };
  auto s = part_summary(h, m, CivilDate(2026, 12, 1), CivilDate(2026, 12, 28), pence(90000), pence(10000), 8);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->paid_in, pence(84000));
  EXPECT_EQ(s->spent, pence(34000));
  EXPECT_EQ(s->recovered, pence(2000));
  EXPECT_EQ(s->left, pence(48000));
  EXPECT_EQ(s->held, pence(90000));
  EXPECT_EQ(s->reserve_allowed, pence(80000));
  EXPECT_TRUE(s->above_reserve);
  auto at = part_summary(h, m, CivilDate(2026, 12, 1), CivilDate(2026, 12, 28), pence(80000), pence(10000), 8);
  ASSERT_TRUE(at);
  EXPECT_FALSE(at->above_reserve);  // exactly the allowed reserve is not above it
  EXPECT_FALSE(part_summary(h, m, CivilDate(2026, 12, 28), CivilDate(2026, 12, 1), pence(0), pence(0), 8));
}

}  // namespace
}  // namespace patchwork::ledger
