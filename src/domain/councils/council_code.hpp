#pragma once
// A council is known nationally by its ONS/GSS code, which every national return
// (client-level data's LA_Code) carries. Only four kinds of English council have
// adult social care duties: unitary authorities (E06), metropolitan districts
// (E08), London boroughs (E09) and county councils (E10).
#include <optional>
#include <string>
#include <string_view>

namespace patchwork::councils {

// What is wrong with a code, in words for the person typing it; nothing when it
// is E06, E08, E09 or E10 followed by six digits.
std::optional<std::string> council_code_problem(std::string_view code);

// A council's name: 1 to 120 characters of text.
std::optional<std::string> council_name_problem(std::string_view name);

}  // namespace patchwork::councils
