#pragma once
// Giving someone access to Patchwork from a person's record: a representative
// already recorded on it, or the person themself as budget holder. The account
// is made with no password anyone knows, and a one-time setup code (shown once,
// printable in a letter) lets them set their own (accounts/setup_codes.hpp).
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "domain/accounts/passwords.hpp"
#include "domain/accounts/user.hpp"
#include "domain/people/person.hpp"
#include "storage/db.hpp"

namespace patchwork::services {

struct GivenAccess {
  accounts::User user;
  std::string setup_code;      // shown once; only its hash is kept
  std::string expires_at;      // UTC timestamp: the end of the use_by day
  CivilDate use_by;            // the last day the code works, for the letter
  std::string for_name;        // who the account is for: "Sarah Ellis (daughter)"
  bool own_account = false;    // the person themself (budget holder)
  bool new_code = false;       // the account was there, never set up: only a new code was made
  // What they may do and why, each starting "may ..." (people::DerivedScope),
  // to be read after their name, or after "You" in a letter to them.
  std::vector<std::string> reasons;
};

// `relationship_id`: the carer or representative on the person's record the
// account is for; nothing for the person themself (a budget holder account).
// `username`: as chosen; empty takes the one proposed from their name. Usernames
// are unique nationally. When they already have an account that has never been
// set up (storage::never_set_up), a new code is made for it instead, and the
// old one stops working: so a lost or stolen letter can be replaced. Refused
// with a field error when the relationship gives no access (the derived scope),
// already has an account that is set up (withdraw it first), or the username
// is taken or badly formed.
Result<GivenAccess> give_access(storage::Connection& c, const people::Person& person, const accounts::User& by,
                                std::optional<std::int64_t> relationship_id, const std::string& username,
                                const accounts::HashStrength& strength, CivilDate today);

struct WithdrawnAccess {
  accounts::User user;
  std::string for_name;
  bool account_closed = false;  // it can no longer sign in (no other person's access is left on it)
};
// Ends the access of a representative on the person's record (`relationship_id`)
// or of the person's own account (nothing): the link ends, unused setup codes
// stop working, and an account left with nothing to do can no longer sign in
// (its sessions end). Giving access again afterwards makes a new account.
// For the audit trail: "withdrew the representative account ruth.moss (Ruth
// Moss (daughter)); unused setup codes cancelled; account closed".
std::string withdrawal_reason(const WithdrawnAccess& w);
Result<WithdrawnAccess> withdraw_access(storage::Connection& c, const people::Person& person, std::optional<std::int64_t> relationship_id);

// A free username made from a name: "Sarah Ellis (daughter)" -> "sarah.ellis",
// then "sarah.ellis2" and so on when taken anywhere in the country.
std::string propose_username(storage::Connection& c, const std::string& name);

}  // namespace patchwork::services
