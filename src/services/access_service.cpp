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
  std::optional<accounts::User> existing;
  const std::string field = relationship_id ? "relationship" : "for";
  if (relationship_id) {
    for (auto& r : storage::list_relationships(c, person.council_id, person.id))
      if (r.id == *relationship_id) rel = r;
    if (!rel) return fail("relationship", "Choose a carer or representative recorded on " + person.full_name() + "'s record");
    // What they may do is derived, as at every request: an account that could
    // do nothing would only confuse them.
    auto derived = people::representative_scope(*rel, storage::list_capacity(c, person.council_id, person.id), today, person.given_name);
    if (!derived.scope.any()) return fail("relationship", "An account would give " + rel->name + " no access: they " + derived.reasons.front());
    if (rel->user_id) existing = storage::find_user(c, person.council_id, *rel->user_id);
    user.role = access::Role::Representative;
    user.display_name = rel->name;
    given.for_name = rel->name;
    given.reasons = derived.reasons;
  } else {
    existing = storage::budget_holder_account(c, person.council_id, person.id);
    user.role = access::Role::BudgetHolder;
    user.person_id = person.id;
    user.display_name = person.full_name();
    given.for_name = person.full_name();
    given.own_account = true;
    given.reasons = {"may see their own record and fill in their self-assessment"};
  }
  std::string username = to_lower(trim(typed_username));
  if (existing) {
    // An account whose holder never set a password: a new code replaces a
    // letter that was lost or may be in the wrong hands (insert_setup_code
    // deletes the unused one). An account in use is never taken over this way.
    if (!existing->active || !storage::never_set_up(c, person.council_id, existing->id))
      return fail(field, given.for_name + " already has a Patchwork account (" + existing->username +
                             ") and has set it up. To stop it working, withdraw their access; then you can give access again");
    if (!username.empty() && username != existing->username)
      return fail("username", given.for_name + "'s account already has the username " + existing->username + ": it cannot be changed");
    user = *existing;
    given.new_code = true;
  } else {
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

std::string withdrawal_reason(const WithdrawnAccess& w) {
  return "withdrew the " + std::string(access::role_code(w.user.role)) + " account " + w.user.username + " (" + w.for_name +
         "); unused setup codes cancelled" + (w.account_closed ? "; account closed" : "; the account still represents someone else");
}

Result<WithdrawnAccess> withdraw_access(storage::Connection& c, const people::Person& person, std::optional<std::int64_t> relationship_id) {
  WithdrawnAccess out;
  if (relationship_id) {
    std::optional<people::Relationship> rel;
    for (auto& r : storage::list_relationships(c, person.council_id, person.id))
      if (r.id == *relationship_id) rel = r;
    if (!rel) return fail("relationship", "Choose a carer or representative recorded on " + person.full_name() + "'s record");
    auto user = rel->user_id ? storage::find_user(c, person.council_id, *rel->user_id) : std::nullopt;
    if (!user) return fail("relationship", rel->name + " has no Patchwork account to withdraw");
    storage::clear_relationship_account(c, person.council_id, person.id, rel->id);
    const auto links_left = storage::unlink_representative(c, person.council_id, person.id, user->id);
    // A code opens the whole account, whichever record it was given from: one
    // that may be in the wrong hands stops working now.
    storage::cancel_unused_setup_codes(c, person.council_id, user->id);
    // An account that represents no one else would only be a way in to nothing:
    // it is closed, and anyone signed in with it is signed out.
    if (links_left == 0) {
      storage::deactivate_user(c, person.council_id, user->id);
      out.account_closed = true;
    }
    out.user = *user;
    out.for_name = rel->name;
  } else {
    auto user = storage::budget_holder_account(c, person.council_id, person.id);
    if (!user) return fail("for", person.full_name() + " has no Patchwork account of their own to withdraw");
    storage::cancel_unused_setup_codes(c, person.council_id, user->id);
    // Kept (inactive), not deleted: the audit trail names it.
    storage::deactivate_user(c, person.council_id, user->id);
    out.user = *user;
    out.for_name = person.full_name();
    out.account_closed = true;
  }
  return out;
}

}  // namespace patchwork::services
