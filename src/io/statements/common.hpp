#pragma once
// What every statement parser shares (internal to io/statements): amounts,
// dates, encodings, card numbers, and the Emitter that checks each line against
// its statement and counts identical lines before handing it on.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/date.hpp"
#include "io/statements/mapping.hpp"
#include "io/statements/parse.hpp"

namespace patchwork::io::statements {

// The largest amount read: 13 digits of pounds. Far above any budget, far below
// the 64-bit limit, so whoever adds two of them cannot overflow.
inline constexpr std::int64_t kMaxAmountPence = 999'999'999'999'999;
// Lines dated outside these years are refused: no statement Patchwork reads
// is older, and a date far out is a misread column. It also bounds how many
// days the Emitter remembers.
inline constexpr int kFirstYear = 2000;
inline constexpr int kLastYear = 2099;
// Longest text kept from a file for a payee, description or reference.
inline constexpr std::size_t kMaxTextBytes = 500;
// Most lines without a bank id on one booking date in one statement: bounds
// the keys held to count identical lines.
inline constexpr std::size_t kMaxLinesPerDay = 200'000;

struct AmountParse {
  std::optional<std::int64_t> pence;
  std::string problem;  // "has three decimal places…", when pence is empty
};
// "1,234.56", "-12.50", "£12.5", "(3.00)" with DecimalStyle::Point;
// "1.234,56", "-12,50", "1 234,56" with DecimalStyle::Comma. More than two
// decimal places is refused, never rounded.
AmountParse parse_amount(std::string_view text, DecimalStyle style);

// A date in the pattern a mapping gives ("DD/MM/YYYY", "DD MMM YYYY",
// "YYYY-MM-DD"…): only real calendar dates. A time after the date (" 10:32",
// "T10:32:00") is allowed and ignored.
std::optional<CivilDate> parse_date(std::string_view text, std::string_view pattern);
bool valid_date_format(std::string_view pattern);

// Windows-1252 or ISO-8859-1 text as UTF-8. Returns false, with the offset of
// the byte, for one that windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
bool windows_1252_to_utf8(std::string_view in, std::string& out, std::size_t& bad_at);
void latin1_to_utf8(std::string_view in, std::string& out);

// A card number as it may be kept: only the last four digits showing
// ("************1234"), whether the file masked it already ("4929 **** **** 1234",
// "XXXXXXXXXXXX1234") or, wrongly, gave it whole. Empty when it is no card number.
std::string mask_card(std::string_view text);

// Text from a file as kept on a line: control characters made spaces, runs of
// spaces one, trimmed, and cut at kMaxTextBytes (never inside a character).
// The text must already be UTF-8.
std::string clean_text(std::string_view text);

class Emitter {
 public:
  Emitter(ParseReport& report, const Handlers& handlers, const ParseOptions& options)
      : report_(report), handlers_(handlers), options_(options) {}

  void reject(std::uint64_t line, std::string field, std::string reason);
  // The whole file refused; only the first reason is kept.
  void fatal(std::uint64_t line, std::string field, std::string reason);
  bool failed() const { return report_.fatal.has_value(); }

  void start_statement(StatementInfo& info);
  void end_statement(const StatementInfo& info);
  bool in_statement() const { return in_statement_; }
  // Checks the line (date within the years and the statement's period, in the
  // order the format promises, its currency, not zero) and sets its occurrence;
  // hands it on or rejects it.
  void line(Line& line, DateOrder order = DateOrder::Any);

  void buffer_size(std::size_t bytes) {
    if (bytes > report_.stats.peak_buffer_bytes) report_.stats.peak_buffer_bytes = bytes;
  }
  void read(std::size_t bytes) {
    report_.stats.bytes_read += bytes;
    if (handlers_.progress) handlers_.progress(report_.stats.bytes_read);
  }

 private:
  ParseReport& report_;
  const Handlers& handlers_;
  const ParseOptions& options_;
  bool in_statement_ = false;
  StatementInfo current_;
  std::optional<CivilDate> last_date_;
  // Counting identical lines: keys (a hash of date, amount and words) of the
  // current booking date only, and the dates already finished. A hash that
  // collides only makes an occurrence count one higher, which keeps both lines.
  std::optional<CivilDate> group_date_;
  std::unordered_map<std::uint64_t, std::uint32_t> group_counts_;
  std::size_t group_lines_ = 0;
  std::set<std::int64_t> finished_dates_;
};

// Reads the whole of `source` through `feed`, in chunks, stopping early once
// `stop()` says so; feed gets an empty view with `last` set at the end.
template <typename Feed, typename Stop>
void read_all(const ByteSource& source, const ParseOptions& options, Emitter& emit, Feed feed, Stop stop) {
  std::string chunk(options.chunk_bytes == 0 ? 64 * 1024 : options.chunk_bytes, '\0');
  for (;;) {
    std::size_t n = source(chunk.data(), chunk.size());
    emit.read(n);
    if (n == 0) {
      feed(std::string_view(), true);
      return;
    }
    feed(std::string_view(chunk.data(), n), false);
    if (stop()) return;
  }
}

}  // namespace patchwork::io::statements
