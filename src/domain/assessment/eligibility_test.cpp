#include "domain/assessment/eligibility.hpp"

#include <gtest/gtest.h>

namespace patchwork::assessment {
namespace {

EligibilityInput all_achieved() {
  EligibilityInput in;
  in.impairment_or_illness = true;
  in.significant_impact_on_wellbeing = true;
  for (Outcome o : all_outcomes()) in.outcomes[o] = OutcomeFinding{};
  return in;
}

void not_achieved(EligibilityInput& in, Outcome o, UnableReason r) {
  in.outcomes[o].achieved = false;
  in.outcomes[o].reasons.insert(r);
}

}  // namespace

TEST(Eligibility, TwoUnachievedOutcomesWithImpairmentAndImpactAreEligible) {
  auto in = all_achieved();
  not_achieved(in, Outcome::PersonalHygiene, UnableReason::NeedsAssistance);
  not_achieved(in, Outcome::Nutrition, UnableReason::TakesSignificantlyLonger);
  EXPECT_TRUE(check_eligibility_input(in).empty());
  auto d = decide_eligibility(in);
  EXPECT_TRUE(d.eligible);
  EXPECT_EQ(d.outcomes_not_achieved, 2);
  EXPECT_EQ(d.reasoning.back(), "So the person has eligible needs under the Care Act 2014.");
}

TEST(Eligibility, OnlyOneOutcomeUnachievedIsNotEligible) {
  auto in = all_achieved();
  not_achieved(in, Outcome::ToiletNeeds, UnableReason::NeedsAssistance);
  auto d = decide_eligibility(in);
  EXPECT_FALSE(d.eligible);
  bool explained = false;
  for (const auto& line : d.reasoning) explained |= line.find("only one") != std::string::npos;
  EXPECT_TRUE(explained);
}

TEST(Eligibility, EachUnableReasonCountsOnItsOwn) {
  for (UnableReason r : all_unable_reasons()) {
    auto in = all_achieved();
    not_achieved(in, Outcome::UseHomeSafely, r);
    not_achieved(in, Outcome::CommunityFacilities, r);
    auto d = decide_eligibility(in);
    EXPECT_TRUE(d.eligible) << reason_code(r);
    bool mentioned = false;
    for (const auto& line : d.reasoning) mentioned |= line.find(reason_text(r)) != std::string::npos;
    EXPECT_TRUE(mentioned) << reason_code(r);
  }
}

TEST(Eligibility, NoImpairmentOrNoSignificantImpactMeansNotEligible) {
  auto in = all_achieved();
  not_achieved(in, Outcome::PersonalHygiene, UnableReason::NeedsAssistance);
  not_achieved(in, Outcome::Nutrition, UnableReason::NeedsAssistance);
  in.impairment_or_illness = false;
  EXPECT_FALSE(decide_eligibility(in).eligible);
  in.impairment_or_illness = true;
  in.significant_impact_on_wellbeing = false;
  EXPECT_FALSE(decide_eligibility(in).eligible);
}

TEST(Eligibility, InputMustBeCompleteAndConsistent) {
  EligibilityInput empty;
  EXPECT_EQ(check_eligibility_input(empty).size(), 10u);
  auto in = all_achieved();
  in.outcomes[Outcome::Nutrition].achieved = false;  // no reason given
  in.outcomes[Outcome::Relationships].reasons.insert(UnableReason::NeedsAssistance);  // achieved, yet a reason
  in.fluctuating = true;  // no period
  auto errors = check_eligibility_input(in);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "nutrition");
  EXPECT_EQ(errors[1].field, "relationships");
  EXPECT_EQ(errors[2].field, "period_considered");
}

TEST(Eligibility, FluctuatingNeedsRecordThePeriod) {
  auto in = all_achieved();
  in.fluctuating = true;
  in.period_considered = "the last three months";
  auto d = decide_eligibility(in);
  bool found = false;
  for (const auto& line : d.reasoning) found |= line.find("the last three months") != std::string::npos;
  EXPECT_TRUE(found);
}

TEST(Eligibility, UnableWithoutHelpAndAbleWithoutHelpButAreContradictory) {
  // Reg 2(3)(a) "unable to achieve it without assistance" against (b)-(d)
  // "able to achieve it without assistance but...": not both for one outcome.
  for (UnableReason r : {UnableReason::SignificantPainDistressAnxiety, UnableReason::EndangersHealthOrSafety,
                         UnableReason::TakesSignificantlyLonger}) {
    auto in = all_achieved();
    not_achieved(in, Outcome::Nutrition, UnableReason::NeedsAssistance);
    not_achieved(in, Outcome::PersonalHygiene, UnableReason::NeedsAssistance);
    in.outcomes[Outcome::Nutrition].reasons.insert(r);
    auto errors = check_eligibility_input(in);
    ASSERT_EQ(errors.size(), 1u) << reason_code(r);
    EXPECT_EQ(errors[0].field, "nutrition_reasons");
    EXPECT_NE(errors[0].message.find("Managing and maintaining nutrition"), std::string::npos);
  }
  // The three "able, but" reasons may hold together.
  auto in = all_achieved();
  not_achieved(in, Outcome::Nutrition, UnableReason::SignificantPainDistressAnxiety);
  not_achieved(in, Outcome::Nutrition, UnableReason::TakesSignificantlyLonger);
  not_achieved(in, Outcome::Nutrition, UnableReason::EndangersHealthOrSafety);
  not_achieved(in, Outcome::PersonalHygiene, UnableReason::NeedsAssistance);
  EXPECT_TRUE(check_eligibility_input(in).empty());
}

TEST(Eligibility, FewerThanTwoUnachievedNeverClaimsASignificantImpact) {
  for (int unachieved : {0, 1}) {
    auto in = all_achieved();
    in.significant_impact_on_wellbeing = true;  // ticked, but it cannot follow
    if (unachieved == 1) not_achieved(in, Outcome::ToiletNeeds, UnableReason::NeedsAssistance);
    auto d = decide_eligibility(in);
    EXPECT_FALSE(d.eligible);
    for (const auto& line : d.reasoning) EXPECT_EQ(line.find("there is, or is likely to be, a significant impact"), std::string::npos) << line;
  }
  auto in = all_achieved();
  not_achieved(in, Outcome::ToiletNeeds, UnableReason::NeedsAssistance);
  not_achieved(in, Outcome::Nutrition, UnableReason::NeedsAssistance);
  bool claimed = false;
  for (const auto& line : decide_eligibility(in).reasoning) claimed |= line.find("significant impact") != std::string::npos;
  EXPECT_TRUE(claimed);
}

TEST(Eligibility, TakesLongerIsWordedAsTheRegulation) {
  EXPECT_EQ(reason_text(UnableReason::TakesSignificantlyLonger),
            "can do this, but it takes significantly more time than would normally be expected");
}

TEST(Eligibility, NotEligibleNeedsTheInformationAndAdviceGiven) {
  auto in = all_achieved();  // eligible for nothing: nothing unachieved
  auto errors = check_eligibility_input(in);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "information_given");
  in.information_given = "Age UK runs a lunch club on Tuesdays.";
  EXPECT_TRUE(check_eligibility_input(in).empty());
  // Eligible needs do not need it.
  auto eligible = all_achieved();
  not_achieved(eligible, Outcome::ToiletNeeds, UnableReason::NeedsAssistance);
  not_achieved(eligible, Outcome::Nutrition, UnableReason::NeedsAssistance);
  EXPECT_TRUE(check_eligibility_input(eligible).empty());
}

TEST(Eligibility, CodesRoundTrip) {
  EXPECT_EQ(all_outcomes().size(), 10u);
  for (Outcome o : all_outcomes()) EXPECT_EQ(outcome_from_code(outcome_code(o)), o);
  for (UnableReason r : all_unable_reasons()) EXPECT_EQ(reason_from_code(reason_code(r)), r);
  EXPECT_FALSE(outcome_from_code("flying"));
}

}  // namespace patchwork::assessment
