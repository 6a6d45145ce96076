#include "services/agreed_plan_rows.hpp"

#include <map>

#include "core/date.hpp"
#include "domain/people/age.hpp"
#include "storage/repositories/assessment_repository.hpp"
#include "storage/repositories/carers_repository.hpp"
#include "storage/repositories/characteristics_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/plans_repository.hpp"

namespace patchwork::services {

std::vector<allocation::AgreedRow> agreed_plan_rows(storage::Connection& c, CouncilId council_id) {
  std::vector<allocation::AgreedRow> out;
  std::map<std::int64_t, int> model_versions;  // RAS configuration id -> version, read once each
  for (const auto& plan : storage::agreed_plans_in_force(c, council_id, CivilDate::today_utc())) {
    if (!plan.indicative_allocation_id) continue;
    auto person = storage::find_person(c, council_id, plan.person_id);
    if (!person) continue;
    std::optional<assessment::AllocationRecord> allocation;
    for (auto& a : storage::list_allocations(c, council_id, plan.person_id))
      if (a.id == *plan.indicative_allocation_id) { allocation = std::move(a); break; }
    if (!allocation) continue;
    auto version = model_versions.find(allocation->ras_configuration_id);
    if (version == model_versions.end()) {
      auto model = storage::find_ras_configuration(c, council_id, allocation->ras_configuration_id);
      if (!model) continue;
      version = model_versions.emplace(allocation->ras_configuration_id, model->version).first;
    }
    allocation::AgreedRow row;
    row.ras_version = version->second;
    row.points = allocation->total_points;
    row.indicative_weekly = allocation->weekly;
    row.agreed_weekly = plan.weekly_cost;
    // As they held when the plan took effect: a plan agreed while dementia was
    // only suspected counts as one for a person with suspected dementia, as the
    // council's other figures do (domain/people/characteristics.hpp).
    row.age_band = people::age_band_on(person->date_of_birth, plan.effective_from);
    auto held = storage::characteristics_as_at(c, council_id, plan.person_id, plan.effective_from);
    if (!held && allocation->characteristics) held = allocation->characteristics;
    row.dementia = held ? held->dementia : std::string("Not known");
    row.has_carer = !storage::list_carers(c, council_id, plan.person_id).empty();
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace patchwork::services
