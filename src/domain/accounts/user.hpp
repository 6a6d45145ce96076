#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.hpp"
#include "domain/access/policy.hpp"

namespace patchwork::accounts {

struct User {
  UserId id{};
  CouncilId council_id{};
  std::string username;
  std::string display_name;
  access::Role role = access::Role::BudgetHolder;
  std::optional<PersonId> person_id;  // set for a budget holder: the person they are
  bool active = true;
  std::string password_hash;
  std::optional<ProviderId> provider_id{};  // set for a provider account: the organisation on the register it belongs to

  access::Actor actor() const { return {id, council_id, role, person_id}; }
};

struct Council {
  CouncilId id{};
  std::string code;   // the council's LA_Code in national returns
  std::string name;
};

struct Session {
  std::string token_hash;
  CouncilId council_id{};
  UserId user_id{};
  std::string csrf_token;
  std::string created_at;
  std::string last_seen_at;
};

// Usernames: letters, digits, dots, hyphens and underscores, 3 to 64 characters,
// compared without regard to case. Returns the problem, or empty when fine.
std::string username_problem(const std::string& username);

// Why a work phone number cannot be used, or empty when it can: digits,
// spaces, brackets, + and -, at most 40 characters (empty clears it).
std::string work_phone_problem(std::string_view phone);

}  // namespace patchwork::accounts
