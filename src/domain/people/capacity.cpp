#include "domain/people/capacity.hpp"

namespace patchwork::people {

CapacityFinding capacity_for(std::span<const CapacityAssessment> assessments, std::string_view decision_kind,
                             CivilDate as_at) {
  const CapacityAssessment* latest = nullptr;
  for (const auto& a : assessments) {
    if (a.decision_kind != decision_kind || decision_kind == "other") continue;
    if (a.assessed_on > as_at) continue;
    if (!latest || latest->assessed_on < a.assessed_on || (latest->assessed_on == a.assessed_on && latest->id < a.id))
      latest = &a;
  }
  if (!latest) return {};
  return {latest->outcome == "lacks_capacity" ? Capacity::Lacks : Capacity::Has, *latest};
}

}  // namespace patchwork::people
