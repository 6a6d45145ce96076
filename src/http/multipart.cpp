#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace patchwork::http {
namespace {

constexpr std::size_t kMaxHeaderBytes = 8 * 1024;

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

std::string_view trim_view(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// RFC 2046's bchars: digits, letters and '()+_,-./:=? and space (not last).
bool boundary_char(char ch) {
  return std::isalnum(static_cast<unsigned char>(ch)) || std::string_view("'()+_,-./:=? ").find(ch) != std::string_view::npos;
}

// A parameter of a header value: name="value" or name=value; the quoted form
// may escape a quote with a backslash.
std::optional<std::string> parameter(std::string_view header, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = header.find(';', pos)) != std::string_view::npos) {
    ++pos;
    std::string_view rest = trim_view(header.substr(pos));
    auto eq = rest.find('=');
    if (eq == std::string_view::npos) continue;
    if (lower(trim_view(rest.substr(0, eq))) != name) continue;
    std::string_view value = trim_view(rest.substr(eq + 1));
    std::string out;
    if (!value.empty() && value.front() == '"') {
      for (std::size_t i = 1; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) out.push_back(value[++i]);
        else if (value[i] == '"') return out;
        else out.push_back(value[i]);
      }
      return std::nullopt;  // the quote is never closed
    }
    auto end = value.find(';');
    return std::string(trim_view(value.substr(0, end)));
  }
  return std::nullopt;
}

}  // namespace

std::expected<std::string, std::string> multipart_boundary(std::string_view content_type) {
  auto semi = content_type.find(';');
  if (lower(trim_view(content_type.substr(0, semi))) != "multipart/form-data")
    return std::unexpected("The form must be sent as multipart/form-data");
  auto b = parameter(content_type, "boundary");
  if (!b || b->empty() || b->size() > 70 || b->back() == ' ' || !std::all_of(b->begin(), b->end(), boundary_char))
    return std::unexpected("The form's boundary is missing or not valid");
  return *b;
}

std::expected<std::vector<FormPart>, std::string> parse_multipart(std::string_view body, std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  std::vector<FormPart> parts;
  // The first delimiter: at the start, or after a preamble ending in CRLF.
  std::size_t pos;
  if (body.starts_with(delimiter)) pos = 0;
  else {
    pos = body.find("\r\n" + delimiter);
    if (pos == std::string_view::npos) return std::unexpected("The form holds no parts");
    pos += 2;
  }
  for (;;) {
    pos += delimiter.size();
    if (body.substr(pos).starts_with("--")) return parts;  // the closing delimiter; an epilogue after it is ignored
    // Transport padding (spaces) then CRLF.
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (!body.substr(pos).starts_with("\r\n")) return std::unexpected("The form is malformed: a boundary is not followed by a line break");
    pos += 2;
    auto header_end = body.find("\r\n\r\n", pos);
    if (header_end == std::string_view::npos || header_end - pos > kMaxHeaderBytes)
      return std::unexpected("The form is malformed: a part's headers do not end, or are too long");
    FormPart part;
    bool disposition = false;
    std::string_view headers = body.substr(pos, header_end - pos);
    for (std::size_t start = 0; start <= headers.size();) {
      auto eol = headers.find("\r\n", start);
      std::string_view line = headers.substr(start, eol == std::string_view::npos ? std::string_view::npos : eol - start);
      start = eol == std::string_view::npos ? headers.size() + 1 : eol + 2;
      if (line.empty()) continue;
      auto colon = line.find(':');
      if (colon == std::string_view::npos) return std::unexpected("The form is malformed: a part's header has no name");
      const std::string name = lower(trim_view(line.substr(0, colon)));
      std::string_view value = trim_view(line.substr(colon + 1));
      if (name == "content-disposition") {
        auto semi = value.find(';');
        if (lower(trim_view(value.substr(0, semi))) != "form-data") return std::unexpected("The form is malformed: a part is not form-data");
        auto field = parameter(value, "name");
        if (!field || field->empty()) return std::unexpected("The form is malformed: a part has no field name");
        part.name = *field;
        if (auto file = parameter(value, "filename")) part.filename = *file;
        disposition = true;
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }
    }
    if (!disposition) return std::unexpected("The form is malformed: a part has no Content-Disposition");
    pos = header_end + 4;
    auto next = body.find("\r\n" + delimiter, pos);
    if (next == std::string_view::npos) return std::unexpected("The form is cut short: its closing boundary is missing");
    part.data = body.substr(pos, next - pos);
    if (parts.size() >= kMaxParts) return std::unexpected("The form has too many parts");
    parts.push_back(std::move(part));
    pos = next + 2;
  }
}

}  // namespace patchwork::http
