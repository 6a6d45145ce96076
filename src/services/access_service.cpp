#include "services/access_service.hpp"

#include <cctype>

#include "core/text.hpp"
#include "domain/accounts/setup_codes.hpp"
#include "domain/accounts/tokens.hpp"
#include "domain/people/representation.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/person_records_repository.hpp"

namespace patchwork::services {

std::string propose_username(storage::Connection& c, const std::string& name) {
  // Letters and digits of the name before any bracket, words joined by dots.
  std::string base;
  bool gap = false;
  for (char ch : name) {
    if (ch == '(') break;
    unsigned char u = static_cast<unsigned char>(ch);
    if (std::isalnum(u)) {
      if (gap && !base.empty()) base += '.';
      base += static_cast<char>(std::tolower(u));
      gap = false;
    } else {
      gap = true;
    }
  }
  if (base.size() < 3) base = "patchwork." + base;
  if (base.size() > 56) base.resize(56);
  if (!storage::find_user_by_username(c, base)) return base;
  for (int n = 2; n < 1000; ++n) {
    std::string candidate = base + std::to_string(n);
    if (!storage::find_user_by_username(c, candidate)) return candidate;
  }
  return base + "." + random_hex(3);
}

Result<GivenAccess> give_access(storage::Connection& c, const people::Person& person, const accounts::User& by,
                                std::optional<std::int64_t> relationship_id, const std::string& typed_username,
                                const accounts::HashStrength& strength, CivilDate today) {
  accounts::User user;
  user.council_id = person.council_id;
  GivenAccess given;
  std::optional<people::Relationship> rel;
  if (relationship_id) {
    for (auto& r : storage::list_relationships(c, person.council_id, person.id))
      if (r.id == *relationship_id) rel = r;
    if (!rel) return fail("relationship", "Choose a carer or representative recorded on " + person.full_name() + "'s record");
    if (rel->user_id) return fail("relationship", rel->name + " already has a Patchwork account");
    // What they may do is derived, as at every request: an account that could
    // do nothing would only confuse them.
    auto derived = people::representative_scope(*rel, storage::list_capacity(c, person.council_id, person.id), today, person.given_name);
    if (!derived.scope.any()) return fail("relationship", "An account would give " + rel->name + " no access: they " + derived.reasons.front());
    user.role = access::Role::Representative;
    user.display_name = rel->name;
    given.for_name = rel->name;
    given.reasons = derived.reasons;
  } else {
    if (auto existing = storage::budget_holder_of(c, person.council_id, person.id))
      return fail("relationship", person.full_name() + " already has a Patchwork account (" + *existing + ")");
    user.role = access::Role::BudgetHolder;
    user.person_id = person.id;
    user.display_name = person.full_name();
    given.for_name = person.full_name();
    given.own_account = true;
    given.reasons = {"may see their own record and fill in their self-assessment"};
  }
  std::string username = to_lower(trim(typed_username));
  if (username.empty()) username = propose_username(c, given.for_name);
  if (auto problem = accounts::username_problem(username); !problem.empty()) return fail("username", problem);
  // Usernames are unique across every council (docs/architecture.md).
  if (storage::find_user_by_username(c, username)) return fail("username", "The username " + username + " is already taken: choose another");
  user.username = username;
  // No one knows this password: the account can be used only once its holder
  // sets their own with the setup code.
  user.password_hash = accounts::hash_password(accounts::new_token(), strength);
  user.id = storage::insert_user(c, user);
  if (rel) {
    storage::set_relationship_account(c, person.council_id, person.id, rel->id, user.id);
    storage::link_representative(c, *rel, user.id);
  }
  const auto now = std::chrono::system_clock::now();
  given.setup_code = accounts::new_setup_code();
  const auto expires = accounts::setup_code_expiry(now);
  given.expires_at = utc_timestamp(expires);
  given.use_by = CivilDate(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(expires) - std::chrono::days(1)));
  storage::insert_setup_code(c, {accounts::setup_code_hash(*accounts::normalise_setup_code(given.setup_code)), person.council_id, user.id,
                                 person.id, by.id, utc_timestamp(now), given.expires_at, std::nullopt});
  given.user = user;
  return given;
}

}  // namespace patchwork::services
