#include "services/learning_service.hpp"

#include <algorithm>

#include "io/config/ras_file.hpp"

namespace patchwork::services {

RasLearning learn_from_agreed_plans(storage::Connection& c, CouncilId council_id, const std::vector<allocation::AgreedRow>& rows) {
  RasLearning out;
  out.groups = allocation::agreed_against_indicative(rows);
  out.model_in_use = storage::active_ras_configuration(c, council_id);
  if (!out.model_in_use) {
    out.no_proposal = {{"model", "The council has no RAS model in use, so there is nothing to propose a next version of"}};
    return out;
  }
  auto current = io::parse_ras_configuration(out.model_in_use->definition, io::RasSource::Stored);
  if (!current) {
    out.no_proposal = current.error();
    return out;
  }
  // Only the plans that began from the model in use say how that model is off;
  // earlier models' plans are in the report, not in the proposal.
  std::vector<allocation::AgreedRow> under;
  std::copy_if(rows.begin(), rows.end(), std::back_inserter(under),
               [&](const allocation::AgreedRow& r) { return r.ras_version == current->version; });
  out.plans_under_model_in_use = std::int64_t(under.size());
  int highest = 0;
  for (const auto& loaded : storage::list_ras_configurations(c, council_id)) highest = std::max(highest, loaded.version);
  auto proposal = allocation::propose_model(*current, under, highest + 1);
  if (!proposal) {
    out.no_proposal = proposal.error();
    return out;
  }
  out.proposal_file = io::write_ras_configuration(proposal->model);
  out.proposal = std::move(*proposal);
  return out;
}

}  // namespace patchwork::services
