#include "domain/allocation/effect.hpp"

#include <gtest/gtest.h>

namespace patchwork::allocation {
namespace {

EffectRow row(std::int64_t old_pence, std::int64_t new_pence, CivilDate born, const char* dementia, CarerStatus carer) {
  return {PersonId{1}, Money::from_pence(old_pence), Money::from_pence(new_pence), born, dementia, carer};
}

const EffectGroup* find(const std::vector<EffectGroup>& groups, const std::string& dimension, const std::string& label) {
  for (const auto& g : groups)
    if (g.dimension == dimension && g.label == label) return &g;
  return nullptr;
}

}  // namespace

TEST(Effect, GroupsByAgeBandDementiaAndCarerWithCountsTotalsAndAverages) {
  const CivilDate on(2026, 11, 30);
  std::vector<EffectRow> rows = {
      row(20000, 21000, CivilDate(1941, 3, 14), "Diagnosed", CarerStatus::Counted),           // +£10.00
      row(15000, 14000, CivilDate(1936, 11, 30), "Suspected", CarerStatus::RecordedNotCounted),  // -£10.00
      row(10000, 10301, CivilDate(1990, 5, 21), "Not known", CarerStatus::NoneRecorded),      // +£3.01
      row(10000, 10000, CivilDate(1947, 9, 17), "Diagnosed", CarerStatus::NoneRecorded),      // no change
  };
  auto groups = group_effect(rows, on);
  auto* older = find(groups, "Age band", "65 and over");
  ASSERT_TRUE(older);
  EXPECT_EQ(older->people, 3);
  EXPECT_EQ(older->increased, 1);
  EXPECT_EQ(older->decreased, 1);
  EXPECT_EQ(older->total_change.pence(), 0);
  auto* younger = find(groups, "Age band", "18 to 64");
  ASSERT_TRUE(younger);
  EXPECT_EQ(younger->average_change.pence(), 301);
  auto* diagnosed = find(groups, "Dementia", "Diagnosed");
  ASSERT_TRUE(diagnosed);
  EXPECT_EQ(diagnosed->people, 2);
  EXPECT_EQ(diagnosed->total_change.pence(), 1000);
  EXPECT_EQ(diagnosed->average_change.pence(), 500);
  EXPECT_FALSE(find(groups, "Dementia", "No"));  // an empty group is left out
  auto* none = find(groups, "Carer", std::string(carer_status_label(CarerStatus::NoneRecorded)));
  ASSERT_TRUE(none);
  EXPECT_EQ(none->people, 2);
  EXPECT_EQ(none->total_change.pence(), 301);
  EXPECT_EQ(none->average_change.pence(), 151);  // 150.5p rounds half away from zero
  // Every dimension counts everyone once.
  for (const char* dimension : {"Age band", "Dementia", "Carer"}) {
    std::int64_t people = 0;
    for (const auto& g : groups) if (g.dimension == dimension) people += g.people;
    EXPECT_EQ(people, 4) << dimension;
  }
  EXPECT_TRUE(group_effect({}, on).empty());
}

}  // namespace patchwork::allocation
