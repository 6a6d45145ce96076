#include "domain/allocation/learning.hpp"

#include <gtest/gtest.h>

namespace patchwork::allocation {
namespace {

Money pounds(std::int64_t pence) { return Money::from_pence(pence); }

AgreedRow row(int version, int points, std::int64_t indicative, std::int64_t agreed, people::AgeBand band, const char* dementia, bool carer) {
  return {version, points, pounds(indicative), pounds(agreed), band, dementia, carer};
}

const DifferenceGroup* find(const std::vector<DifferenceGroup>& groups, int version, const std::string& dimension, const std::string& label) {
  for (const auto& g : groups)
    if (g.ras_version == version && g.dimension == dimension && g.label == label) return &g;
  return nullptr;
}

RasConfiguration price_model() {
  RasConfiguration c;
  c.name = "Northshire resource allocation 2026";
  c.version = 1;
  c.method = Method::PricePerPoint;
  c.price_per_point = pounds(520);
  c.floor = pounds(3000);
  c.ceiling = pounds(95000);
  c.carer_adjustment = CarerAdjustment{100};
  return c;
}

// Three agreed plans under version 1 (£5.20 a point), worked by hand:
//   A: 10 points, indicative £52.00, agreed £60.00, 65 and over, dementia diagnosed, a carer
//   B: 20 points, indicative £104.00, agreed £100.00, 65 and over, no dementia, no carer
//   C: 30 points, indicative £156.00, agreed £180.00, 18 to 64, no dementia, a carer
// and one under version 2 whose indicative amount was £0 (D: 5 points, agreed £30.00).
std::vector<AgreedRow> hand_worked() {
  using people::AgeBand;
  return {row(1, 10, 5200, 6000, AgeBand::Older65Plus, "Diagnosed", true),
          row(1, 20, 10400, 10000, AgeBand::Older65Plus, "No", false),
          row(1, 30, 15600, 18000, AgeBand::Adult18To64, "No", true),
          row(2, 5, 0, 3000, AgeBand::Adult18To64, "Not known", false)};
}

TEST(Spread, QuartilesInterpolateAndRoundOnce) {
  // 1 2 3 4: positions (n − 1) × q ÷ 4 = 0.75, 1.5, 2.25.
  //   lower: 1 + 0.75 × (2 − 1) = 1.75 → 2;  median: 2.5 → 3 (halves away from zero);
  //   upper: 3 + 0.25 × (4 − 3) = 3.25 → 3.
  auto s = spread_of({4, 1, 3, 2});
  EXPECT_EQ(s.min, 1);
  EXPECT_EQ(s.lower_quartile, 2);
  EXPECT_EQ(s.median, 3);
  EXPECT_EQ(s.upper_quartile, 3);
  EXPECT_EQ(s.max, 4);
  auto one = spread_of({7});
  EXPECT_EQ(one.min, 7);
  EXPECT_EQ(one.median, 7);
  EXPECT_EQ(one.upper_quartile, 7);
  // −2 −1: the median −1.5 rounds away from zero, to −2.
  EXPECT_EQ(spread_of({-1, -2}).median, -2);
}

TEST(AgreedAgainstIndicative, HandWorkedExample) {
  auto groups = agreed_against_indicative(hand_worked());
  // Version 1: everyone, two age bands, two dementia values, two carer statuses; version 2: everyone, one of each.
  EXPECT_EQ(groups.size(), 7u + 4u);
  ASSERT_FALSE(groups.empty());
  EXPECT_EQ(groups.front().ras_version, 1);  // oldest version first
  EXPECT_EQ(groups.front().dimension, "All");

  // Agreed − indicative: A +800p, B −400p, C +2,400p. Sorted −400, 800, 2400;
  // positions 0.5, 1, 1.5: lower (−400 + 800) ÷ 2 = 200, median 800, upper (800 + 2400) ÷ 2 = 1,600.
  const auto* all = find(groups, 1, "All", "Everyone");
  ASSERT_TRUE(all);
  EXPECT_EQ(all->plans, 3);
  EXPECT_EQ(all->pence.min, -400);
  EXPECT_EQ(all->pence.lower_quartile, 200);
  EXPECT_EQ(all->pence.median, 800);
  EXPECT_EQ(all->pence.upper_quartile, 1600);
  EXPECT_EQ(all->pence.max, 2400);
  // In hundredths of a per cent: A 800 × 10,000 ÷ 5,200 = 1,538.46 → 1,538;
  // B −400 × 10,000 ÷ 10,400 = −384.6 → −385; C 2,400 × 10,000 ÷ 15,600 = 1,538.46 → 1,538.
  // Sorted −385, 1538, 1538: lower (−385 + 1538) ÷ 2 = 576.5 → 577, median 1,538, upper 1,538.
  EXPECT_EQ(all->plans_with_percent, 3);
  ASSERT_TRUE(all->basis_points);
  EXPECT_EQ(all->basis_points->min, -385);
  EXPECT_EQ(all->basis_points->lower_quartile, 577);
  EXPECT_EQ(all->basis_points->median, 1538);
  EXPECT_EQ(all->basis_points->max, 1538);

  // 65 and over: A and B, −400 and +800: median (−400 + 800) ÷ 2 = 200.
  const auto* older = find(groups, 1, "Age band", "65 and over");
  ASSERT_TRUE(older);
  EXPECT_EQ(older->plans, 2);
  EXPECT_EQ(older->pence.median, 200);
  const auto* younger = find(groups, 1, "Age band", "18 to 64");
  ASSERT_TRUE(younger);
  EXPECT_EQ(younger->pence.median, 2400);
  EXPECT_FALSE(find(groups, 1, "Age band", "Under 18"));  // no plans, no group
  EXPECT_EQ(find(groups, 1, "Dementia", "Diagnosed")->pence.median, 800);
  // No dementia: B and C, −400 and +2,400: median 1,000.
  EXPECT_EQ(find(groups, 1, "Dementia", "No")->pence.median, 1000);
  // A carer: A and C, +800 and +2,400: median 1,600. No carer: B alone.
  EXPECT_EQ(find(groups, 1, "Carer", "Carer recorded")->pence.median, 1600);
  EXPECT_EQ(find(groups, 1, "Carer", "No carer recorded")->pence.median, -400);

  // Version 2's one plan had an indicative £0: a difference, but no percentage.
  const auto* v2 = find(groups, 2, "All", "Everyone");
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->plans, 1);
  EXPECT_EQ(v2->pence.median, 3000);
  EXPECT_EQ(v2->plans_with_percent, 0);
  EXPECT_FALSE(v2->basis_points);
}

TEST(ProposeModel, LeastSquaresPricePerPointByHand) {
  auto rows = hand_worked();
  rows.pop_back();  // version 1's plans only
  // Σ(points × agreed pence) = 10 × 6,000 + 20 × 10,000 + 30 × 18,000 = 60,000 + 200,000 + 540,000 = 800,000
  // Σ(points²) = 100 + 400 + 900 = 1,400
  // 800,000 ÷ 1,400 = 571.43 pence → £5.71 a point.
  auto p = propose_model(price_model(), rows, 2);
  ASSERT_TRUE(p) << p.error().front().message;
  EXPECT_EQ(p->model.price_per_point, pounds(571));
  EXPECT_EQ(p->model.version, 2);
  EXPECT_EQ(p->plans_used, 3);
  // Everything else is kept from the model it learns from.
  EXPECT_EQ(p->model.method, Method::PricePerPoint);
  EXPECT_EQ(p->model.floor, pounds(3000));
  EXPECT_EQ(p->model.ceiling, pounds(95000));
  ASSERT_TRUE(p->model.carer_adjustment);
  EXPECT_EQ(p->model.carer_adjustment->percent_of_needs_share, 100);
  EXPECT_EQ(p->model.name, "Northshire resource allocation 2026 (proposed from 3 agreed plans)");
  ASSERT_EQ(p->workings.size(), 1u);
  EXPECT_NE(p->workings[0].find("800000"), std::string::npos);
  EXPECT_NE(p->workings[0].find("1400"), std::string::npos);
  EXPECT_NE(p->workings[0].find("\xC2\xA3" "5.71"), std::string::npos);
}

TEST(ProposeModel, RoundsOnceHalvesUpAndIgnoresPlansWithoutPoints) {
  // 2 points, agreed 5p: 10 ÷ 4 = 2.5 pence → 3 pence. The plan with 0 points adds nothing.
  auto p = propose_model(price_model(), {row(1, 2, 1040, 5, people::AgeBand::Older65Plus, "No", false),
                                         row(1, 0, 3000, 99999, people::AgeBand::Older65Plus, "No", false)}, 5);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->model.price_per_point, pounds(3));
  EXPECT_EQ(p->plans_used, 1);
  // A second proposal is named after the first model, not after the proposal.
  auto again = propose_model(p->model, {row(5, 2, 6, 8, people::AgeBand::Older65Plus, "No", false)}, 6);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->model.name, "Northshire resource allocation 2026 (proposed from 1 agreed plan)");
}

TEST(ProposeModel, NothingToLearnFromIsAnError) {
  auto none = propose_model(price_model(), {}, 2);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().front().field, "plans");
  EXPECT_FALSE(propose_model(price_model(), {row(1, 0, 3000, 3000, people::AgeBand::Older65Plus, "No", false)}, 2));
}

TEST(ProposeModel, BandTableFromMedianAgreedCosts) {
  RasConfiguration bands;
  bands.name = "Southvale ready reckoner";
  bands.version = 3;
  bands.method = Method::Bands;
  bands.bands = {{0, 20, pounds(10000)}, {21, 40, pounds(20000)}, {41, 100, pounds(30000)}};
  using people::AgeBand;
  // 0–20 points: £90 and £120: median (9,000 + 12,000) ÷ 2 = 10,500p = £105.00.
  // 21–40 points: £210, £250 and £260: median £250.00.
  // 41–100 points: no plan, so it keeps £300.00.
  std::vector<AgreedRow> rows = {row(3, 10, 10000, 9000, AgeBand::Older65Plus, "No", false),
                                 row(3, 15, 10000, 12000, AgeBand::Older65Plus, "No", false),
                                 row(3, 25, 20000, 21000, AgeBand::Older65Plus, "No", false),
                                 row(3, 30, 20000, 26000, AgeBand::Older65Plus, "No", false),
                                 row(3, 35, 20000, 25000, AgeBand::Older65Plus, "No", false)};
  auto p = propose_model(bands, rows, 4);
  ASSERT_TRUE(p) << p.error().front().message;
  ASSERT_EQ(p->model.bands.size(), 3u);
  EXPECT_EQ(p->model.bands[0].weekly, pounds(10500));
  EXPECT_EQ(p->model.bands[1].weekly, pounds(25000));
  EXPECT_EQ(p->model.bands[2].weekly, pounds(30000));
  EXPECT_EQ(p->model.bands[1].min_points, 21);  // the bands' edges are kept
  EXPECT_EQ(p->plans_used, 5);
  EXPECT_EQ(p->workings.size(), 3u);
  EXPECT_NE(p->workings[2].find("no agreed plan"), std::string::npos);
}

}  // namespace
}  // namespace patchwork::allocation
