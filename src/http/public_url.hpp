#pragma once
// The address people use to reach this Patchwork (`serve --public-url`), for
// links printed on paper (the setup letter). It is given by the council, never
// taken from a request's Host header, which the sender chooses.
#include <expected>
#include <string>
#include <string_view>

namespace patchwork::http {

// "https://patchwork.example.gov.uk/" -> "https://patchwork.example.gov.uk";
// refused, with why, unless it is an absolute http or https URL with a host and
// no user name or password, query or fragment.
std::expected<std::string, std::string> parse_public_url(std::string_view text);

}  // namespace patchwork::http
