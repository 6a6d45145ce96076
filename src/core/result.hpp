#pragma once
// Expected failures (bad input, a rule that says no) are values, not exceptions.
#include <expected>
#include <string>
#include <vector>

namespace patchwork {

// One problem with one field of the input, in words a person can act on.
struct FieldError {
  std::string field;    // the name the user sees the field by (or the JSON key)
  std::string message;  // "Enter a date of birth in the past"
};

using FieldErrors = std::vector<FieldError>;

template <typename T>
using Result = std::expected<T, FieldErrors>;

inline std::unexpected<FieldErrors> fail(std::string field, std::string message) {
  return std::unexpected(FieldErrors{FieldError{std::move(field), std::move(message)}});
}

}  // namespace patchwork
