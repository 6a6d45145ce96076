#include "domain/accounts/passwords.hpp"

#include <sodium.h>

#include <stdexcept>

namespace patchwork::accounts {

HashStrength HashStrength::interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}
HashStrength HashStrength::moderate() {
  return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

std::string hash_password(std::string_view password, const HashStrength& strength) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), strength.ops_limit, strength.mem_limit) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verify_password(std::string_view stored_hash, std::string_view password) {
  if (sodium_init() < 0) return false;
  std::string hash(stored_hash);  // libsodium needs a NUL-terminated string
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(std::string_view stored_hash, const HashStrength& strength) {
  std::string hash(stored_hash);
  return crypto_pwhash_str_needs_rehash(hash.c_str(), strength.ops_limit, strength.mem_limit) != 0;
}

std::string password_problem(std::string_view password) {
  if (password.size() < 10) return "Password must be at least 10 characters long";
  if (password.size() > 200) return "Password must be 200 characters or fewer";
  return {};
}

}  // namespace patchwork::accounts
