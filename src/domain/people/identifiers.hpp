#pragma once
// Identifiers people give us: NHS numbers and UK postcodes.
#include <optional>
#include <string>
#include <string_view>

namespace patchwork::people {

// An NHS number is ten digits whose last is a modulus-11 check digit over the
// first nine (weights 10 down to 2). Spaces and hyphens as printed are allowed.
// Returns the ten digits, or nothing when the number is not valid.
std::optional<std::string> normalise_nhs_number(std::string_view text);

// UK postcode format: outward code (A9, A99, A9A, AA9, AA99, AA9A), a space,
// inward code (9AA). Case and spacing are forgiven. Returns "SW1A 1AA" form.
std::optional<std::string> normalise_postcode(std::string_view text);

}  // namespace patchwork::people
