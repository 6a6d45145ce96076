#pragma once
// Adding to and changing the council's register of providers, shared by the
// administrator's pages, the API and the `patchwork provider` command. Runs in
// the caller's transaction and returns field errors as values; the caller has
// asked the policy (ManageProviders) first.
#include "core/result.hpp"
#include "domain/people/records.hpp"
#include "domain/providers/provider.hpp"
#include "storage/db.hpp"

namespace patchwork::services {

// A new provider from its fields; refused, naming the field, when one is bad
// or the CQC location is already on this council's register.
Result<ProviderId> add_provider(storage::Connection& c, CouncilId council_id, const people::Fields& fields);
// Changes provider `id` of this council to `fields`; "id" is refused when the
// council has no such provider (the caller answers 404).
Result<providers::Provider> change_provider(storage::Connection& c, CouncilId council_id, ProviderId id, const people::Fields& fields);

}  // namespace patchwork::services
