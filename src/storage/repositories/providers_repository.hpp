#pragma once
// The council's register of providers. Every function takes the council and
// filters by it in the SQL: another council's provider is never found.
#include <optional>
#include <string>
#include <vector>

#include "domain/providers/provider.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

ProviderId insert_provider(Connection& c, const providers::Provider& provider);
// Changes the provider's name, kind, CQC location id and contact details;
// false when the council has no such provider.
bool update_provider(Connection& c, const providers::Provider& provider);
std::optional<providers::Provider> find_provider(Connection& c, CouncilId council_id, ProviderId id);
// The council's provider registered at this CQC location, if any.
std::optional<providers::Provider> find_provider_by_cqc(Connection& c, CouncilId council_id, const std::string& cqc_location_id);
// The whole register, by name.
std::vector<providers::Provider> list_providers(Connection& c, CouncilId council_id);
// Makes the council's account `user_id` belong to provider `id` (same council:
// the database refuses another council's provider too).
void set_user_provider(Connection& c, CouncilId council_id, UserId user_id, ProviderId id);
// How many of the council's accounts belong to this provider.
std::int64_t provider_account_count(Connection& c, CouncilId council_id, ProviderId id);

}  // namespace patchwork::storage
