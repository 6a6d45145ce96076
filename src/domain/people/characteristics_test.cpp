#include "domain/people/characteristics.hpp"

#include <gtest/gtest.h>

namespace patchwork::people {
namespace {

CivilDate d(const char* iso) { return *CivilDate::parse_iso(iso); }

CharacteristicChange change(std::int64_t id, Characteristic which, const char* value, const char* from, const char* recorded_at) {
  CharacteristicChange c;
  c.id = id;
  c.characteristic = which;
  c.value = value;
  c.effective_from = d(from);
  c.recorded_at = recorded_at;
  return c;
}

// Margaret: recorded on 1 March with dementia not known; suspected from 10 May;
// diagnosed from 2 September. Her accommodation changed once, on 2 September too.
CharacteristicHistory margaret() {
  return {
      change(1, Characteristic::Dementia, "Not known", "2026-03-01", "2026-03-01T09:00:00Z"),
      change(2, Characteristic::PrimarySupportReason, "Support with Memory & Cognition", "2026-03-01", "2026-03-01T09:00:00Z"),
      change(3, Characteristic::AccommodationStatus, "Owner occupier or shared ownership scheme", "2026-03-01", "2026-03-01T09:00:00Z"),
      change(4, Characteristic::HasUnpaidCarer, "Yes", "2026-03-01", "2026-03-01T09:00:00Z"),
      change(5, Characteristic::Dementia, "Suspected", "2026-05-10", "2026-05-12T14:00:00Z"),
      change(7, Characteristic::AccommodationStatus, "Registered care home", "2026-09-02", "2026-09-03T10:00:00Z"),
      change(6, Characteristic::Dementia, "Diagnosed", "2026-09-02", "2026-09-02T11:00:00Z"),
  };
}

TEST(CharacteristicsAsAt, EachDateGetsWhatHeldThen) {
  auto h = margaret();
  EXPECT_EQ(characteristics_as_at(h, d("2026-03-01"))->dementia, "Not known");  // a change counts from its own day
  EXPECT_EQ(characteristics_as_at(h, d("2026-05-09"))->dementia, "Not known");
  EXPECT_EQ(characteristics_as_at(h, d("2026-05-10"))->dementia, "Suspected");
  EXPECT_EQ(characteristics_as_at(h, d("2026-09-01"))->dementia, "Suspected");
  auto later = characteristics_as_at(h, d("2026-12-25"));
  EXPECT_EQ(later->dementia, "Diagnosed");
  EXPECT_EQ(later->accommodation_status, "Registered care home");
  EXPECT_EQ(later->primary_support_reason, "Support with Memory & Cognition");
  EXPECT_EQ(later->has_unpaid_carer, "Yes");
  EXPECT_FALSE(later->date_of_death);
}

TEST(CharacteristicsAsAt, BeforeTheFirstEntryNothingIsKnown) {
  EXPECT_FALSE(characteristics_as_at(margaret(), d("2026-02-28")));
  EXPECT_FALSE(characteristics_as_at({}, d("2026-02-28")));
}

TEST(CharacteristicsAsAt, ACharacteristicWithNoEntryYetIsNotKnownNeverNo) {
  // Only the dementia diagnosis is dated before the person was recorded: the
  // rest were not known then.
  auto h = margaret();
  h.push_back(change(8, Characteristic::Dementia, "Diagnosed", "2025-06-01", "2026-10-01T09:00:00Z"));
  auto then = characteristics_as_at(h, d("2025-07-01"));
  ASSERT_TRUE(then);
  EXPECT_EQ(then->dementia, "Diagnosed");
  EXPECT_EQ(then->accommodation_status, "Unknown");
  EXPECT_EQ(then->has_unpaid_carer, "Unknown");
}

TEST(CharacteristicsAsAt, AChangeRecordedLaterWithAnEarlierDateCorrectsThatTime) {
  // On 1 October the worker learns the diagnosis was made on 1 June: from
  // then on she had diagnosed dementia, whatever was recorded for the summer.
  auto h = margaret();
  h.push_back(change(8, Characteristic::Dementia, "Diagnosed", "2026-06-01", "2026-10-01T09:00:00Z"));
  EXPECT_EQ(characteristics_as_at(h, d("2026-05-31"))->dementia, "Suspected");
  EXPECT_EQ(characteristics_as_at(h, d("2026-06-01"))->dementia, "Diagnosed");
  EXPECT_EQ(characteristics_as_at(h, d("2026-09-15"))->dementia, "Diagnosed");
  // Recorded on the day the person was first recorded, "Not known" is no
  // obstacle to a diagnosis dated years before: the last recorded holds today.
  CharacteristicHistory fresh = {change(1, Characteristic::Dementia, "Not known", "2026-11-27", "2026-11-27T09:00:00Z"),
                                 change(2, Characteristic::Dementia, "Diagnosed", "2024-05-01", "2026-11-28T09:00:00Z")};
  EXPECT_EQ(characteristics_as_at(fresh, d("2026-11-28"))->dementia, "Diagnosed");
  EXPECT_EQ(characteristics_as_at(fresh, d("2025-01-01"))->dementia, "Diagnosed");
  EXPECT_FALSE(characteristics_as_at(fresh, d("2024-04-30")));
}

TEST(CharacteristicsAsAt, OfTwoChangesOnTheSameDayTheOneRecordedLastHolds) {
  auto h = margaret();
  // Recorded "No" by mistake, then corrected the same afternoon, both from 2 September.
  h.push_back(change(9, Characteristic::HasUnpaidCarer, "No", "2026-09-02", "2026-09-04T09:00:00Z"));
  h.push_back(change(10, Characteristic::HasUnpaidCarer, "Yes", "2026-09-02", "2026-09-04T15:00:00Z"));
  EXPECT_EQ(characteristics_as_at(h, d("2026-09-02"))->has_unpaid_carer, "Yes");
  // The order they arrive in does not matter, only when they were recorded.
  std::swap(h[h.size() - 1], h[h.size() - 2]);
  EXPECT_EQ(characteristics_as_at(h, d("2026-09-02"))->has_unpaid_carer, "Yes");
  // Recorded in the same second: the later entry (higher id) holds.
  h.push_back(change(12, Characteristic::HasUnpaidCarer, "Unknown", "2026-09-02", "2026-09-05T09:00:00Z"));
  h.push_back(change(11, Characteristic::HasUnpaidCarer, "No", "2026-09-02", "2026-09-05T09:00:00Z"));
  EXPECT_EQ(characteristics_as_at(h, d("2026-09-03"))->has_unpaid_carer, "Unknown");
}

TEST(CharacteristicsAsAt, ADeathCountsFromTheDayItHappenedAndACorrectionReplacesIt) {
  auto h = margaret();
  h.push_back(change(20, Characteristic::DateOfDeath, "2026-11-01", "2026-11-01", "2026-11-10T09:00:00Z"));
  EXPECT_FALSE(characteristics_as_at(h, d("2026-10-31"))->date_of_death);
  EXPECT_EQ(characteristics_as_at(h, d("2026-11-05"))->date_of_death, d("2026-11-01"));
  // Corrected to a later date: she was alive on 1 November after all.
  h.push_back(change(21, Characteristic::DateOfDeath, "2026-11-03", "2026-11-03", "2026-11-11T09:00:00Z"));
  EXPECT_FALSE(characteristics_as_at(h, d("2026-11-02"))->date_of_death);
  EXPECT_EQ(characteristics_as_at(h, d("2026-11-05"))->date_of_death, d("2026-11-03"));
  // Withdrawn altogether: recorded in error.
  h.push_back(change(22, Characteristic::DateOfDeath, "", "2026-11-12", "2026-11-12T09:00:00Z"));
  EXPECT_FALSE(characteristics_as_at(h, d("2026-11-20"))->date_of_death);
}

TEST(CharacteristicChanges, OneEntryForEachCharacteristicThatChanged) {
  Characteristics before;
  Characteristics after = before;
  after.dementia = "Suspected";
  after.accommodation_status = "Registered care home";
  auto changes = characteristic_changes(before, after, d("2026-11-20"), d("2026-11-27"));
  ASSERT_TRUE(changes);
  ASSERT_EQ(changes->size(), 2u);
  EXPECT_EQ(changes->at(0).characteristic, Characteristic::Dementia);
  EXPECT_EQ(changes->at(0).value, "Suspected");
  EXPECT_EQ(changes->at(0).effective_from, d("2026-11-20"));
  EXPECT_EQ(changes->at(1).characteristic, Characteristic::AccommodationStatus);
  EXPECT_TRUE(characteristic_changes(before, before, d("2026-11-20"), d("2026-11-27"))->empty());
}

TEST(CharacteristicChanges, ADeathTakesEffectOnTheDateOfDeath) {
  Characteristics before;
  Characteristics after = before;
  after.date_of_death = d("2026-11-01");
  auto changes = characteristic_changes(before, after, d("2026-11-27"), d("2026-11-27"));
  ASSERT_TRUE(changes);
  EXPECT_EQ(changes->at(0).effective_from, d("2026-11-01"));
  EXPECT_EQ(changes->at(0).value, "2026-11-01");
  auto withdrawn = characteristic_changes(after, before, d("2026-11-27"), d("2026-11-27"));
  EXPECT_EQ(withdrawn->at(0).value, "");
}

TEST(CharacteristicChanges, NeverInTheFuture) {
  Characteristics before;
  Characteristics after = before;
  after.dementia = "Diagnosed";
  auto future = characteristic_changes(before, after, d("2026-11-28"), d("2026-11-27"));
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().at(0).field, "effective_from");
  EXPECT_TRUE(characteristic_changes(before, after, d("2026-11-27"), d("2026-11-27")));
}

TEST(Characteristics, CodesRoundTripAndDefaultsAreNotKnown) {
  for (auto c : all_characteristics()) EXPECT_EQ(characteristic_from_code(characteristic_code(c)), c);
  EXPECT_FALSE(characteristic_from_code("gender"));
  Characteristics none;
  EXPECT_EQ(none.dementia, "Not known");
  EXPECT_EQ(value_of(none, Characteristic::DateOfDeath), "");
  EXPECT_EQ(display_value(Characteristic::DateOfDeath, "2026-11-01"), "1 November 2026");
}

}  // namespace
}  // namespace patchwork::people
