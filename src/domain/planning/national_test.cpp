#include "domain/planning/national.hpp"

#include <gtest/gtest.h>

#include "domain/planning/plan.hpp"

namespace patchwork::planning {
namespace {

TEST(NationalSpellings, ReleaseTwoCarerServiceTypesAreStoredAsTheReleaseOneValue) {
  EXPECT_EQ(service_type_as_stored("Unpaid carer support: Direct to unpaid carer"), "Carer Support: Direct to Carer");
  EXPECT_EQ(service_type_as_stored("  unpaid carer support: support involving the person cared-for "),
            "Carer Support: Support involving the person cared-for");
  EXPECT_EQ(service_type_as_stored("Long term support: Community"), "Long term support: Community");
  // Through a line: accepted and stored as the code list's value.
  people::Fields f{{"description", "A sitting service so Sarah can go out"}, {"supplier_kind", "community_group"},
                   {"supplier_name", "Crossroads"}, {"unit_cost", "15.00"}, {"cost_frequency", "Hourly"},
                   {"planned_units_per_week", "3"}, {"service_type", "Unpaid carer support: Support involving the person cared-for"},
                   {"service_component", "Carer Respite"}, {"part", "A"}, {"outcomes", "1"}};
  auto line = line_from_fields(f, CivilDate(2026, 12, 1));
  ASSERT_TRUE(line) << line.error()[0].message;
  EXPECT_EQ(line->service_type, "Carer Support: Support involving the person cared-for");
  // Every stored value is one the code list holds: nothing maps outside it.
  for (const auto& c : service_types()) EXPECT_EQ(service_type_as_stored(c.value), c.value);
}

}  // namespace
}  // namespace patchwork::planning
