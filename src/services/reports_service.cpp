#include "services/reports_service.hpp"

#include <algorithm>

#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/reports_repository.hpp"

namespace patchwork::services {

reports::Summary self_directed_support(storage::Connection& c, CivilDate on, std::optional<CouncilId> council) {
  std::vector<reports::CouncilName> names;
  if (council) {
    if (auto found = storage::find_council(c, *council)) names.push_back({found->id, found->code, found->name});
  } else {
    for (const auto& found : storage::list_councils(c)) names.push_back({found.id, found.code, found.name});
    std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
  }
  reports::Tally tally(on);
  storage::self_directed_support_groups(c, on, council, [&tally](const reports::SupportGroup& g) { tally.add(g); });
  return tally.summary(names);
}

}  // namespace patchwork::services
