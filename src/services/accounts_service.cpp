#include "services/accounts_service.hpp"

#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/providers_repository.hpp"

namespace patchwork::services {

Result<UserId> add_account(storage::Connection& c, accounts::User user) {
  if (storage::find_user_by_username(c, user.username)) return fail("username", "the username " + user.username + " is already taken");
  if ((user.role == access::Role::BudgetHolder) != user.person_id.has_value())
    return fail("person_id", user.role == access::Role::BudgetHolder ? "a budget holder account needs the person it belongs to"
                                                                     : "only a budget holder account belongs to a person");
  if (user.person_id && !storage::find_person(c, user.council_id, *user.person_id))
    return fail("person_id", "there is no person " + user.person_id->text() + " in that council");
  // A provider account belongs to one organisation on the register of its own
  // council (the database holds the same rule), and no other account does.
  if ((user.role == access::Role::Provider) != user.provider_id.has_value())
    return fail("provider_id", user.role == access::Role::Provider ? "a provider account needs the provider it belongs to"
                                                                   : "only a provider account belongs to a provider");
  if (user.provider_id && !storage::find_provider(c, user.council_id, *user.provider_id))
    return fail("provider_id", "there is no provider " + user.provider_id->text() + " on that council's register");
  if (user.display_name.empty()) user.display_name = user.username;
  return storage::insert_user(c, user);
}

}  // namespace patchwork::services
