#pragma once
// How a statement line's words are compared: for the fingerprint of a line
// without a bank id, for rules by payee, and for matching a payee to a plan's
// supplier. Pure and small, so the parsers (built by clang for fuzzing too)
// share it.
#include <string>
#include <string_view>

namespace patchwork::statements {

// Lower case (ASCII letters only: other UTF-8 is kept byte for byte), every
// run of spaces, tabs, line breaks and the punctuation banks pad with (. , - _
// / * ' ") made one space, trimmed. "  J. SMITH -  Wages " is "j smith wages".
// Digits are kept: "CARD 1234" and "CARD 5678" are different payees.
std::string normalise_text(std::string_view text);

}  // namespace patchwork::statements

#include <cstdint>

#include "core/date.hpp"

namespace patchwork::statements {

// The words of a line that its fingerprint and its occurrence count compare,
// after normalise_text: payee, description and reference joined by " | ".
std::string line_words(std::string_view payee, std::string_view description, std::string_view reference);

}  // namespace patchwork::statements
