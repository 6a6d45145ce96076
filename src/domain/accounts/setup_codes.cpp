#include "domain/accounts/setup_codes.hpp"

#include <sodium.h>

#include <cctype>

#include "domain/accounts/tokens.hpp"

namespace patchwork::accounts {
namespace {

// 30 characters, none that can be mistaken for another on paper (no 0/O, 1/I/L,
// U/V): 16 of them carry 16 x log2(30), about 78 bits.
constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

}  // namespace

std::string new_setup_code() {
  std::string code;
  for (std::size_t i = 0; i < kSetupCodeLength; ++i) {
    if (i > 0 && i % 4 == 0) code += '-';
    code += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  }
  return code;
}

std::optional<std::string> normalise_setup_code(std::string_view typed) {
  std::string out;
  for (char ch : typed) {
    if (ch == ' ' || ch == '-' || ch == '\t') continue;
    char up = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (kAlphabet.find(up) == std::string_view::npos) return std::nullopt;
    out += up;
  }
  if (out.size() != kSetupCodeLength) return std::nullopt;
  return out;
}

std::string setup_code_hash(std::string_view normalised) { return token_hash(normalised); }

Clock::time_point setup_code_expiry(Clock::time_point made) {
  return std::chrono::floor<std::chrono::days>(made) + kSetupCodeLifetime + std::chrono::days(1);
}

SetupCodeState setup_code_state(Clock::time_point expires_at, bool used, Clock::time_point now) {
  if (used) return SetupCodeState::Used;
  if (now >= expires_at) return SetupCodeState::Expired;
  return SetupCodeState::Usable;
}

std::string setup_code_refusal(SetupCodeState state) {
  switch (state) {
    case SetupCodeState::Used:
      return "This setup code has already been used. If you did not use it, tell your social worker straight away: they can stop the account working";
    case SetupCodeState::Expired:
      return "This setup code has expired: codes last 14 days. Ask your social worker to give you a new code";
    default: return {};
  }
}

}  // namespace patchwork::accounts
