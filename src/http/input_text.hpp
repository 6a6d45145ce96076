#pragma once
// One check, before any handler runs, on every piece of text a request sends to
// be stored: each form field and each string (and member name) of a JSON body.
// Text with NUL or other control characters, or that is not UTF-8, is refused
// with the field named, so neither back end ever sees it and both answer alike.
#include <optional>

#include "core/result.hpp"
#include "http/message.hpp"

namespace patchwork::http {

// The first unacceptable field of the request's body, or nothing. A JSON body
// that does not parse is left to its handler, which says so in its own words.
std::optional<FieldError> unacceptable_text(const Request& request);

}  // namespace patchwork::http
