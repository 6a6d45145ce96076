#include "domain/statements/normalise.hpp"

namespace patchwork::statements {

std::string normalise_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool gap = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    bool separator = c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '.' || c == ',' || c == '-' ||
                     c == '_' || c == '/' || c == '*' || c == '\'' || c == '"';
    if (separator) {
      gap = !out.empty();
      continue;
    }
    if (gap) out.push_back(' ');
    gap = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : ch);
  }
  return out;
}

}  // namespace patchwork::statements

namespace patchwork::statements {

std::string line_words(std::string_view payee, std::string_view description, std::string_view reference) {
  return normalise_text(payee) + " | " + normalise_text(description) + " | " + normalise_text(reference);
}

}  // namespace patchwork::statements
