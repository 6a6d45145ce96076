#include "domain/accounts/sign_in_rules.hpp"

namespace patchwork::accounts {

Throttle throttle_for(int recent_account_failures, int recent_address_failures, const SignInLimits& limits) {
  if (recent_account_failures >= limits.failures_per_account) return Throttle::AccountPaused;
  if (recent_address_failures >= limits.failures_per_address) return Throttle::AddressPaused;
  return Throttle::Open;
}

bool session_expired(Clock::time_point created, Clock::time_point last_seen, Clock::time_point now, const SessionLimits& limits) {
  return now - last_seen > limits.idle || now - created > limits.absolute;
}

}  // namespace patchwork::accounts
