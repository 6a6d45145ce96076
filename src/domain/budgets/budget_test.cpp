#include "domain/budgets/budget.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace patchwork::budgets {
namespace {

const CivilDate kToday(2026, 11, 27);

Money pounds(std::string_view text) {
  auto m = Money::parse(text);
  EXPECT_TRUE(m.has_value()) << text;
  return m.value_or(Money{});
}

BudgetVersion version(int n, CivilDate from, std::string_view weekly = "200") {
  BudgetVersion b;
  b.version = n;
  b.effective_from = from;
  b.weekly = pounds(weekly);
  Part p;
  p.key = "A";
  p.mechanism = Mechanism::CouncilManaged;
  p.weekly = b.weekly;
  b.parts.push_back(p);
  return b;
}

BudgetVersion with_contribution(ContributionKind k, std::string_view weekly_contribution = "0") {
  auto b = version(1, kToday);
  b.contribution = {k, pounds(weekly_contribution)};
  return b;
}

std::vector<std::string> fields_of(const FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(InterimReview, TwoWeeksBeforeTheEndButNeverBeforeTheStart) {
  EXPECT_EQ(interim_review_on(CivilDate(2026, 12, 1), CivilDate(2027, 3, 1)), CivilDate(2027, 2, 15));
  EXPECT_EQ(interim_review_on(CivilDate(2026, 12, 1), CivilDate(2026, 12, 15)), CivilDate(2026, 12, 1));
  EXPECT_EQ(interim_review_on(CivilDate(2026, 12, 1), CivilDate(2026, 12, 10)), CivilDate(2026, 12, 1));
  EXPECT_EQ(interim_review_on(CivilDate(2026, 12, 1), CivilDate(2026, 12, 16)), CivilDate(2026, 12, 2));
}

}  // namespace

TEST(Budget, TheVersionInEffectOnADateIsTheLatestStartedTiesToTheHigherVersion) {
  std::vector<BudgetVersion> v{version(1, CivilDate(2026, 1, 5)), version(3, CivilDate(2026, 6, 1), "250"),
                               version(2, CivilDate(2026, 6, 1), "240"), version(4, CivilDate(2027, 1, 1), "300")};
  EXPECT_EQ(budget_on(v, CivilDate(2026, 1, 4)), nullptr);
  EXPECT_EQ(budget_on(v, CivilDate(2026, 1, 5))->version, 1);
  EXPECT_EQ(budget_on(v, CivilDate(2026, 5, 31))->version, 1);
  EXPECT_EQ(budget_on(v, CivilDate(2026, 6, 1))->version, 3);
  EXPECT_EQ(budget_on(v, CivilDate(2026, 12, 31))->weekly, pounds("250"));
  EXPECT_EQ(budget_on(v, CivilDate(2027, 1, 1))->version, 4);
  std::vector<BudgetVersion> none;
  EXPECT_EQ(budget_on(none, kToday), nullptr);
}

TEST(Budget, TheCouncilPaysTheAmountLessTheContribution) {
  auto joint = with_contribution(ContributionKind::WeeklyAmount, "35.20");
  EXPECT_EQ(person_share(joint), pounds("35.20"));
  EXPECT_EQ(council_share(joint), pounds("164.80"));
  EXPECT_EQ(client_funding_status(joint), "Joint client and social care funded");

  auto nothing = with_contribution(ContributionKind::WeeklyAmount, "0");
  EXPECT_EQ(council_share(nothing), pounds("200"));
  EXPECT_EQ(client_funding_status(nothing), "Fully social care funded");

  auto full = with_contribution(ContributionKind::FullCost);
  EXPECT_EQ(person_share(full), pounds("200"));
  EXPECT_EQ(council_share(full), pounds("0"));
  EXPECT_EQ(client_funding_status(full), "Fully client funded");

  // A contribution above the cost means the person pays it all, never more.
  auto above = with_contribution(ContributionKind::WeeklyAmount, "250");
  EXPECT_EQ(person_share(above), pounds("200"));
  EXPECT_EQ(council_share(above), pounds("0"));
  EXPECT_EQ(client_funding_status(above), "Fully client funded");

  auto unknown = with_contribution(ContributionKind::NotYetAssessed);
  EXPECT_FALSE(person_share(unknown));
  EXPECT_FALSE(council_share(unknown));
  EXPECT_EQ(client_funding_status(unknown), "Unknown") << "never blank: the national check fails a blank";
}

TEST(Budget, AYearIsFiftyTwoWeeksExactly) {
  EXPECT_EQ(yearly(pounds("199.99")).value(), pounds("10399.48"));
  EXPECT_FALSE(yearly(Money::from_pence(INT64_MAX / 10)).has_value());
}

TEST(Budget, ProblemsAreNamedByField) {
  EXPECT_TRUE(budget_problems(version(1, kToday)).empty());
  auto negative_week = version(1, kToday, "-0.01");
  EXPECT_EQ(fields_of(budget_problems(negative_week)), std::vector<std::string>{"weekly"});
  auto absurd = version(1, kToday, "100000.01");
  EXPECT_EQ(fields_of(budget_problems(absurd)), std::vector<std::string>{"weekly"});
  auto off = version(1, kToday);
  off.parts[0].weekly = pounds("199.99");
  EXPECT_EQ(fields_of(budget_problems(off)), std::vector<std::string>{"parts"});
  auto twice = version(1, kToday);
  twice.parts[0].weekly = pounds("100");
  twice.parts.push_back(twice.parts[0]);
  EXPECT_EQ(fields_of(budget_problems(twice)), std::vector<std::string>{"parts[1].key"});
  auto no_parts = version(1, kToday);
  no_parts.parts.clear();
  EXPECT_EQ(fields_of(budget_problems(no_parts)), std::vector<std::string>{"parts"});
  auto dp = version(1, kToday);
  dp.parts[0].mechanism = Mechanism::DirectPayment;
  EXPECT_EQ(fields_of(budget_problems(dp)), std::vector<std::string>{"parts[0].recipient"});
  auto negative = with_contribution(ContributionKind::WeeklyAmount, "-1");
  EXPECT_EQ(fields_of(budget_problems(negative)), std::vector<std::string>{"weekly_contribution"});
}

// s.26(1)(a): the budget is the whole cost. A plan of only one-off or free
// support costs £0.00 a week and is still a budget (it used to be refused as
// "must be more than £0.00 a week"); the one-off amount is its own figure.
TEST(Budget, ABudgetOfNothingAWeekIsAllowedWithItsOneOffCost) {
  auto chair = version(1, kToday, "0");
  EXPECT_TRUE(budget_problems(chair).empty());
  chair.one_off = pounds("520");
  chair.parts[0].one_off = pounds("520");
  EXPECT_TRUE(budget_problems(chair).empty());
  // Still not a budget without saying how it is managed.
  auto no_parts = chair;
  no_parts.parts.clear();
  EXPECT_EQ(fields_of(budget_problems(no_parts)), std::vector<std::string>{"parts"});
}

TEST(Budget, OneOffAmountsAreCheckedAndMustAddUp) {
  auto b = version(1, kToday);
  b.one_off = pounds("450");
  EXPECT_EQ(fields_of(budget_problems(b)), std::vector<std::string>{"parts"});  // the part says £0.00 once
  b.parts[0].one_off = pounds("450");
  EXPECT_TRUE(budget_problems(b).empty());
  auto negative = b;
  negative.one_off = pounds("-1");
  negative.parts[0].one_off = pounds("-1");
  EXPECT_EQ(fields_of(budget_problems(negative)), std::vector<std::string>{"one_off"});
  auto absurd = b;
  absurd.one_off = pounds("5200000.01");  // 52 times the weekly limit, and a penny
  absurd.parts[0].one_off = absurd.one_off;
  EXPECT_EQ(fields_of(budget_problems(absurd)), std::vector<std::string>{"one_off"});
  absurd.one_off = absurd.parts[0].one_off = pounds("5200000");
  EXPECT_TRUE(budget_problems(absurd).empty());
  auto part_negative = b;
  part_negative.parts[0].one_off = pounds("-450");
  EXPECT_EQ(fields_of(budget_problems(part_negative)), std::vector<std::string>{"parts[0].one_off"});
}

TEST(Budget, ADirectPaymentIsPaidFourWeeksInAdvance) {
  EXPECT_EQ(kDirectPaymentWeeksPerPayment, 4);
  EXPECT_EQ(direct_payment_instalment(pounds("180")).value(), pounds("720"));
  EXPECT_EQ(direct_payment_instalment(pounds("220.38")).value(), pounds("881.52"));
  EXPECT_FALSE(direct_payment_instalment(Money::from_pence(INT64_MAX / 2)).has_value());
}

TEST(Budget, OneOffOnlyPartsCountInTheDeployment) {
  Part dp;
  dp.key = "A";
  dp.mechanism = Mechanism::DirectPayment;
  dp.one_off = pounds("520");
  std::vector<Part> parts{dp};
  EXPECT_EQ(deployment_summary(parts), std::optional<std::string_view>("Direct payment"));
  parts[0].one_off = Money{};
  EXPECT_FALSE(deployment_summary(parts).has_value()) << "nothing a week and nothing once is no deployment";
}

TEST(Budget, AnInterimBudgetHasAReasonAndAReviewBeforeItEnds) {
  auto b = version(1, CivilDate(2026, 12, 1));
  b.interim = Interim{"Waiting for the occupational therapist's report", CivilDate(2027, 2, 28), CivilDate(2027, 2, 14)};
  EXPECT_TRUE(budget_problems(b).empty());
  auto no_reason = b;
  no_reason.interim->reason = " ";
  EXPECT_EQ(fields_of(budget_problems(no_reason)), std::vector<std::string>{"interim_reason"});
  auto ends_first = b;
  ends_first.interim->ends_on = CivilDate(2026, 12, 1);
  ends_first.interim->review_on = CivilDate(2026, 12, 1);
  EXPECT_EQ(fields_of(budget_problems(ends_first)), std::vector<std::string>{"interim_ends_on"});
  auto late_review = b;
  late_review.interim->review_on = CivilDate(2027, 3, 1);
  EXPECT_EQ(fields_of(budget_problems(late_review)), std::vector<std::string>{"interim_review_on"});
}

TEST(Budget, AFinancialAssessmentIsReadFromFields) {
  auto a = financial_assessment_from_fields(
      {{"contribution", "weekly_amount"}, {"weekly_contribution", "35.20"}, {"assessed_on", "2026-11-20"}, {"assessed_by", "Finance Team"}}, kToday);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->contribution.kind, ContributionKind::WeeklyAmount);
  EXPECT_EQ(a->contribution.weekly, pounds("35.20"));
  auto full = financial_assessment_from_fields({{"contribution", "full_cost"}, {"assessed_on", "2026-11-20"}, {"assessed_by", "F"}}, kToday);
  ASSERT_TRUE(full.has_value());
  EXPECT_EQ(full->contribution.kind, ContributionKind::FullCost);

  auto field = [](const people::Fields& f) {
    auto r = financial_assessment_from_fields(f, kToday);
    EXPECT_FALSE(r.has_value());
    return r ? std::string() : r.error()[0].field;
  };
  EXPECT_EQ(field({{"contribution", "not_yet_assessed"}, {"assessed_on", "2026-11-20"}, {"assessed_by", "F"}}), "contribution");
  EXPECT_EQ(field({{"contribution", "weekly_amount"}, {"weekly_contribution", "-3"}, {"assessed_on", "2026-11-20"}, {"assessed_by", "F"}}),
            "weekly_contribution");
  EXPECT_EQ(field({{"contribution", "weekly_amount"}, {"weekly_contribution", "9999999"}, {"assessed_on", "2026-11-20"}, {"assessed_by", "F"}}),
            "weekly_contribution");
  EXPECT_EQ(field({{"contribution", "weekly_amount"}, {"assessed_on", "2026-11-20"}, {"assessed_by", "F"}}), "weekly_contribution");
  EXPECT_EQ(field({{"contribution", "full_cost"}, {"assessed_on", "2026-11-28"}, {"assessed_by", "F"}}), "assessed_on");
  EXPECT_EQ(field({{"contribution", "full_cost"}, {"assessed_on", "2026-11-20"}}), "assessed_by");
}

TEST(Budget, MonthsAreCalendarMonths) {
  EXPECT_EQ(plus_months(CivilDate(2026, 8, 31), 6), CivilDate(2027, 2, 28));
  EXPECT_EQ(plus_months(CivilDate(2027, 8, 31), 6), CivilDate(2028, 2, 29));
  EXPECT_EQ(plus_months(CivilDate(2026, 11, 27), 12), CivilDate(2027, 11, 27));
  EXPECT_EQ(next_review_due(CivilDate(2026, 1, 15)), CivilDate(2027, 1, 15));
}

TEST(Budget, TheFirstDirectPaymentReviewIsWithinSixMonthsOfTheFirstPayment) {
  people::Fields f{{"part_key", "A"}, {"signed_on", "2026-11-02"}, {"signed_by", "Sarah Ellis"}, {"first_payment_on", "2026-11-09"},
                   {"review_on", "2027-05-09"}};
  auto a = agreement_from_fields(f, kToday);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(first_review_due(*a), CivilDate(2027, 5, 9));
  f["review_on"] = "2027-05-10";
  auto late = agreement_from_fields(f, kToday);
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error()[0].field, "review_on");
  // Before the first payment, six months from signing is the latest.
  f.erase("first_payment_on");
  f["review_on"] = "2027-05-03";
  EXPECT_EQ(agreement_from_fields(f, kToday).error()[0].field, "review_on");
  f["review_on"] = "2027-05-02";
  EXPECT_TRUE(agreement_from_fields(f, kToday).has_value());
  f["first_payment_on"] = "2026-11-01";
  EXPECT_EQ(agreement_from_fields(f, kToday).error()[0].field, "first_payment_on");
  f.erase("first_payment_on");
  f["signed_on"] = "2026-11-28";
  EXPECT_EQ(agreement_from_fields(f, kToday).error()[0].field, "signed_on");
}

TEST(Budget, ContributionCodesParseBack) {
  for (auto k : contribution_kinds()) {
    EXPECT_EQ(contribution_from_code(contribution_code(k)), k);
    EXPECT_FALSE(contribution_label(k).empty());
  }
  EXPECT_FALSE(contribution_from_code("Weekly"));
}

}  // namespace patchwork::budgets

namespace patchwork::budgets {
namespace {

BudgetVersion direct_payment_version(std::int64_t id, int n, std::string recipient_name = "Sarah Ellis",
                                     HeldIn held = HeldIn::BankAccount) {
  auto b = version(n, kToday);
  b.id = id;
  b.parts[0].mechanism = Mechanism::DirectPayment;
  b.parts[0].direct_payment = DirectPaymentDetails{Recipient::AuthorisedPerson, std::move(recipient_name), held, ""};
  return b;
}

}  // namespace

// Care Act 2014 s.31(1)(a), s.32(1)(a): a direct payment is of an amount the council must pay.
TEST(Budget, NoDirectPaymentWhenThePersonPaysTheFullCost) {
  auto full = direct_payment_version(1, 1);
  full.contribution = {ContributionKind::FullCost, Money{}};
  EXPECT_EQ(fields_of(budget_problems(full)), std::vector<std::string>{"parts[0].mechanism"});
  EXPECT_TRUE(pays_full_cost(full.contribution));
  // A weekly contribution of the whole amount or more leaves the council nothing to pay either.
  auto whole = direct_payment_version(1, 1);
  whole.contribution = {ContributionKind::WeeklyAmount, pounds("250")};
  EXPECT_EQ(fields_of(budget_problems(whole)), std::vector<std::string>{"parts[0].mechanism"});
  // While the council pays something, or before the assessment, a direct payment is allowed.
  auto some = direct_payment_version(1, 1);
  some.contribution = {ContributionKind::WeeklyAmount, pounds("199.99")};
  EXPECT_TRUE(budget_problems(some).empty());
  EXPECT_TRUE(budget_problems(direct_payment_version(1, 1)).empty());
  // The council may still arrange the support for someone who pays it all (s.18(3)).
  auto arranged = with_contribution(ContributionKind::FullCost);
  EXPECT_TRUE(budget_problems(arranged).empty());
}

TEST(Budget, AgreementsCarryToTheNextVersionWhileWhoReceivesItAndWhereItIsHeldStayTheSame) {
  const auto v1 = direct_payment_version(10, 1);
  DirectPaymentAgreement first;
  first.id = 3;
  first.budget_id = 10;
  first.part_key = "A";
  first.signed_on = CivilDate(2026, 11, 2);
  first.signed_by = "Sarah Ellis";
  first.first_payment_on = CivilDate(2026, 11, 9);
  first.review_on = CivilDate(2027, 5, 7);
  DirectPaymentAgreement resigned = first;
  resigned.id = 5;
  resigned.signed_on = CivilDate(2026, 11, 20);
  std::vector<DirectPaymentAgreement> agreements{first, resigned};

  auto v2 = direct_payment_version(11, 2);
  v2.weekly = pounds("300");  // a new amount does not change the arrangement
  auto carried = carried_agreements(v1, v2, agreements);
  ASSERT_EQ(carried.size(), 1u);
  EXPECT_EQ(carried[0].budget_id, 11);
  EXPECT_EQ(carried[0].id, 0);
  EXPECT_EQ(carried[0].signed_on, CivilDate(2026, 11, 20));  // the latest signed
  EXPECT_EQ(carried[0].review_on, CivilDate(2027, 5, 7));     // review dates unchanged
  EXPECT_EQ(carried[0].carried_from, 5);
  // Carried again, it still names the agreement first signed.
  carried[0].id = 8;
  agreements.push_back(carried[0]);
  auto v3 = direct_payment_version(12, 3);
  auto again = carried_agreements(v2, v3, agreements);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].carried_from, 5);
  // A new recipient or a new holding needs a new agreement.
  EXPECT_TRUE(carried_agreements(v1, direct_payment_version(11, 2, "Tom Ellis"), agreements).empty());
  EXPECT_TRUE(carried_agreements(v1, direct_payment_version(11, 2, "Sarah Ellis", HeldIn::PrepaidCard), agreements).empty());
  // No agreement before, nothing to carry; another key is another part.
  EXPECT_TRUE(carried_agreements(v1, v2, std::vector<DirectPaymentAgreement>{}).empty());
  auto renamed = v2;
  renamed.parts[0].key = "B";
  EXPECT_TRUE(carried_agreements(v1, renamed, agreements).empty());
}

}  // namespace patchwork::budgets
