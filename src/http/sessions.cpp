#include "http/sessions.hpp"

#include <fmt/format.h>

#include "core/date.hpp"
#include "core/text.hpp"
#include "domain/accounts/passwords.hpp"
#include "domain/accounts/setup_codes.hpp"
#include "domain/accounts/tokens.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/people_repository.hpp"

namespace patchwork::http {
namespace {

// Sign-in and account set-up share one throttle and one count of failures (a
// guessed setup code is a guessed password): why this username and address
// are paused now, for the audit trail, or nothing when they may try.
std::optional<std::string> throttled(Context& ctx, const std::string& username) {
  const auto& limits = ctx.settings.sign_in;
  const std::string since = utc_timestamp(std::chrono::system_clock::now() - limits.window);
  auto throttle = accounts::throttle_for(storage::failures_for_username_since(ctx.db(), username, since),
                                         storage::failures_from_address_since(ctx.db(), ctx.request.remote_address, since), limits);
  if (throttle == accounts::Throttle::Open) return std::nullopt;
  return throttle == accounts::Throttle::AccountPaused ? "too many failed attempts for this username"
                                                       : "too many failed attempts from this address";
}

// Verifying against this when the username is unknown makes a wrong username
// take as long as a wrong password, so timing does not reveal who has an account.
const std::string& decoy_hash(const accounts::HashStrength& strength) {
  static const std::string hash = accounts::hash_password(accounts::new_token(), strength);
  return hash;
}

}  // namespace

SignInOutcome sign_in(Context& ctx, const std::string& raw_username, const std::string& password) {
  auto& db = ctx.db();
  const std::string username = to_lower(trim(raw_username));
  const std::string address = ctx.request.remote_address;
  const auto& limits = ctx.settings.sign_in;
  auto user = storage::find_user_by_username(db, username);
  // Refusals are recorded against the account when there is one, so that the
  // council's administrators see attempts on their people's accounts.
  auto audit_refusal = [&](const std::string& reason) {
    if (user) ctx.set_signed_in(*user, accounts::Council{user->council_id, {}, {}}, {});
    ctx.audit(audit::AuditAction::SignIn, std::nullopt, access::Outcome::Refused, reason);
    ctx.clear_signed_in();
  };
  if (auto why = throttled(ctx, username)) {
    audit_refusal(*why);
    return {SignInResult::Throttled, fmt::format("There have been too many attempts to sign in. Wait {} minutes, then try again.",
                                                 limits.window.count())};
  }

  bool ok = accounts::verify_password(user ? user->password_hash : decoy_hash(ctx.settings.hash_strength), password);
  if (!user || !ok || !user->active) {
    ctx.always_write([username, address](storage::Connection& c) { storage::record_sign_in_attempt(c, username, address, false); });
    audit_refusal(!user ? "unknown username: " + username.substr(0, 64) : (!ok ? "wrong password" : "account is disabled"));
    return {SignInResult::Refused, "Enter a correct username and password"};
  }

  if (accounts::needs_rehash(user->password_hash, ctx.settings.hash_strength))
    storage::update_password_hash(db, user->council_id, user->id, accounts::hash_password(password, ctx.settings.hash_strength));
  storage::record_sign_in_attempt(db, username, address, true);

  // A new session id at every sign-in, so an id planted before sign-in is useless.
  if (auto old = ctx.request.cookie(ctx.session_cookie_name())) storage::delete_session(db, accounts::token_hash(*old));
  std::string token = accounts::new_token();
  std::string now = utc_timestamp_now();
  accounts::Session session{accounts::token_hash(token), user->council_id, user->id, accounts::new_token(), now, now};
  storage::insert_session(db, session, address);
  auto council = storage::find_council(db, user->council_id).value_or(accounts::Council{user->council_id, {}, {}});
  ctx.set_signed_in(*user, council, session);
  ctx.cookies.push_back(set_cookie_header(ctx.session_cookie_name(), token, {ctx.cookies_secure(), true, -1}));
  ctx.audit(audit::AuditAction::SignIn, std::nullopt, access::Outcome::Allowed, "password accepted");
  return {SignInResult::SignedIn, {}};
}

SetUpOutcome set_up_account(Context& ctx, const std::string& raw_username, const std::string& typed_code, const std::string& password,
                            const std::string& confirm_password) {
  auto& db = ctx.db();
  const std::string username = to_lower(trim(raw_username));
  const std::string address = ctx.request.remote_address;
  if (username.empty()) return {SignInResult::Refused, "username", "Enter the username in your letter"};
  auto code = accounts::normalise_setup_code(typed_code);
  if (!code)
    return {SignInResult::Refused, "code", "Enter the setup code as it is printed in your letter: 16 letters and numbers, like KTWP-9FQH-3RMX-ZC7D"};
  // The password is checked before the code is, so a code is never spent on a
  // password that would be refused.
  if (auto problem = accounts::password_problem(password); !problem.empty()) return {SignInResult::Refused, "password", problem};
  if (password != confirm_password) return {SignInResult::Refused, "confirm_password", "The two passwords are not the same: type it again"};

  const auto& limits = ctx.settings.sign_in;
  auto user = storage::find_user_by_username(db, username);
  auto found = storage::find_setup_code(db, accounts::setup_code_hash(*code));
  const bool matches = user && found && found->user_id == user->id && found->council_id == user->council_id;
  std::optional<PersonId> person = matches ? std::optional<PersonId>(found->person_id) : std::nullopt;
  // A refusal for a known username is recorded against the person the account
  // is for, so it shows in that person's audit trail (someone may be trying a
  // stolen letter): the budget holder's own record, or the person represented.
  if (!person && user) {
    if (user->person_id) person = user->person_id;
    else if (auto represented = storage::represented_people(db, user->council_id, user->id); !represented.empty())
      person = represented.front().id;
  }
  auto audit_refusal = [&](const std::string& reason) {
    if (user) ctx.set_signed_in(*user, accounts::Council{user->council_id, {}, {}}, {});
    ctx.audit(audit::AuditAction::SetUpAccount, person, access::Outcome::Refused, reason);
    ctx.clear_signed_in();
  };
  if (auto why = throttled(ctx, username)) {
    audit_refusal(*why);
    return {SignInResult::Throttled, "code",
            fmt::format("There have been too many attempts. Wait {} minutes, then try again.", limits.window.count())};
  }
  auto refuse = [&](const std::string& reason, std::string message) {
    ctx.always_write([username, address](storage::Connection& c) { storage::record_sign_in_attempt(c, username, address, false); });
    audit_refusal(reason);
    return SetUpOutcome{SignInResult::Refused, "code", std::move(message)};
  };
  if (!matches || !user->active)
    return refuse(!user ? "unknown username: " + username.substr(0, 64) : "setup code not recognised for this username",
                  "This setup code is not right for that username. Check both against your letter");
  auto expires = parse_utc_timestamp(found->expires_at);
  auto state = accounts::setup_code_state(expires.value_or(std::chrono::system_clock::time_point{}), found->used_at.has_value(),
                                          std::chrono::system_clock::now());
  if (state != accounts::SetupCodeState::Usable)
    return refuse(state == accounts::SetupCodeState::Used ? "setup code already used" : "setup code expired", accounts::setup_code_refusal(state));
  // Marked used in the same statement that checks it is unused: of two
  // requests with one code, only one sets a password.
  if (!storage::use_setup_code(db, found->code_hash, utc_timestamp_now()))
    return refuse("setup code already used", accounts::setup_code_refusal(accounts::SetupCodeState::Used));
  storage::update_password_hash(db, user->council_id, user->id, accounts::hash_password(password, ctx.settings.hash_strength));
  ctx.set_signed_in(*user, accounts::Council{user->council_id, {}, {}}, {});
  ctx.audit(audit::AuditAction::SetUpAccount, person, access::Outcome::Allowed, "set their own password with a setup code");
  ctx.clear_signed_in();
  auto signed_in = sign_in(ctx, username, password);
  return {signed_in.result, signed_in.result == SignInResult::SignedIn ? "" : "code", signed_in.message};
}

void sign_out(Context& ctx) {
  if (ctx.session()) {
    storage::delete_session(ctx.db(), ctx.session()->token_hash);
    ctx.audit(audit::AuditAction::SignOut, std::nullopt, access::Outcome::Allowed, "signed out");
  }
  ctx.cookies.push_back(set_cookie_header(ctx.session_cookie_name(), "", {ctx.cookies_secure(), true, 0}));
  ctx.clear_signed_in();
}

}  // namespace patchwork::http
