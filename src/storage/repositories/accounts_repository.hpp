#pragma once
// Councils, users, sessions and sign-in attempts.
#include <optional>
#include <string>
#include <vector>

#include "domain/accounts/user.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

std::optional<accounts::Council> find_council(Connection& c, CouncilId id);
std::optional<accounts::Council> find_council_by_code(Connection& c, const std::string& code);
CouncilId insert_council(Connection& c, const std::string& code, const std::string& name);
std::vector<accounts::Council> list_councils(Connection& c);

// The council's account with this id; another council's is never found.
std::optional<accounts::User> find_user(Connection& c, CouncilId council_id, UserId id);
// Across every council: for sign-in and for keeping usernames unique.
std::optional<accounts::User> find_user_by_username(Connection& c, const std::string& username);
// Within one council: for every other use.
std::optional<accounts::User> find_user_by_username(Connection& c, CouncilId council_id, const std::string& username);
UserId insert_user(Connection& c, const accounts::User& user);
// The phone number a worker gives people (shown in decision letters); empty when none is recorded.
std::string work_phone(Connection& c, CouncilId council_id, UserId user_id);
void set_work_phone(Connection& c, CouncilId council_id, UserId user_id, const std::string& phone);
// The council's standard information and advice for not-eligible letters; empty means the default.
std::string standard_information(Connection& c, CouncilId council_id);
void set_standard_information(Connection& c, CouncilId council_id, const std::string& text);
void update_password_hash(Connection& c, CouncilId council_id, UserId user_id, const std::string& hash);
std::vector<accounts::User> list_users(Connection& c, CouncilId council_id);

void insert_session(Connection& c, const accounts::Session& session, const std::string& address);
// The session with its user and council, in one round trip: asked on every request.
struct SignedIn {
  accounts::Session session;
  accounts::User user;
  accounts::Council council;
};
std::optional<SignedIn> find_signed_in(Connection& c, const std::string& token_hash);
void touch_session(Connection& c, const std::string& token_hash, const std::string& now);
void delete_session(Connection& c, const std::string& token_hash);

void record_sign_in_attempt(Connection& c, const std::string& username, const std::string& address, bool succeeded);
int failures_for_username_since(Connection& c, const std::string& username, const std::string& since);
int failures_from_address_since(Connection& c, const std::string& address, const std::string& since);

// The username of the person's own (budget holder) account, if they have one
// in use: a withdrawn (inactive) one does not count.
std::optional<std::string> budget_holder_of(Connection& c, CouncilId council_id, PersonId person_id);
std::optional<accounts::User> budget_holder_account(Connection& c, CouncilId council_id, PersonId person_id);
// Ends an account's use: it cannot sign in, and its sessions end now.
void deactivate_user(Connection& c, CouncilId council_id, UserId user_id);

// One-time setup codes (accounts/setup_codes.hpp): only the hash is stored.
struct SetupCode {
  std::string code_hash;
  CouncilId council_id{};
  UserId user_id{};
  PersonId person_id{};              // the person from whose record access was given
  UserId created_by{};
  std::string created_at;
  std::string expires_at;            // UTC timestamp
  std::optional<std::string> used_at;
};
void insert_setup_code(Connection& c, const SetupCode& code);
std::optional<SetupCode> find_setup_code(Connection& c, const std::string& code_hash);
// Marks the code used; false when it already was (so it is never used twice).
bool use_setup_code(Connection& c, const std::string& code_hash, const std::string& now);
// True when the account was given with a setup code and none of its codes has
// been used: its holder has never set a password (an account made any other
// way has a password someone chose, so it is not).
bool never_set_up(Connection& c, CouncilId council_id, UserId user_id);
// Deletes the account's codes not yet used, so none of them works any more.
void cancel_unused_setup_codes(Connection& c, CouncilId council_id, UserId user_id);

}  // namespace patchwork::storage
