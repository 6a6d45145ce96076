#pragma once
// Signing in and out, shared by the sign-in page and POST /api/v1/sessions.
#include <string>

#include "http/context.hpp"

namespace patchwork::http {

enum class SignInResult { SignedIn, Refused, Throttled };

struct SignInOutcome {
  SignInResult result;
  // Never says which of username or password was wrong.
  std::string message;
};

SignInOutcome sign_in(Context& ctx, const std::string& username, const std::string& password);

// Setting one's own password with a one-time setup code (accounts/setup_codes.hpp),
// then signed in. Throttled and counted with sign-in's failures, so a code
// cannot be guessed; an expired, used or wrong code is refused in plain words.
// `field` names what was wrong: username, code, password or confirm_password.
struct SetUpOutcome {
  SignInResult result;
  std::string field;
  std::string message;
};
SetUpOutcome set_up_account(Context& ctx, const std::string& username, const std::string& code, const std::string& password,
                            const std::string& confirm_password);
void sign_out(Context& ctx);

}  // namespace patchwork::http
