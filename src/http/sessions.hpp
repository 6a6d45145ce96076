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
void sign_out(Context& ctx);

}  // namespace patchwork::http
