#pragma once
// multipart/form-data (RFC 7578, delimiters as RFC 2046 s.5.1.1): how a page
// uploads a file (a bank statement) without JavaScript. Small and strict: the
// whole body is already in memory and bounded by the server's body limit;
// this reads it into at most kMaxParts parts and refuses anything malformed
// (no boundary, a part without a form-data name, headers over 8 KB, a body
// that does not end with the closing delimiter) rather than guess.
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace patchwork::http {

struct FormPart {
  std::string name;          // the form field's name
  std::string filename;      // for a file, as the browser sent it (never used as a path)
  std::string content_type;  // the part's, when given
  std::string_view data;     // into the body the caller keeps alive
};

inline constexpr std::size_t kMaxParts = 20;

// The boundary from a Content-Type header ("multipart/form-data; boundary=x"),
// or nothing when it is not multipart/form-data or the boundary is not 1 to 70
// characters of RFC 2046's set.
std::expected<std::string, std::string> multipart_boundary(std::string_view content_type);

// The parts, or why the body is refused, in words.
std::expected<std::vector<FormPart>, std::string> parse_multipart(std::string_view body, std::string_view boundary);

}  // namespace patchwork::http
