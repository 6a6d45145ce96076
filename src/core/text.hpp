#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace patchwork {

std::string trim(std::string_view s);
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);  // ASCII letters only, as to_lower
std::vector<std::string> split(std::string_view s, char delimiter);
// What is wrong with text that someone sent, or nothing when it is acceptable:
// valid UTF-8 with no control characters except tab, line feed and carriage
// return (a browser sends a textarea's line breaks as CR LF). NUL and the other
// controls are refused alike on SQLite (which would store them) and PostgreSQL
// (which refuses NUL with an error of its own).
std::optional<std::string> text_problem(std::string_view text);

// Whether text holds a line break (CR or LF): names, address lines and other
// one-line fields refuse them, so they cannot fake lines in a letter or a list.
bool has_line_break(std::string_view text);

// `text` cut to at most `max` bytes, never inside a UTF-8 sequence, with "…"
// added when anything was cut: for text that quotes a request (a field name, a
// reason) before it is repeated in an answer, a log or the audit trail.
std::string clip_utf8(std::string_view text, std::size_t max);

// A record's id as sent in a form, a query or JSON text: the whole string must
// be digits, for a positive number that fits ("4abc", "-4", " 4", "0" are not).
std::optional<std::int64_t> parse_id(std::string_view text);

// Random bytes from libsodium, as lower-case hex: ids for requests, tokens, files.
std::string random_hex(std::size_t bytes);

}  // namespace patchwork
