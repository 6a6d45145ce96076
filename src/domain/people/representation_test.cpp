// The scope a representative gets, as a matrix of role x basis x the person's
// capacity for the kind of decision the role concerns. Anything not listed as
// giving a scope must give none.
#include "domain/people/representation.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "domain/people/codes.hpp"

namespace patchwork::people {
namespace {

const CivilDate kToday{2026, 11, 30};

enum class Cap { NotAssessed, Has, Lacks };
const char* cap_name(Cap c) { return c == Cap::NotAssessed ? "not-assessed" : c == Cap::Has ? "has" : "lacks"; }

// An assessment of the kind the role concerns, and one of every other kind
// saying the opposite, so a rule that read the wrong kind would fail.
std::vector<CapacityAssessment> assessments_for(std::string_view role, Cap cap) {
  std::vector<CapacityAssessment> out;
  const std::string kind(decision_kind_for_role(role));
  std::int64_t id = 1;
  for (const auto& k : capacity_decision_kinds()) {
    if (k.value == "other") continue;
    const bool relevant = k.value == kind;
    if (relevant && cap == Cap::NotAssessed) continue;
    CapacityAssessment a;
    a.id = id++;
    a.decision_kind = std::string(k.value);
    a.assessed_on = CivilDate{2026, 3, 12};
    bool lacks = relevant ? cap == Cap::Lacks : cap != Cap::Lacks;
    a.outcome = lacks ? "lacks_capacity" : "has_capacity";
    out.push_back(a);
  }
  return out;
}

struct Expect { bool view, care, money; };

// "role basis consented capacity" -> scope. consented is what the person agreed
// to, or a best-interests decision allowed ("none", "view", "act").
const std::map<std::string, Expect> kGranted = {
    // Health and welfare attorney, deputy for personal welfare: s.11(7)(a), s.20(1).
    {"lpa_health_welfare registered_lpa * not-assessed", {true, false, false}},
    {"lpa_health_welfare registered_lpa * has", {true, false, false}},
    {"lpa_health_welfare registered_lpa * lacks", {true, true, false}},
    {"deputy_personal_welfare court_order * not-assessed", {true, false, false}},
    {"deputy_personal_welfare court_order * has", {true, false, false}},
    {"deputy_personal_welfare court_order * lacks", {true, true, false}},
    // Money: property and financial affairs attorney, registered EPA, appointee.
    {"lpa_property_financial registered_lpa * not-assessed", {true, false, true}},
    {"lpa_property_financial registered_lpa * has", {true, false, true}},
    {"lpa_property_financial registered_lpa * lacks", {true, false, true}},
    {"epa_registered registered_epa * not-assessed", {true, false, true}},
    {"epa_registered registered_epa * has", {true, false, true}},
    {"epa_registered registered_epa * lacks", {true, false, true}},
    {"appointee dwp_appointment * not-assessed", {true, false, true}},
    {"appointee dwp_appointment * has", {true, false, true}},
    {"appointee dwp_appointment * lacks", {true, false, true}},
    // A deputy for property and affairs, unless found to have capacity (s.20(1)).
    {"deputy_property_affairs court_order * not-assessed", {true, false, true}},
    {"deputy_property_affairs court_order * lacks", {true, false, true}},
    {"deputy_property_affairs court_order * has", {true, false, false}},
    // A deputy recorded before the order's scope was asked: sees, never acts.
    {"deputy_unspecified court_order * not-assessed", {true, false, false}},
    {"deputy_unspecified court_order * has", {true, false, false}},
    {"deputy_unspecified court_order * lacks", {true, false, false}},
    // Direct payments: nominated by a person with capacity (s.31), authorised for one without (s.32).
    {"nominated_person consent * not-assessed", {true, false, true}},
    {"nominated_person consent * has", {true, false, true}},
    {"authorised_person best_interests * lacks", {true, false, true}},
    {"authorised_person registered_lpa * lacks", {true, false, true}},
    {"authorised_person court_order * lacks", {true, false, true}},
    // An advocate sees and speaks, never acts (Care Act s.67).
    {"independent_advocate care_act_advocacy * not-assessed", {true, false, false}},
    {"independent_advocate care_act_advocacy * has", {true, false, false}},
    {"independent_advocate care_act_advocacy * lacks", {true, false, false}},
    // A family carer on the person's consent: what they agreed, while they can agree.
    {"family_carer consent view not-assessed", {true, false, false}},
    {"family_carer consent view has", {true, false, false}},
    {"family_carer consent act not-assessed", {true, true, false}},
    {"family_carer consent act has", {true, true, false}},
    // On a best-interests decision: may see, never act.
    {"family_carer best_interests view lacks", {true, false, false}},
    {"family_carer best_interests act lacks", {true, false, false}},
};

TEST(RepresentativeScope, EveryRoleBasisAndCapacity) {
  std::vector<std::string> roles{"deputy_unspecified"};
  for (const auto& r : relationship_roles()) roles.emplace_back(r.value);
  int granted = 0;
  for (const auto& role : roles)
    for (const auto& b : relationship_bases())
      for (std::string consented : {"none", "view", "act"})
        for (Cap cap : {Cap::NotAssessed, Cap::Has, Cap::Lacks}) {
          Relationship rel;
          rel.role = role;
          rel.basis = std::string(b.value);
          rel.access_scope = consented;
          auto assessments = assessments_for(role, cap);
          auto d = representative_scope(rel, assessments, kToday, "Margaret");
          std::string base = role + " " + rel.basis + " ";
          auto it = kGranted.find(base + "* " + cap_name(cap));
          if (it == kGranted.end()) it = kGranted.find(base + consented + " " + cap_name(cap));
          Expect e = it == kGranted.end() ? Expect{false, false, false} : it->second;
          std::string key = base + consented + " " + cap_name(cap);
          EXPECT_EQ(d.scope.view, e.view) << key;
          EXPECT_EQ(d.scope.act_on_care, e.care) << key;
          EXPECT_EQ(d.scope.act_on_money, e.money) << key;
          EXPECT_FALSE(d.reasons.empty()) << key << ": every scope says why";
          granted += d.scope.any();
        }
  EXPECT_GT(granted, 40);
}

TEST(RepresentativeScope, SaysWhyWithTheAssessmentsDate) {
  Relationship ruth;
  ruth.role = "lpa_health_welfare";
  ruth.basis = "registered_lpa";
  auto assessment = [](std::int64_t id, CivilDate on, const char* outcome) {
    CapacityAssessment a;
    a.id = id;
    a.assessed_on = on;
    a.outcome = outcome;
    a.decision_kind = "care_and_support";
    return a;
  };
  std::vector<CapacityAssessment> found{assessment(1, CivilDate{2026, 3, 12}, "lacks_capacity")};
  auto d = representative_scope(ruth, found, kToday, "Margaret");
  ASSERT_TRUE(d.scope.act_on_care);
  EXPECT_EQ(d.reasons.at(1),
            "may act on care and support because the assessment on 12 March 2026 found Margaret lacks capacity for decisions about care and support");
  // A later assessment finding capacity takes the power away the same day.
  found.push_back(assessment(2, CivilDate{2026, 11, 1}, "has_capacity"));
  d = representative_scope(ruth, found, kToday, "Margaret");
  EXPECT_FALSE(d.scope.act_on_care);
  EXPECT_NE(d.reasons.at(1).find("1 November 2026 found Margaret has capacity"), std::string::npos) << d.reasons.at(1);
  // An assessment dated after the day asked about does not count yet.
  d = representative_scope(ruth, found, CivilDate{2026, 10, 31}, "Margaret");
  EXPECT_TRUE(d.scope.act_on_care);
}

TEST(ConsentRefused, OnlyWhenTheRelevantAssessmentFindsTheyLackCapacity) {
  Relationship carer;
  carer.role = "family_carer";
  carer.basis = "consent";
  EXPECT_FALSE(consent_refused(carer, assessments_for("family_carer", Cap::NotAssessed), kToday, "Margaret"));
  EXPECT_FALSE(consent_refused(carer, assessments_for("family_carer", Cap::Has), kToday, "Margaret"));
  auto refused = consent_refused(carer, assessments_for("family_carer", Cap::Lacks), kToday, "Margaret");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->field, "basis");
  EXPECT_NE(refused->message.find("Margaret cannot give consent: the assessment on 12 March 2026 found Margaret lacks capacity"),
            std::string::npos) << refused->message;
  // A nominated person: the relevant kind is asking for a direct payment (Care Act s.31(4)(a)).
  Relationship nominee = carer;
  nominee.role = "nominated_person";
  EXPECT_FALSE(consent_refused(nominee, assessments_for("family_carer", Cap::Lacks), kToday, "Margaret"))
      << "lacking capacity for care decisions says nothing about asking for a direct payment";
  auto no_nomination = consent_refused(nominee, assessments_for("nominated_person", Cap::Lacks), kToday, "Margaret");
  ASSERT_TRUE(no_nomination);
  EXPECT_NE(no_nomination->message.find("authorised person"), std::string::npos);
  // Other bases are not consent, whatever the capacity.
  carer.basis = "best_interests";
  EXPECT_FALSE(consent_refused(carer, assessments_for("family_carer", Cap::Lacks), kToday, "Margaret"));
}

}  // namespace
}  // namespace patchwork::people
