#include "domain/reports/self_directed_support.hpp"

#include <gtest/gtest.h>

namespace patchwork::reports {
namespace {

const CivilDate kOn(2026, 12, 2);

SupportGroup group(std::int64_t council, int year, unsigned month, std::string dementia, bool pb, bool dp, std::int64_t n) {
  return SupportGroup{CouncilId(council), year, month, std::move(dementia), pb, dp, n};
}

const Line& line(const std::vector<Line>& lines, Band band, const std::string& dementia) {
  for (const auto& l : lines)
    if (l.band == band && l.dementia == dementia) return l;
  throw std::logic_error("no line");
}

TEST(SelfDirectedSupport, TheDateIsTodayWhenLeftOutAndMustBeARealDateNotAfterToday) {
  EXPECT_EQ(*as_at_date("", kOn), kOn);
  EXPECT_EQ(*as_at_date(" 2026-03-31 ", kOn), CivilDate(2026, 3, 31));
  EXPECT_EQ(*as_at_date("2026-12-02", kOn), kOn);
  for (auto bad : {"2026-02-30", "31/03/2026", "yesterday", "2026-12-03"}) {
    auto r = as_at_date(bad, kOn);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().front().field, "on");
  }
  EXPECT_NE(as_at_date("2026-12-03", kOn).error().front().message.find("past"), std::string::npos);
}

TEST(SelfDirectedSupport, SharesAreTenthsOfAPerCentRoundedHalfUpWithTheirCounts) {
  EXPECT_EQ((Share{52, 100}.percent()), "52.0%");
  EXPECT_EQ((Share{1, 3}.percent()), "33.3%");
  EXPECT_EQ((Share{2, 3}.percent()), "66.7%");
  EXPECT_EQ((Share{5205, 10000}.tenths_of_percent()), 521);  // 52.05% half up
  EXPECT_EQ((Share{5204, 10000}.tenths_of_percent()), 520);
  EXPECT_EQ((Share{7, 7}.percent()), "100.0%");
  EXPECT_EQ((Share{0, 7}.percent()), "0.0%");
  EXPECT_FALSE((Share{0, 0}.tenths_of_percent()));
  EXPECT_EQ((Share{0, 0}.percent()), "");
  Counts c{10, 6, 2};
  EXPECT_EQ(personal_budget_share(c).percent(), "60.0%");
  EXPECT_EQ(direct_payment_share(c).percent(), "20.0%");
  EXPECT_EQ(c.managed(), 4);
  EXPECT_EQ(managed_share(c).percent(), "66.7%");  // of the 6 budgets, not of all 10
  EXPECT_EQ(c.commissioned(), 4);
}

TEST(SelfDirectedSupport, BandsSplitNationallyAndSixtyFiveAndOverHasThreeParts) {
  EXPECT_TRUE(bands_for_age(17).empty());
  EXPECT_EQ(bands_for_age(18), std::vector<Band>{Band::From18To64});
  EXPECT_EQ(bands_for_age(64), std::vector<Band>{Band::From18To64});
  EXPECT_EQ(bands_for_age(65), (std::vector<Band>{Band::From65, Band::From65To74}));
  EXPECT_EQ(bands_for_age(84), (std::vector<Band>{Band::From65, Band::From75To84}));
  EXPECT_EQ(bands_for_age(85), (std::vector<Band>{Band::From65, Band::From85}));
  EXPECT_EQ(band_label(Band::From65), "65 and over");
  EXPECT_EQ(band_code(Band::From85), "85+");
}

TEST(SelfDirectedSupport, CountsEachCouncilByNationalAgeAndDementiaAndLeavesOutUnder18s) {
  Tally t(kOn);
  t.add(group(1, 1950, 3, "Diagnosed", true, true, 2));    // 76: 65+, 75-84
  t.add(group(1, 1950, 3, "Diagnosed", true, false, 3));
  t.add(group(1, 1950, 3, "Diagnosed", false, false, 5));  // commissioned support, no budget
  t.add(group(1, 1990, 6, "Not known", true, true, 4));    // 36
  t.add(group(1, 2008, 12, "No", true, true, 1));          // 18 nationally though 17 exactly if born after the 2nd
  t.add(group(1, 2009, 1, "No", true, true, 7));           // 17: left out
  t.add(group(1, 1961, 12, "Suspected", false, true, 1));  // 65: no budget, so no direct payment either
  t.add(group(2, 1930, 1, "No", true, false, 6));          // 96, another council
  auto s = t.summary({{CouncilId(1), "E06000001", "North"}, {CouncilId(2), "E06000002", "South"}, {CouncilId(3), "E06000003", "Empty"}});

  ASSERT_EQ(s.councils.size(), 3U);
  const auto& north = s.councils[0];
  EXPECT_EQ(north.code, "E06000001");
  EXPECT_EQ(north.under_18, 7);
  EXPECT_EQ(north.total.people, 2 + 3 + 5 + 4 + 1 + 1);
  EXPECT_EQ(north.total.personal_budget, 2 + 3 + 4 + 1);
  EXPECT_EQ(north.total.direct_payment, 2 + 4 + 1);
  const auto& older_dementia = line(north.lines, Band::From65, "Diagnosed").counts;
  EXPECT_EQ(older_dementia.people, 10);
  EXPECT_EQ(older_dementia.personal_budget, 5);
  EXPECT_EQ(older_dementia.direct_payment, 2);
  EXPECT_EQ(line(north.lines, Band::From75To84, "Diagnosed").counts.people, 10);
  EXPECT_EQ(line(north.lines, Band::From65To74, "Diagnosed").counts.people, 0);
  EXPECT_EQ(line(north.lines, Band::From65To74, "Suspected").counts.people, 1);
  EXPECT_EQ(line(north.lines, Band::From65To74, "Suspected").counts.direct_payment, 0);
  EXPECT_EQ(line(north.lines, Band::From65, "").counts.people, 11);
  EXPECT_EQ(line(north.lines, Band::From18To64, "").counts.people, 5);
  EXPECT_EQ(line(north.lines, Band::From18To64, "No").counts.people, 1);
  // Every band has a line for every dementia value and one for all.
  EXPECT_EQ(north.lines.size(), bands().size() * 5);

  const auto& south = s.councils[1];
  EXPECT_EQ(line(south.lines, Band::From85, "No").counts.personal_budget, 6);
  EXPECT_EQ(south.total.people, 6);
  EXPECT_EQ(s.councils[2].total.people, 0);
  EXPECT_EQ(personal_budget_share(s.councils[2].total).percent(), "");

  EXPECT_EQ(s.national.people, 16 + 6);
  EXPECT_EQ(s.national.personal_budget, 10 + 6);
  EXPECT_EQ(s.under_18, 7);
  EXPECT_EQ(line(s.national_lines, Band::From65, "").counts.people, 11 + 6);
  EXPECT_EQ(line(s.national_lines, Band::From65, "No").counts.people, 6);
}

TEST(SelfDirectedSupport, AValueStoredOutsideTheListIsShownNotDropped) {
  EXPECT_EQ(dementia_order({"No", "Diagnosed"}), (std::vector<std::string>{"Diagnosed", "Suspected", "No", "Not known"}));
  Tally t(kOn);
  t.add(group(1, 1940, 1, "Maybe", true, false, 2));
  auto s = t.summary({{CouncilId(1), "E06000001", "North"}});
  EXPECT_EQ(line(s.councils[0].lines, Band::From65, "Maybe").counts.people, 2);
  EXPECT_EQ(s.councils[0].total.people, 2);
}

}  // namespace
}  // namespace patchwork::reports
