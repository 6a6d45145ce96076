#include "services/providers_service.hpp"

#include "storage/repositories/providers_repository.hpp"

namespace patchwork::services {
namespace {

// One CQC location, one entry: a second would split the people a provider
// supports between two records of the same service.
std::optional<FieldError> cqc_taken(storage::Connection& c, CouncilId council_id, const providers::Provider& p) {
  if (!p.cqc_location_id) return std::nullopt;
  auto other = storage::find_provider_by_cqc(c, council_id, *p.cqc_location_id);
  if (!other || other->id == p.id) return std::nullopt;
  return FieldError{"cqc_location_id", "The CQC location " + *p.cqc_location_id + " is already on the register as " + other->name};
}

}  // namespace

Result<ProviderId> add_provider(storage::Connection& c, CouncilId council_id, const people::Fields& fields) {
  auto p = providers::provider_from_fields(fields);
  if (!p) return std::unexpected(p.error());
  p->council_id = council_id;
  if (auto taken = cqc_taken(c, council_id, *p)) return std::unexpected(FieldErrors{*taken});
  return storage::insert_provider(c, *p);
}

Result<providers::Provider> change_provider(storage::Connection& c, CouncilId council_id, ProviderId id, const people::Fields& fields) {
  if (!storage::find_provider(c, council_id, id)) return fail("id", "There is no such provider on this council's register");
  auto p = providers::provider_from_fields(fields);
  if (!p) return std::unexpected(p.error());
  p->council_id = council_id;
  p->id = id;
  if (auto taken = cqc_taken(c, council_id, *p)) return std::unexpected(FieldErrors{*taken});
  storage::update_provider(c, *p);
  return *p;
}

}  // namespace patchwork::services
