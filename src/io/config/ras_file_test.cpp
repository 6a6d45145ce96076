// A model written by write_ras_configuration is read back, as a new file, to
// the same model: so a model proposed from agreed plans can be loaded as it is.
#include "io/config/ras_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "domain/allocation/learning.hpp"

namespace patchwork::io {
namespace {

using allocation::Method;
using allocation::RasConfiguration;

void expect_same(const RasConfiguration& a, const RasConfiguration& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.version, b.version);
  EXPECT_EQ(a.method, b.method);
  EXPECT_EQ(a.price_per_point, b.price_per_point);
  ASSERT_EQ(a.bands.size(), b.bands.size());
  for (std::size_t i = 0; i < a.bands.size(); ++i) {
    EXPECT_EQ(a.bands[i].min_points, b.bands[i].min_points);
    EXPECT_EQ(a.bands[i].max_points, b.bands[i].max_points);
    EXPECT_EQ(a.bands[i].weekly, b.bands[i].weekly);
  }
  EXPECT_EQ(a.floor, b.floor);
  EXPECT_EQ(a.ceiling, b.ceiling);
  EXPECT_EQ(a.carer_adjustment.has_value(), b.carer_adjustment.has_value());
  if (a.carer_adjustment && b.carer_adjustment) {
    EXPECT_EQ(a.carer_adjustment->percent_of_needs_share, b.carer_adjustment->percent_of_needs_share);
  }
}

RasConfiguration shipped(const char* file) {
  std::ifstream in(std::string(PATCHWORK_SOURCE_DIR) + "/config/" + file);
  std::stringstream text;
  text << in.rdbuf();
  auto c = parse_ras_configuration(text.str(), RasSource::NewFile);
  EXPECT_TRUE(c);
  return c.value_or(RasConfiguration{});
}

TEST(WriteRasConfiguration, TheShippedModelsRoundTrip) {
  for (auto file : {"ras.json", "southvale-ras.json"}) {
    auto model = shipped(file);
    auto again = parse_ras_configuration(write_ras_configuration(model), RasSource::NewFile);
    ASSERT_TRUE(again) << file << ": " << again.error().front().field << " " << again.error().front().message;
    expect_same(model, *again);
  }
}

TEST(WriteRasConfiguration, AModelWithNoFloorCeilingOrCarerAdjustment) {
  RasConfiguration c;
  c.name = "Plain \"quoted\" model";
  c.version = 9;
  c.price_per_point = Money::from_pence(1);
  auto again = parse_ras_configuration(write_ras_configuration(c), RasSource::NewFile);
  ASSERT_TRUE(again);
  expect_same(c, *again);
}

TEST(WriteRasConfiguration, AProposalFromAgreedPlansIsAModelTheLoaderAccepts) {
  auto current = shipped("ras.json");
  std::vector<allocation::AgreedRow> rows = {
      {current.version, 10, Money::from_pence(5200), Money::from_pence(6000), people::AgeBand::Older65Plus, "No", false},
      {current.version, 30, Money::from_pence(15600), Money::from_pence(18000), people::AgeBand::Older65Plus, "No", true}};
  auto proposal = allocation::propose_model(current, rows, current.version + 1);
  ASSERT_TRUE(proposal);
  auto loaded = parse_ras_configuration(write_ras_configuration(proposal->model), RasSource::NewFile);
  ASSERT_TRUE(loaded);
  expect_same(proposal->model, *loaded);
  EXPECT_EQ(loaded->version, current.version + 1);
}

}  // namespace
}  // namespace patchwork::io
