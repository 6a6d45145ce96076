#pragma once
// One check, before any handler runs, on every piece of text a request sends to
// be stored: each form field and each string (and member name) of a JSON body.
// Text with NUL or other control characters, or that is not UTF-8, is refused
// with the field named, so neither back end ever sees it and both answer alike.
#include <optional>

#include "core/result.hpp"
#include "http/message.hpp"

namespace patchwork::http {

// What the route reads its body as: pages read forms, the API reads JSON.
enum class BodyKind { Form, Json };

// The first unacceptable query parameter or field of the request's body, or
// nothing. A page's body must be a form (whatever it claims, a page would read
// it as one). A JSON body that does not parse is left to its handler, which
// says so in its own words. Names are cut short before they are repeated.
std::optional<FieldError> unacceptable_text(const Request& request, BodyKind expected);

}  // namespace patchwork::http
