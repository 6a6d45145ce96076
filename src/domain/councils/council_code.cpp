#include "domain/councils/council_code.hpp"

#include "core/text.hpp"

namespace patchwork::councils {

std::optional<std::string> council_code_problem(std::string_view code) {
  if (code.size() != 9) return "a council code is 9 characters, like E06000014";
  for (std::size_t i = 3; i < 9; ++i)
    if (code[i] < '0' || code[i] > '9') return "a council code ends in six digits, like E06000014";
  const std::string_view kind = code.substr(0, 3);
  if (kind != "E06" && kind != "E08" && kind != "E09" && kind != "E10")
    return "a council with adult social care duties has a code starting E06 (unitary), E08 (metropolitan district), "
           "E09 (London borough) or E10 (county council)";
  return std::nullopt;
}

std::optional<std::string> council_name_problem(std::string_view name) {
  std::string trimmed = trim(name);
  if (trimmed.empty()) return "a council needs a name, like \"City of York Council\"";
  if (trimmed.size() > 120) return "a council's name must be 120 characters or fewer";
  if (auto problem = text_problem(trimmed)) return "the name " + *problem;
  if (has_line_break(trimmed)) return "the name must be on one line";
  return std::nullopt;
}

}  // namespace patchwork::councils
