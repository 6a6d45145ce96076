#pragma once
// Adding an account to a council: the username free across the whole database
// (usernames are unique nationally: docs/architecture.md), a budget holder's
// person in the same council, a provider account's provider on the same council's register.
#include "core/result.hpp"
#include "domain/accounts/user.hpp"
#include "storage/db.hpp"

namespace patchwork::services {

// `user` carries its council, username (already checked for shape), role,
// display name, person (for a budget holder), provider (for a provider account) and password hash.
Result<UserId> add_account(storage::Connection& c, accounts::User user);

}  // namespace patchwork::services
