#pragma once
// Rules for sign-in: throttling and session lifetimes, kept apart from storage so
// they can be tested as plain arithmetic.
#include <chrono>

namespace patchwork::accounts {

struct SignInLimits {
  int failures_per_account = 5;     // within the window, for one username
  int failures_per_address = 20;    // within the window, from one network address
  std::chrono::minutes window{15};
};

enum class Throttle { Open, AccountPaused, AddressPaused };

// Counts are failed attempts inside the window, before this attempt.
Throttle throttle_for(int recent_account_failures, int recent_address_failures, const SignInLimits& limits);

struct SessionLimits {
  std::chrono::minutes idle{30};
  std::chrono::hours absolute{12};
};

using Clock = std::chrono::system_clock;
bool session_expired(Clock::time_point created, Clock::time_point last_seen, Clock::time_point now, const SessionLimits& limits);

}  // namespace patchwork::accounts
