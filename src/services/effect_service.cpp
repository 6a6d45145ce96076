#include "services/effect_service.hpp"

#include "storage/repositories/people_repository.hpp"

namespace patchwork::services {

std::optional<Effect> effect_of(storage::Connection& c, CouncilId council_id, std::int64_t configuration_id, CivilDate today,
                                std::size_t named) {
  auto run = storage::latest_recalibration(c, council_id, configuration_id);
  if (!run) return std::nullopt;
  Effect e;
  e.run = *run;
  // Read first, then look people up: PostgreSQL cannot take new statements on
  // a connection while it is still streaming a result.
  std::vector<allocation::EffectRow> rows;
  storage::for_each_effect_row(c, council_id, run->id, [&rows](const allocation::EffectRow& r) { rows.push_back(r); });
  e.groups = allocation::group_effect(rows, today);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i >= named) { e.not_listed = std::int64_t(rows.size() - named); break; }
    if (auto p = storage::find_person(c, council_id, rows[i].person_id)) e.first.emplace_back(rows[i], std::move(*p));
  }
  return e;
}

}  // namespace patchwork::services
