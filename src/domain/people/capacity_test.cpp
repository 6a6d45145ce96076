#include "domain/people/capacity.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace patchwork::people {
namespace {

CapacityAssessment assessed(std::int64_t id, const char* kind, const char* on, const char* outcome) {
  CapacityAssessment a;
  a.id = id;
  a.decision_kind = kind;
  a.assessed_on = *CivilDate::parse_iso(on);
  a.outcome = outcome;
  return a;
}

const CivilDate kToday = *CivilDate::parse_iso("2026-11-27");

}  // namespace

TEST(CapacityFor, WithoutAnAssessmentCapacityIsAssumed) {
  std::vector<CapacityAssessment> none;
  EXPECT_EQ(capacity_for(none, "care_and_support", kToday).capacity, Capacity::NotAssessed);
  EXPECT_FALSE(capacity_for(none, "care_and_support", kToday).lacks());
}

TEST(CapacityFor, TheLatestAssessmentOfThatKindDecides) {
  std::vector<CapacityAssessment> list{assessed(1, "care_and_support", "2026-01-10", "has_capacity"),
                                       assessed(2, "care_and_support", "2026-10-01", "lacks_capacity"),
                                       assessed(3, "property_and_finance", "2026-11-01", "has_capacity"),
                                       assessed(4, "other", "2026-11-02", "lacks_capacity")};
  auto care = capacity_for(list, "care_and_support", kToday);
  EXPECT_TRUE(care.lacks());
  ASSERT_TRUE(care.assessment);
  EXPECT_EQ(care.assessment->id, 2);
  EXPECT_EQ(capacity_for(list, "property_and_finance", kToday).capacity, Capacity::Has);
  EXPECT_EQ(capacity_for(list, "requesting_direct_payment", kToday).capacity, Capacity::NotAssessed);
  EXPECT_EQ(capacity_for(list, "other", kToday).capacity, Capacity::NotAssessed);
  // As at an earlier date, the earlier finding held.
  EXPECT_EQ(capacity_for(list, "care_and_support", *CivilDate::parse_iso("2026-05-01")).capacity, Capacity::Has);
  // On the same day, the one recorded later wins.
  list.push_back(assessed(5, "care_and_support", "2026-10-01", "has_capacity"));
  EXPECT_EQ(capacity_for(list, "care_and_support", kToday).capacity, Capacity::Has);
}

}  // namespace patchwork::people
