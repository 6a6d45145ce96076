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

std::string work_phone_problem(std::string_view phone) {
  if (phone.size() > 40) return "a work phone number must be 40 characters or fewer";
  if (phone.find_first_not_of("0123456789 +()-") != std::string_view::npos)
    return "a work phone number holds only digits, spaces, brackets, + and -";
  return "";
}

}  // namespace patchwork::accounts
