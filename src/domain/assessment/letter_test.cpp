#include "domain/assessment/letter.hpp"

#include <gtest/gtest.h>

namespace patchwork::assessment {
namespace {

const CivilDate kDecided = *CivilDate::parse_iso("2026-11-27");

people::Person margaret() {
  people::Person p;
  p.given_name = "Margaret";
  p.family_name = "Ellis";
  return p;
}

people::CapacityAssessment care_capacity(const char* on, const char* outcome) {
  people::CapacityAssessment a;
  a.decision_kind = "care_and_support";
  a.assessed_on = *CivilDate::parse_iso(on);
  a.outcome = outcome;
  return a;
}

people::Relationship rel(const char* name, const char* role) {
  people::Relationship r;
  r.name = name;
  r.role = role;
  return r;
}

EligibilityRecord decision(bool eligible) {
  EligibilityRecord e;
  e.eligible = eligible;
  e.findings.impairment_or_illness = true;
  e.findings.significant_impact_on_wellbeing = true;
  for (Outcome o : all_outcomes()) e.findings.outcomes[o] = OutcomeFinding{};
  if (eligible) {
    e.findings.outcomes[Outcome::Nutrition] = {false, {UnableReason::NeedsAssistance}, ""};
    e.findings.outcomes[Outcome::PersonalHygiene] = {false, {UnableReason::TakesSignificantlyLonger}, ""};
  }
  return e;
}

}  // namespace

TEST(Letter, GoesToThePersonWhoHasCapacity) {
  std::vector<people::Relationship> rels{rel("Sarah Ellis", "lpa_health_welfare")};
  auto to = letter_addressee(margaret(), {}, rels, kDecided);
  EXPECT_EQ(to.name, "Margaret Ellis");
  EXPECT_FALSE(to.on_behalf);
  std::vector<people::CapacityAssessment> has{care_capacity("2026-11-01", "has_capacity")};
  EXPECT_FALSE(letter_addressee(margaret(), has, rels, kDecided).on_behalf);
}

TEST(Letter, GoesToTheWelfareAttorneyWhenTheLatestAssessmentFindsCapacityLacking) {
  std::vector<people::Relationship> rels{rel("Tom Ellis", "lpa_property_financial"), rel("Sarah Ellis", "lpa_health_welfare")};
  std::vector<people::CapacityAssessment> lacks{care_capacity("2026-10-01", "has_capacity"), care_capacity("2026-11-01", "lacks_capacity")};
  auto to = letter_addressee(margaret(), lacks, rels, kDecided);
  EXPECT_EQ(to.name, "Sarah Ellis");
  EXPECT_TRUE(to.on_behalf);
  EXPECT_EQ(to.role, "attorney for health and welfare");
  // An assessment after the decision does not change whom that letter was for.
  std::vector<people::CapacityAssessment> later{care_capacity("2026-12-01", "lacks_capacity")};
  EXPECT_FALSE(letter_addressee(margaret(), later, rels, kDecided).on_behalf);
  // Without a welfare attorney or deputy, the worker is warned and the letter goes to the person.
  std::vector<people::Relationship> money_only{rel("Tom Ellis", "lpa_property_financial")};
  auto fallback = letter_addressee(margaret(), lacks, money_only, kDecided);
  EXPECT_EQ(fallback.name, "Margaret Ellis");
  EXPECT_FALSE(fallback.warning.empty());
}

TEST(Letter, GoesToTheRepresentativeWhenThatIsThePersonsPreference) {
  auto p = margaret();
  p.preferred_contact = "through_representative";
  std::vector<people::Relationship> rels{rel("Dev Shah", "deputy_personal_welfare")};
  auto to = letter_addressee(p, {}, rels, kDecided);
  EXPECT_EQ(to.name, "Dev Shah");
  EXPECT_EQ(to.role, "deputy for personal welfare");
  EXPECT_NE(to.why.find("asked us"), std::string::npos);
}

TEST(Letter, NeverToADeputyForMoneyOrOneWhoseOrderIsNotRecorded) {
  auto p = margaret();
  p.preferred_contact = "through_representative";
  std::vector<people::Relationship> rels{rel("Dev Shah", "deputy_property_affairs"), rel("Ann Shah", "deputy_unspecified")};
  auto to = letter_addressee(p, {}, rels, kDecided);
  EXPECT_FALSE(to.on_behalf);
  EXPECT_FALSE(to.warning.empty());
}

TEST(Letter, OneVoiceAndNoRegulationText) {
  auto p = margaret();
  auto to_person = letter_text(decision(true), p, letter_addressee(p, {}, {}, kDecided));
  std::vector<people::Relationship> rels{rel("Sarah Ellis", "lpa_health_welfare")};
  std::vector<people::CapacityAssessment> lacks{care_capacity("2026-11-01", "lacks_capacity")};
  auto to_attorney = letter_text(decision(true), p, letter_addressee(p, lacks, rels, kDecided));
  auto all = [](const LetterText& t) {
    std::string s = t.heading;
    for (const auto* v : {&t.opening, &t.findings, &t.money})
      for (const auto& l : *v) s += "\n" + l;
    return s;
  };
  for (const auto& text : {all(to_person), all(to_attorney)}) {
    EXPECT_EQ(text.find("the person"), std::string::npos) << text;
    EXPECT_EQ(text.find("regulation"), std::string::npos) << text;
    EXPECT_NE(text.find("financial assessment"), std::string::npos) << text;
    EXPECT_NE(text.find("not the amount the council will pay"), std::string::npos) << text;
  }
  EXPECT_NE(all(to_person).find("You have eligible needs"), std::string::npos);
  EXPECT_NE(all(to_attorney).find("Margaret has eligible needs"), std::string::npos);
  EXPECT_NE(all(to_attorney).find("what we were told."), std::string::npos);
  EXPECT_NE(all(to_attorney).find("What Margaret pays towards the support depends on a financial assessment of Margaret's income"),
            std::string::npos);
  EXPECT_NE(all(to_person).find("What you pay towards your support depends on a financial assessment of your income"), std::string::npos);
  EXPECT_NE(all(to_attorney).find("Margaret's attorney for health and welfare"), std::string::npos);
  // Not eligible: no money section.
  EXPECT_TRUE(letter_text(decision(false), p, letter_addressee(p, {}, {}, kDecided)).money.empty());
}

TEST(Letter, ParagraphsSplitAtLineBreaks) {
  EXPECT_EQ(paragraphs("One.\n\n  Two. \r\nThree."), (std::vector<std::string>{"One.", "Two.", "Three."}));
  EXPECT_TRUE(paragraphs("  \n ").empty());
  EXPECT_GE(paragraphs(default_standard_information()).size(), 3u);
}

}  // namespace patchwork::assessment
