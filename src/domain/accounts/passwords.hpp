#pragma once
// Argon2id password hashes through libsodium. Hashing is deliberately slow, so it
// runs on the worker pool, never on the thread that does network I/O.
#include <string>
#include <string_view>

namespace patchwork::accounts {

// The cost of a hash. "interactive" suits sign-in on a small server; "moderate"
// is stronger and slower. Changing it makes old hashes rehash at next sign-in.
struct HashStrength {
  unsigned long long ops_limit;
  std::size_t mem_limit;
  static HashStrength interactive();
  static HashStrength moderate();
};

std::string hash_password(std::string_view password, const HashStrength& strength);
bool verify_password(std::string_view stored_hash, std::string_view password);
bool needs_rehash(std::string_view stored_hash, const HashStrength& strength);

// A password must be long enough to resist guessing; length beats complexity rules.
// Returns an empty string when acceptable, or the reason when not.
std::string password_problem(std::string_view password);

}  // namespace patchwork::accounts
