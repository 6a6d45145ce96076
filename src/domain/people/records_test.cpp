#include "domain/people/records.hpp"

#include <gtest/gtest.h>

#include "domain/people/codes.hpp"

namespace patchwork::people {
namespace {

const CivilDate kToday = *CivilDate::parse_iso("2026-11-27");

std::vector<std::string> fields_of(const FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

}  // namespace

TEST(CapacityAssessment, NeedsTheDecisionDateOutcomeAndAssessor) {
  auto ok = capacity_from_fields({{"decision_kind", "requesting_direct_payment"}, {"assessed_on", "2026-11-20"},
                                  {"outcome", "lacks_capacity"}, {"assessed_by", "Sam Patel"}, {"review_on", "2027-05-20"}}, kToday);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->review_on, CivilDate::parse_iso("2027-05-20"));
  auto bad = capacity_from_fields({{"assessed_on", "2027-01-01"}, {"outcome", "maybe"}, {"review_on", "2026-01-01"}}, kToday);
  ASSERT_FALSE(bad);
  EXPECT_EQ(fields_of(bad.error()), (std::vector<std::string>{"decision_kind", "assessed_on", "outcome", "assessed_by"}));
  // Another kind of decision must be described.
  auto undescribed = capacity_from_fields({{"decision_kind", "other"}, {"assessed_on", "2026-11-20"}, {"outcome", "has_capacity"},
                                           {"assessed_by", "x"}}, kToday);
  ASSERT_FALSE(undescribed);
  EXPECT_EQ(fields_of(undescribed.error()), std::vector<std::string>{"decision"});
  auto early_review = capacity_from_fields({{"decision_kind", "other"}, {"decision", "d"}, {"assessed_on", "2026-11-20"}, {"outcome", "has_capacity"},
                                            {"assessed_by", "x"}, {"review_on", "2026-11-01"}}, kToday);
  ASSERT_FALSE(early_review);
  EXPECT_EQ(fields_of(early_review.error()), std::vector<std::string>{"review_on"});
}

TEST(Relationship, TheBasisMustFitTheRole) {
  Fields f{{"name", "Ruth"}, {"role", "lpa_health_welfare"}, {"basis", "registered_lpa"}, {"recorded_on", "2026-11-01"}};
  EXPECT_TRUE(relationship_from_fields(f, kToday));
  f["basis"] = "consent";
  EXPECT_EQ(fields_of(relationship_from_fields(f, kToday).error()), std::vector<std::string>{"basis"});
  for (auto deputy : {"deputy_personal_welfare", "deputy_property_affairs"}) {
    f["role"] = deputy;
    f["basis"] = "registered_lpa";
    EXPECT_EQ(fields_of(relationship_from_fields(f, kToday).error()), std::vector<std::string>{"basis"}) << deputy;
    f["basis"] = "court_order";
    EXPECT_TRUE(relationship_from_fields(f, kToday)) << deputy;
  }
  // The deputy recorded before the order's scope was asked is not offered any more.
  f["role"] = "deputy";
  EXPECT_EQ(fields_of(relationship_from_fields(f, kToday).error()), std::vector<std::string>{"role"});
  f["role"] = "deputy_unspecified";
  EXPECT_EQ(fields_of(relationship_from_fields(f, kToday).error()), std::vector<std::string>{"role"});
  f["role"] = "nominated_person";
  f["basis"] = "best_interests";
  EXPECT_EQ(fields_of(relationship_from_fields(f, kToday).error()), std::vector<std::string>{"basis"});
  f["basis"] = "consent";
  EXPECT_TRUE(relationship_from_fields(f, kToday));
  f["role"] = "authorised_person";
  f["basis"] = "consent";
  EXPECT_EQ(fields_of(relationship_from_fields(f, kToday).error()), std::vector<std::string>{"basis"});
  f["basis"] = "best_interests";
  EXPECT_TRUE(relationship_from_fields(f, kToday));
  f["access_scope"] = "everything";
  EXPECT_EQ(fields_of(relationship_from_fields(f, kToday).error()), std::vector<std::string>{"access_scope"});
}

TEST(CaseEvent, RequestsNeedTheirRouteAndDatesMustBeInOrder) {
  Fields f{{"event_type", "Request"}, {"start_date", "2026-11-20"}, {"description", "A call"}};
  EXPECT_EQ(fields_of(case_event_from_fields(f, kToday).error()), (std::vector<std::string>{"route_of_access", "referral_source"}));
  f["route_of_access"] = "Discharge from hospital";
  f["referral_source"] = "hospital";
  f["outcome"] = "Progress to Reablement/ST-Max";
  EXPECT_TRUE(case_event_from_fields(f, kToday));
  f["end_date"] = "2026-11-19";
  EXPECT_EQ(fields_of(case_event_from_fields(f, kToday).error()), std::vector<std::string>{"end_date"});
  Fields review{{"event_type", "review"}, {"start_date", "2026-11-20"}, {"description", "x"}, {"outcome", "Juggling"}};
  EXPECT_EQ(fields_of(case_event_from_fields(review, kToday).error()), std::vector<std::string>{"outcome"});
}

TEST(CaseEvent, EitherReleaseIsAcceptedAndReleaseTwoStored) {
  Fields f{{"event_type", "Review"}, {"start_date", "2026-11-20"}, {"description", "Died at home"}, {"outcome", "NFA - Deceased"}};
  EXPECT_EQ(case_event_from_fields(f, kToday)->outcome, "NFA: Deceased");
  f["outcome"] = "NFA: Deceased";
  EXPECT_EQ(case_event_from_fields(f, kToday)->outcome, "NFA: Deceased");
  f["outcome"] = "NFA - Gone fishing";
  auto refused = case_event_from_fields(f, kToday);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().front().field, "outcome");
  EXPECT_NE(refused.error().front().message.find("NFA - Gone fishing"), std::string::npos);
}

TEST(CaseEvent, AssessmentsCarryTheirTypeAndMethod) {
  Fields f{{"event_type", "Assessment"}, {"start_date", "2026-11-20"}, {"description", "OT visit"}};
  EXPECT_EQ(fields_of(case_event_from_fields(f, kToday).error()), (std::vector<std::string>{"assessment_type", "method_of_assessment"}));
  f["assessment_type"] = "Short term assessment";
  f["method_of_assessment"] = "Service user only";
  auto e = case_event_from_fields(f, kToday);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->assessment_type, "Short term assessment");
  f["assessment_type"] = "Medium term assessment";
  EXPECT_EQ(fields_of(case_event_from_fields(f, kToday).error()), std::vector<std::string>{"assessment_type"});
}

TEST(CaseEvent, ServiceEventsCarryTheirNationalServiceType) {
  Fields f{{"event_type", "Service"}, {"start_date", "2026-11-20"}, {"description", "Reablement at home"}};
  // Without it the event could not say whether it is long-term support.
  auto missing = case_event_from_fields(f, kToday);
  ASSERT_FALSE(missing);
  EXPECT_EQ(fields_of(missing.error()), std::vector<std::string>{"service_type"});
  f["service_type"] = "Short Term Support: Something";
  EXPECT_EQ(fields_of(case_event_from_fields(f, kToday).error()), std::vector<std::string>{"service_type"});
  // Release 2's sentence case and its renamed carer values are stored in release 1's spelling.
  f["service_type"] = "Short term support: ST-Max";
  EXPECT_EQ(case_event_from_fields(f, kToday)->service_type, "Short Term Support: ST-Max");
  f["service_type"] = "Unpaid carer support: Direct to unpaid carer";
  EXPECT_EQ(case_event_from_fields(f, kToday)->service_type, "Carer Support: Direct to Carer");
  f["service_type"] = "long term support: community";
  EXPECT_EQ(case_event_from_fields(f, kToday)->service_type, std::string(kLongTermCommunity));
  // Other events have none, whatever was sent.
  Fields review{{"event_type", "Review"}, {"start_date", "2026-11-20"}, {"description", "Annual review"}, {"service_type", "x"}};
  auto r = case_event_from_fields(review, kToday);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->service_type);
}

TEST(Relationship, NewRolesNeedTheirOwnBasisAndAnAdvocateNeverActs) {
  auto rel = [](std::string role, std::string basis, std::string scope) {
    return relationship_from_fields({{"name", "R"}, {"role", role}, {"basis", basis}, {"recorded_on", "2026-11-20"}, {"access_scope", scope}},
                                    kToday);
  };
  EXPECT_TRUE(rel("epa_registered", "registered_epa", "none"));
  EXPECT_EQ(fields_of(rel("epa_registered", "consent", "none").error()), std::vector<std::string>{"basis"});
  EXPECT_TRUE(rel("appointee", "dwp_appointment", "none"));
  EXPECT_EQ(fields_of(rel("appointee", "best_interests", "none").error()), std::vector<std::string>{"basis"});
  EXPECT_TRUE(rel("independent_advocate", "care_act_advocacy", "view"));
  EXPECT_EQ(fields_of(rel("independent_advocate", "care_act_advocacy", "act").error()), std::vector<std::string>{"access_scope"});
  EXPECT_EQ(fields_of(rel("independent_advocate", "consent", "none").error()), std::vector<std::string>{"basis"});
}

}  // namespace patchwork::people
