#include "domain/providers/provider.hpp"

#include <gtest/gtest.h>

namespace patchwork::providers {
namespace {

bool has_error(const FieldErrors& errors, const std::string& field) {
  for (const auto& e : errors)
    if (e.field == field) return true;
  return false;
}

TEST(CqcLocationId, AcceptsTheFormsTheCqcPublishes) {
  EXPECT_EQ(normalise_cqc_location_id("1-545611283"), "1-545611283");       // nine digits
  EXPECT_EQ(normalise_cqc_location_id("1-1000210669"), "1-1000210669");     // ten
  EXPECT_EQ(normalise_cqc_location_id("1-10000302982"), "1-10000302982");   // eleven
  EXPECT_EQ(normalise_cqc_location_id("  1-123456789 "), "1-123456789");    // spaces round it forgiven
}

TEST(CqcLocationId, RefusesEverythingElse) {
  EXPECT_FALSE(normalise_cqc_location_id(""));
  EXPECT_FALSE(normalise_cqc_location_id("1-12345678"));       // eight digits: too short
  EXPECT_FALSE(normalise_cqc_location_id("1-100003029821"));   // twelve: too long
  EXPECT_FALSE(normalise_cqc_location_id("123456789"));        // no "1-"
  EXPECT_FALSE(normalise_cqc_location_id("2-123456789"));      // another prefix
  EXPECT_FALSE(normalise_cqc_location_id("1-12345678A"));      // a letter
  EXPECT_FALSE(normalise_cqc_location_id("1 -123456789"));     // a space inside
  EXPECT_FALSE(normalise_cqc_location_id("RL4A1"));            // an NHS ODS site code
}

TEST(ProviderFields, ReadsAWholeProvider) {
  auto p = provider_from_fields({{"name", " Northshire Home Care "}, {"kind", "Home care agency"}, {"cqc_location_id", "1-123456789"},
                                 {"phone", "01632 960 000"}, {"email", "office@example.org"}, {"address", "1 High Street\nNorthtown"}});
  ASSERT_TRUE(p) << p.error().front().message;
  EXPECT_EQ(p->name, "Northshire Home Care");
  EXPECT_EQ(p->kind, "home_care_agency");  // the label is accepted and stored as the value
  EXPECT_EQ(p->cqc_location_id, "1-123456789");
  EXPECT_EQ(p->address, "1 High Street\nNorthtown");
}

TEST(ProviderFields, OnlyNameAndKindAreRequired) {
  auto p = provider_from_fields({{"name", "Tuesday Lunch Club"}, {"kind", "community_group"}});
  ASSERT_TRUE(p);
  EXPECT_FALSE(p->cqc_location_id);
  EXPECT_EQ(p->phone, "");
}

TEST(ProviderFields, NamesEachBadField) {
  auto p = provider_from_fields({{"name", ""}, {"kind", "care home chain"}, {"cqc_location_id", "12345"},
                                 {"phone", "call the office"}, {"email", "office.example.org"}});
  ASSERT_FALSE(p);
  for (auto field : {"name", "kind", "cqc_location_id", "phone", "email"}) EXPECT_TRUE(has_error(p.error(), field)) << field;
  EXPECT_EQ(p.error().size(), 5u);
}

TEST(ProviderFields, RefusesANameOnTwoLines) {
  auto p = provider_from_fields({{"name", "Good Care\nLtd"}, {"kind", "other"}});
  ASSERT_FALSE(p);
  EXPECT_TRUE(has_error(p.error(), "name"));
}

TEST(ProviderFields, EmailNeedsOneAtAndADomain) {
  for (auto bad : {"@example.org", "a@b", "a@@b.org", "a@.org", "a b@c.org", "a@b."})
    EXPECT_TRUE(has_error(provider_from_fields({{"name", "X"}, {"kind", "other"}, {"email", bad}}).error(), "email")) << bad;
  EXPECT_TRUE(provider_from_fields({{"name", "X"}, {"kind", "other"}, {"email", "a@b.org"}}));
}

}  // namespace
}  // namespace patchwork::providers
