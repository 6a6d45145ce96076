#include "storage/repositories/accounts_repository.hpp"

#include "core/date.hpp"

namespace patchwork::storage {
namespace {

constexpr Statement kFindCouncil{"find_council", "SELECT id, code, name FROM councils WHERE id = $1"};
constexpr Statement kFindCouncilByCode{"find_council_by_code", "SELECT id, code, name FROM councils WHERE code = $1"};
constexpr Statement kListCouncils{"list_councils", "SELECT id, code, name FROM councils ORDER BY name"};
constexpr Statement kInsertCouncil{"insert_council",
    "INSERT INTO councils (code, name, created_at) VALUES ($1, $2, $3) RETURNING id"};

#define PW_USER_COLUMNS "id, council_id, username, display_name, role, person_id, active, password_hash, provider_id"
constexpr Statement kFindUser{"find_user", "SELECT " PW_USER_COLUMNS " FROM users WHERE council_id = $1 AND id = $2"};
// Nationally, for sign-in and for keeping usernames unique (docs/architecture.md).
constexpr Statement kFindUserByUsername{"find_user_by_username", "SELECT " PW_USER_COLUMNS " FROM users WHERE username = $1"};
constexpr Statement kFindCouncilUserByUsername{"find_council_user_by_username",
    "SELECT " PW_USER_COLUMNS " FROM users WHERE council_id = $1 AND username = $2"};
constexpr Statement kListUsers{"list_users",
    "SELECT " PW_USER_COLUMNS " FROM users WHERE council_id = $1 ORDER BY display_name, username"};
#undef PW_USER_COLUMNS
constexpr Statement kInsertUser{"insert_user",
    "INSERT INTO users (council_id, username, display_name, role, password_hash, person_id, active, created_at, provider_id) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"};
constexpr Statement kWorkPhone{"work_phone", "SELECT work_phone FROM users WHERE council_id = $1 AND id = $2"};
constexpr Statement kSetWorkPhone{"set_work_phone", "UPDATE users SET work_phone = $3 WHERE council_id = $1 AND id = $2"};
constexpr Statement kStandardInformation{"standard_information", "SELECT standard_information FROM councils WHERE id = $1"};
constexpr Statement kSetStandardInformation{"set_standard_information", "UPDATE councils SET standard_information = $2 WHERE id = $1"};
constexpr Statement kUpdatePasswordHash{"update_password_hash", "UPDATE users SET password_hash = $3 WHERE council_id = $1 AND id = $2"};

constexpr Statement kInsertSession{"insert_session",
    "INSERT INTO sessions (token_hash, council_id, user_id, csrf_token, created_at, last_seen_at, address) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr Statement kFindSignedIn{"find_signed_in",
    "SELECT u.id, u.council_id, u.username, u.display_name, u.role, u.person_id, u.active, u.password_hash, u.provider_id, "
    "s.token_hash, s.council_id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, c.id, c.code, c.name "
    "FROM sessions s JOIN users u ON u.id = s.user_id JOIN councils c ON c.id = u.council_id WHERE s.token_hash = $1"};
constexpr Statement kTouchSession{"touch_session", "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1"};
constexpr Statement kDeleteSession{"delete_session", "DELETE FROM sessions WHERE token_hash = $1"};

constexpr Statement kRecordAttempt{"record_sign_in_attempt",
    "INSERT INTO sign_in_attempts (username, address, attempted_at, succeeded) VALUES ($1, $2, $3, $4)"};
constexpr Statement kFailuresForUsername{"failures_for_username",
    "SELECT count(*) FROM sign_in_attempts WHERE username = $1 AND attempted_at >= $2 AND succeeded = 0"};
constexpr Statement kFailuresFromAddress{"failures_from_address",
    "SELECT count(*) FROM sign_in_attempts WHERE address = $1 AND attempted_at >= $2 AND succeeded = 0"};
constexpr Statement kBudgetHolderOf{"budget_holder_of",
    "SELECT id, council_id, username, display_name, role, person_id, active, password_hash, provider_id FROM users "
    "WHERE council_id = $1 AND person_id = $2 AND role = 'budget_holder' AND active = 1 ORDER BY id"};
constexpr Statement kDeactivateUser{"deactivate_user", "UPDATE users SET active = 0 WHERE council_id = $1 AND id = $2"};
constexpr Statement kDeleteUserSessions{"delete_user_sessions", "DELETE FROM sessions WHERE council_id = $1 AND user_id = $2"};
constexpr Statement kSetupCodeUse{"setup_code_use",
    "SELECT count(*), count(used_at) FROM account_setup_codes WHERE council_id = $1 AND user_id = $2"};
constexpr Statement kDeleteUnusedSetupCodes{"delete_unused_setup_codes",
    "DELETE FROM account_setup_codes WHERE council_id = $1 AND user_id = $2 AND used_at IS NULL"};
constexpr Statement kInsertSetupCode{"insert_setup_code",
    "INSERT INTO account_setup_codes (code_hash, council_id, user_id, person_id, created_by, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)"};
constexpr Statement kFindSetupCode{"find_setup_code",
    "SELECT code_hash, council_id, user_id, person_id, expires_at, used_at FROM account_setup_codes WHERE code_hash = $1"};
// Only an unused code is marked: of two requests with one code, one wins.
constexpr Statement kUseSetupCode{"use_setup_code",
    "UPDATE account_setup_codes SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL RETURNING user_id"};

accounts::Council council_from(const Row& r) { return {r.id<CouncilId>(0), r.text(1), r.text(2)}; }

accounts::User user_from(const Row& r) {
  accounts::User u;
  u.id = r.id<UserId>(0);
  u.council_id = r.id<CouncilId>(1);
  u.username = r.text(2);
  u.display_name = r.text(3);
  // A role unknown to this build (written by a newer Patchwork) gets the least access.
  u.role = access::role_from_code(r.text(4)).value_or(access::Role::BudgetHolder);
  u.person_id = r.opt_id<PersonId>(5);
  u.active = r.int64(6) != 0;
  u.password_hash = r.text(7);
  u.provider_id = r.opt_id<ProviderId>(8);
  return u;
}

template <typename T, typename F>
std::optional<T> first(const Rows& rows, F from) {
  if (rows.empty()) return std::nullopt;
  return from(rows.front());
}

}  // namespace

std::optional<accounts::Council> find_council(Connection& c, CouncilId id) {
  return first<accounts::Council>(c.query(kFindCouncil, {id}), council_from);
}
std::optional<accounts::Council> find_council_by_code(Connection& c, const std::string& code) {
  return first<accounts::Council>(c.query(kFindCouncilByCode, {code}), council_from);
}
CouncilId insert_council(Connection& c, const std::string& code, const std::string& name) {
  return c.query(kInsertCouncil, {code, name, utc_timestamp_now()}).at(0).id<CouncilId>(0);
}
std::vector<accounts::Council> list_councils(Connection& c) {
  std::vector<accounts::Council> out;
  for (const auto& r : c.query(kListCouncils)) out.push_back(council_from(r));
  return out;
}

std::optional<accounts::User> find_user(Connection& c, CouncilId council_id, UserId id) {
  return first<accounts::User>(c.query(kFindUser, {council_id, id}), user_from);
}
std::optional<accounts::User> find_user_by_username(Connection& c, const std::string& username) {
  return first<accounts::User>(c.query(kFindUserByUsername, {username}), user_from);
}
std::optional<accounts::User> find_user_by_username(Connection& c, CouncilId council_id, const std::string& username) {
  return first<accounts::User>(c.query(kFindCouncilUserByUsername, {council_id, username}), user_from);
}
UserId insert_user(Connection& c, const accounts::User& u) {
  return c.query(kInsertUser, {u.council_id, u.username, u.display_name, std::string(access::role_code(u.role)),
                               u.password_hash, opt(u.person_id), std::int64_t(u.active ? 1 : 0), utc_timestamp_now(),
                               opt(u.provider_id)})
      .at(0).id<UserId>(0);
}
std::string work_phone(Connection& c, CouncilId council_id, UserId user_id) {
  auto rows = c.query(kWorkPhone, {council_id, user_id});
  return rows.empty() ? std::string() : rows.at(0).text(0);
}
void set_work_phone(Connection& c, CouncilId council_id, UserId user_id, const std::string& phone) {
  c.execute(kSetWorkPhone, {council_id, user_id, phone});
}
std::string standard_information(Connection& c, CouncilId council_id) {
  auto rows = c.query(kStandardInformation, {council_id});
  return rows.empty() ? std::string() : rows.at(0).text(0);
}
void set_standard_information(Connection& c, CouncilId council_id, const std::string& text) {
  c.execute(kSetStandardInformation, {council_id, text});
}
void update_password_hash(Connection& c, CouncilId council_id, UserId user_id, const std::string& hash) {
  c.execute(kUpdatePasswordHash, {council_id, user_id, hash});
}
std::vector<accounts::User> list_users(Connection& c, CouncilId council_id) {
  std::vector<accounts::User> out;
  for (const auto& r : c.query(kListUsers, {council_id})) out.push_back(user_from(r));
  return out;
}

void insert_session(Connection& c, const accounts::Session& s, const std::string& address) {
  c.execute(kInsertSession, {s.token_hash, s.council_id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, address});
}
std::optional<SignedIn> find_signed_in(Connection& c, const std::string& token_hash) {
  Rows rows = c.query(kFindSignedIn, {token_hash});
  if (rows.empty()) return std::nullopt;
  const Row& r = rows.front();
  return SignedIn{{r.text(9), r.id<CouncilId>(10), r.id<UserId>(11), r.text(12), r.text(13), r.text(14)},
                  user_from(r),
                  {r.id<CouncilId>(15), r.text(16), r.text(17)}};
}

void touch_session(Connection& c, const std::string& token_hash, const std::string& now) {
  c.execute(kTouchSession, {token_hash, now});
}
void delete_session(Connection& c, const std::string& token_hash) { c.execute(kDeleteSession, {token_hash}); }

void record_sign_in_attempt(Connection& c, const std::string& username, const std::string& address, bool succeeded) {
  c.execute(kRecordAttempt, {username, address, utc_timestamp_now(), std::int64_t(succeeded ? 1 : 0)});
}
int failures_for_username_since(Connection& c, const std::string& username, const std::string& since) {
  return int(c.query(kFailuresForUsername, {username, since}).at(0).int64(0));
}
int failures_from_address_since(Connection& c, const std::string& address, const std::string& since) {
  return int(c.query(kFailuresFromAddress, {address, since}).at(0).int64(0));
}

}  // namespace patchwork::storage

namespace patchwork::storage {

std::optional<accounts::User> budget_holder_account(Connection& c, CouncilId council_id, PersonId person_id) {
  return first<accounts::User>(c.query(kBudgetHolderOf, {council_id, person_id}), user_from);
}
std::optional<std::string> budget_holder_of(Connection& c, CouncilId council_id, PersonId person_id) {
  auto user = budget_holder_account(c, council_id, person_id);
  return user ? std::optional(user->username) : std::nullopt;
}
void deactivate_user(Connection& c, CouncilId council_id, UserId user_id) {
  c.execute(kDeactivateUser, {council_id, user_id});
  c.execute(kDeleteUserSessions, {council_id, user_id});
}

void insert_setup_code(Connection& c, const SetupCode& code) {
  // A new code replaces any earlier one not yet used: only the latest letter works.
  c.execute(kDeleteUnusedSetupCodes, {code.council_id, code.user_id});
  c.execute(kInsertSetupCode, {code.code_hash, code.council_id, code.user_id, code.person_id, code.created_by, code.created_at,
                               code.expires_at});
}

std::optional<SetupCode> find_setup_code(Connection& c, const std::string& code_hash) {
  Rows rows = c.query(kFindSetupCode, {code_hash});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  SetupCode s;
  s.code_hash = r.text(0);
  s.council_id = r.id<CouncilId>(1);
  s.user_id = r.id<UserId>(2);
  s.person_id = r.id<PersonId>(3);
  s.expires_at = r.text(4);
  s.used_at = r.opt_text(5);
  return s;
}

bool use_setup_code(Connection& c, const std::string& code_hash, const std::string& now) {
  return !c.query(kUseSetupCode, {code_hash, now}).empty();
}

bool never_set_up(Connection& c, CouncilId council_id, UserId user_id) {
  const auto row = c.query(kSetupCodeUse, {council_id, user_id}).at(0);
  return row.int64(0) > 0 && row.int64(1) == 0;
}

void cancel_unused_setup_codes(Connection& c, CouncilId council_id, UserId user_id) {
  c.execute(kDeleteUnusedSetupCodes, {council_id, user_id});
}

}  // namespace patchwork::storage
