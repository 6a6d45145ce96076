#include "core/text.hpp"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <stdexcept>

namespace patchwork {

std::string trim(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::string to_upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
  return out;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return out;
}

std::vector<std::string> split(std::string_view s, char delimiter) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    auto pos = s.find(delimiter, start);
    parts.emplace_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return parts;
}

std::string random_hex(std::size_t bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.pop_back();
  return hex;
}

std::string clip_utf8(std::string_view text, std::size_t max) {
  if (text.size() <= max) return std::string(text);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;  // not inside a UTF-8 sequence
  return std::string(text.substr(0, cut)) + "…";
}

bool has_line_break(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

std::optional<std::string> text_problem(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
        return std::string("must not contain control characters (only tabs and line breaks are allowed)");
      ++i;
      continue;
    }
    // A UTF-8 sequence: its length from the lead byte, shortest form only, no
    // surrogates, nothing above U+10FFFF; C1 controls (U+0080 to U+009F) refused too.
    int length = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? (c <= 0xef ? 3 : 0) : c >= 0xc2 ? 2 : 0;
    if (length == 0 || i + length > text.size()) return std::string("must be text in UTF-8");
    std::uint32_t cp = c & (length == 2 ? 0x1f : length == 3 ? 0x0f : 0x07);
    for (int k = 1; k < length; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xc0) != 0x80) return std::string("must be text in UTF-8");
      cp = (cp << 6) | (cc & 0x3f);
    }
    if ((length == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (length == 4 && (cp < 0x10000 || cp > 0x10ffff)))
      return std::string("must be text in UTF-8");
    if (cp >= 0x80 && cp <= 0x9f) return std::string("must not contain control characters (only tabs and line breaks are allowed)");
    // Invisible characters that reorder or break what is shown (right-to-left
    // overrides and isolates, line and paragraph separators) could make a name
    // or a note read differently on screen from what is stored.
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029)
      return std::string("must not contain invisible characters that change how text is shown");
    i += length;
  }
  return std::nullopt;
}

std::optional<std::int64_t> parse_id(std::string_view text) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) return std::nullopt;
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || p != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace patchwork
