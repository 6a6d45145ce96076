#include "domain/accounts/user.hpp"

namespace patchwork::accounts {

std::string username_problem(const std::string& username) {
  if (username.size() < 3 || username.size() > 64) return "Username must be between 3 and 64 characters";
  for (char c : username) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    if (!ok) return "Username can only contain lower-case letters, numbers, dots, hyphens and underscores";
  }
  return {};
}

}  // namespace patchwork::accounts
