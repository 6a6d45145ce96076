#include "domain/planning/national.hpp"

#include "core/text.hpp"

namespace patchwork::planning {

namespace {

struct Alias {
  std::string_view release_2;
  std::string_view stored;
};

// DHSC's release 2 spellings, as its code compares them: the Service_Type
// grouping table in Main_tables/docs/methodology/5-data-cleaning.md and the
// carer cohort of ASCOF_measures/Create_ASCOF_3D_2425_Onwards.sql ("Unpaid
// carer support: Direct to unpaid carer", "Unpaid carer support: Support
// involving the person cared-for"). The other seven release 2 values differ
// from release 1 only in case ("Long term support: Community"), which the
// code list's own matching already accepts.
constexpr Alias kRelease2[] = {
    {"Unpaid carer support: Direct to unpaid carer", "Carer Support: Direct to Carer"},
    {"Unpaid carer support: Support involving the person cared-for", "Carer Support: Support involving the person cared-for"},
};

}  // namespace

std::string service_type_as_stored(std::string_view text) {
  const auto t = to_lower(trim(text));
  for (const auto& a : kRelease2)
    if (to_lower(a.release_2) == t) return std::string(a.stored);
  return std::string(text);
}

}  // namespace patchwork::planning
