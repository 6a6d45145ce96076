#pragma once
// Where to send someone after they sign in. The address comes from the request
// (a hidden form field, a query parameter), so it is hostile until shown
// otherwise: only a path of this site that a page answers at is ever followed.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace patchwork::http {

// `next` when it is a path of this site for which `page_exists` says a page is
// served, otherwise nothing. A path must begin with a single "/", hold only
// printable ASCII (no spaces, no control characters, so no CR or LF), no
// backslash, no scheme and no "//" anywhere, and be at most 2,000 characters.
std::optional<std::string> local_return_path(std::string_view next,
                                             const std::function<bool(std::string_view decoded_path)>& page_exists);

}  // namespace patchwork::http
