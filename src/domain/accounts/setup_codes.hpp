#pragma once
// One-time setup codes: how someone given access from a person's record (a
// representative, or the person as budget holder) sets their own password. The
// social worker never knows the password; the code is shown once, printed in a
// letter, and then only its hash is kept.
//
// A code is 16 characters from a 30-character alphabet with no look-alikes (no
// 0/O, 1/I/L, U): about 78 random bits, written in four groups (KTWP-9FQH-3RMX-ZC7D) so an
// 82-year-old or her daughter can copy it from paper. With sign-in throttling
// (5 failures per username in 15 minutes) it cannot be guessed. It expires 14
// days after it is made (at the end of that day), and works once.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace patchwork::accounts {

inline constexpr std::chrono::days kSetupCodeLifetime{14};
inline constexpr std::size_t kSetupCodeLength = 16;

// A new code, grouped for reading: "KTWP-9FQH-3RMX-ZC7D".
std::string new_setup_code();
// The code as typed, without spaces or hyphens and in capitals; nothing when it
// cannot be a code (wrong length, or a character not in the alphabet).
std::optional<std::string> normalise_setup_code(std::string_view typed);
// What is stored: the hash of the normalised code.
std::string setup_code_hash(std::string_view normalised);

enum class SetupCodeState { Usable, Expired, Used };
using Clock = std::chrono::system_clock;
// When a code made at `made` stops working: the end (UTC) of the 14th day after
// the day it was made, so the letter's "use it by" date is true all that day.
Clock::time_point setup_code_expiry(Clock::time_point made);
SetupCodeState setup_code_state(Clock::time_point expires_at, bool used, Clock::time_point now);
// The refusal, in plain words, for a code that is not usable.
std::string setup_code_refusal(SetupCodeState state);

}  // namespace patchwork::accounts
