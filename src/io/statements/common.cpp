#include "io/statements/common.hpp"

#include <array>
#include <cctype>

#include "core/text.hpp"
#include "domain/statements/normalise.hpp"

namespace patchwork::io::statements {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string trim_view(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

void put_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Windows-1252's 0x80-0x9F (the rest is ISO-8859-1); 0 where it defines nothing.
constexpr std::array<unsigned, 32> kCp1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

constexpr std::array<const char*, 12> kMonthAbbr = {"jan", "feb", "mar", "apr", "may", "jun",
                                                    "jul", "aug", "sep", "oct", "nov", "dec"};

struct DateToken {
  enum Kind { Day, Month, MonthName, Year4, Year2, Separator } kind;
  char sep = 0;
};

// The pattern as tokens; false when it is not a pattern Patchwork reads.
bool tokenise_pattern(std::string_view pattern, std::array<DateToken, 8>& tokens, std::size_t& count) {
  count = 0;
  int days = 0, months = 0, years = 0;
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (count == tokens.size()) return false;
    auto starts = [&](std::string_view t) { return pattern.substr(i, t.size()) == t; };
    if (starts("YYYY")) { tokens[count++] = {DateToken::Year4}; i += 4; ++years; }
    else if (starts("YY")) { tokens[count++] = {DateToken::Year2}; i += 2; ++years; }
    else if (starts("MMM")) { tokens[count++] = {DateToken::MonthName}; i += 3; ++months; }
    else if (starts("MM")) { tokens[count++] = {DateToken::Month}; i += 2; ++months; }
    else if (starts("DD")) { tokens[count++] = {DateToken::Day}; i += 2; ++days; }
    else if (pattern[i] == '/' || pattern[i] == '-' || pattern[i] == '.' || pattern[i] == ' ') {
      tokens[count++] = {DateToken::Separator, pattern[i]};
      ++i;
    } else {
      return false;
    }
  }
  return days == 1 && months == 1 && years == 1;
}

}  // namespace

AmountParse parse_amount(std::string_view raw, DecimalStyle style) {
  std::string text = trim_view(raw);
  AmountParse r;
  if (text.empty()) { r.problem = "is empty"; return r; }
  std::string_view s(text);
  bool negative = false;
  if (s.front() == '(' && s.back() == ')') {
    negative = true;
    s = s.substr(1, s.size() - 2);
  }
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = negative || s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.substr(0, 2) == "\xC2\xA3") s.remove_prefix(2);  // £
  if (!s.empty() && s.back() == '-') {  // "12.50-", as some banks write a debit
    negative = true;
    s.remove_suffix(1);
  }
  const char decimal = style == DecimalStyle::Point ? '.' : ',';
  const char group = style == DecimalStyle::Point ? ',' : '.';
  const char* style_name = style == DecimalStyle::Point ? "1,234.56" : "1.234,56";
  auto point = s.find(decimal);
  std::string_view whole = s.substr(0, point);
  std::string_view fraction = point == std::string_view::npos ? std::string_view() : s.substr(point + 1);
  if (point != std::string_view::npos) {
    for (char c : fraction)
      if (!is_digit(c)) { r.problem = std::string("is not an amount in the ") + style_name + " style"; return r; }
    if (fraction.size() > 2) { r.problem = "has " + std::to_string(fraction.size()) + " decimal places; an amount is pounds and pence, with at most two"; return r; }
    if (fraction.empty()) { r.problem = std::string("is not an amount in the ") + style_name + " style"; return r; }
  }
  // The whole pounds: digits, perhaps in groups of three (1,234,567).
  std::string digits;
  std::size_t since_group = 0;
  bool grouped = false;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    char c = whole[i];
    if (is_digit(c)) { digits.push_back(c); ++since_group; continue; }
    bool is_group = c == group || (style == DecimalStyle::Comma && c == ' ');
    if (!is_group || digits.empty() || (grouped && since_group != 3) || (!grouped && since_group > 3)) {
      r.problem = std::string("is not an amount in the ") + style_name + " style";
      return r;
    }
    grouped = true;
    since_group = 0;
  }
  if (digits.empty() || (grouped && since_group != 3)) {
    r.problem = std::string("is not an amount in the ") + style_name + " style";
    return r;
  }
  auto first = digits.find_first_not_of('0');
  if (first != std::string::npos && digits.size() - first > 13) { r.problem = "is too large to be an amount on a statement"; return r; }
  std::int64_t pounds = 0;
  for (char c : digits) pounds = pounds * 10 + (c - '0');
  std::int64_t pence = 0;
  if (fraction.size() == 1) pence = (fraction[0] - '0') * 10;
  if (fraction.size() == 2) pence = (fraction[0] - '0') * 10 + (fraction[1] - '0');
  std::int64_t total = pounds * 100 + pence;
  r.pence = negative ? -total : total;
  return r;
}

bool valid_date_format(std::string_view pattern) {
  std::array<DateToken, 8> tokens{};
  std::size_t count = 0;
  return tokenise_pattern(pattern, tokens, count);
}

std::optional<CivilDate> parse_date(std::string_view raw, std::string_view pattern) {
  std::array<DateToken, 8> tokens{};
  std::size_t count = 0;
  if (!tokenise_pattern(pattern, tokens, count)) return std::nullopt;
  std::string text = trim_view(raw);
  std::string_view s(text);
  int day = 0, month = 0, year = 0;
  std::size_t i = 0;
  auto digits = [&](std::size_t min, std::size_t max, int& out) {
    std::size_t n = 0;
    out = 0;
    while (n < max && i < s.size() && is_digit(s[i])) { out = out * 10 + (s[i] - '0'); ++i; ++n; }
    return n >= min;
  };
  for (std::size_t t = 0; t < count; ++t) {
    switch (tokens[t].kind) {
      case DateToken::Day: if (!digits(1, 2, day)) return std::nullopt; break;
      case DateToken::Month: if (!digits(1, 2, month)) return std::nullopt; break;
      case DateToken::Year4: if (!digits(4, 4, year)) return std::nullopt; break;
      case DateToken::Year2: if (!digits(2, 2, year)) return std::nullopt; year += 2000; break;
      case DateToken::MonthName: {
        if (i + 3 > s.size()) return std::nullopt;
        std::string abbr;
        for (std::size_t k = 0; k < 3; ++k) abbr.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[i + k]))));
        month = 0;
        for (std::size_t m = 0; m < kMonthAbbr.size(); ++m)
          if (abbr == kMonthAbbr[m]) month = static_cast<int>(m) + 1;
        if (month == 0) return std::nullopt;
        i += 3;
        break;
      }
      case DateToken::Separator:
        if (i >= s.size() || s[i] != tokens[t].sep) return std::nullopt;
        ++i;
        break;
    }
  }
  if (i < s.size()) {
    // A time after the date is allowed: " 10:32", "T10:32:00Z".
    if (!((s[i] == ' ' || s[i] == 'T') && i + 1 < s.size() && is_digit(s[i + 1]))) return std::nullopt;
  }
  return CivilDate::from_parts(year, month, day);
}

bool windows_1252_to_utf8(std::string_view in, std::string& out, std::size_t& bad_at) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) out.push_back(static_cast<char>(c));
    else if (c >= 0xA0) put_utf8(out, c);
    else if (unsigned cp = kCp1252High[c - 0x80]; cp != 0) put_utf8(out, cp);
    else { bad_at = i; return false; }
  }
  return true;
}

void latin1_to_utf8(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (char ch : in) put_utf8(out, static_cast<unsigned char>(ch));
}

std::string mask_card(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    if (is_digit(c)) compact.push_back(c);
    else if (c == '*' || c == 'X' || c == 'x' || c == '#') compact.push_back('*');
    else return {};
  }
  if (compact.size() < 4 || compact.size() > 19) return {};
  std::string last4 = compact.substr(compact.size() - 4);
  for (char c : last4)
    if (!is_digit(c)) return {};
  // Whole or masked, only the last four digits are kept: a full number (a file
  // that should have masked it) never reaches a record, a log or the database.
  std::size_t width = compact.size() < 12 ? 12 : compact.size();
  return std::string(width - 4, '*') + last4;
}

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() < kMaxTextBytes ? text.size() : kMaxTextBytes);
  bool gap = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F || c == ' ') {
      gap = !out.empty();
      continue;
    }
    if (gap) out.push_back(' ');
    gap = false;
    out.push_back(ch);
  }
  if (out.size() > kMaxTextBytes) return clip_utf8(out, kMaxTextBytes);
  return out;
}

void Emitter::reject(std::uint64_t line, std::string field, std::string reason) {
  ++report_.lines_rejected;
  if (report_.rejections.size() < options_.max_rejections_kept)
    report_.rejections.push_back({line, std::move(field), std::move(reason)});
}

void Emitter::fatal(std::uint64_t line, std::string field, std::string reason) {
  if (!report_.fatal) report_.fatal = Rejection{line, std::move(field), std::move(reason)};
}

void Emitter::start_statement(StatementInfo& info) {
  info.index = report_.statements++;
  current_ = info;
  in_statement_ = true;
  last_date_.reset();
  group_date_.reset();
  group_counts_.clear();
  group_lines_ = 0;
  finished_dates_.clear();
  if (handlers_.statement_start) handlers_.statement_start(info);
}

void Emitter::end_statement(const StatementInfo& info) {
  in_statement_ = false;
  if (handlers_.statement_end) handlers_.statement_end(info);
}

void Emitter::line(Line& line, DateOrder order) {
  const CivilDate d = line.booking_date;
  if (!d.ok()) { reject(line.source_line, "date", "has no booking date"); return; }
  if (d.year() < kFirstYear || d.year() > kLastYear) {
    reject(line.source_line, "date", "is dated " + d.iso() + "; Patchwork reads statements dated from " +
                                         std::to_string(kFirstYear) + " to " + std::to_string(kLastYear));
    return;
  }
  if (current_.period_from && d < *current_.period_from) {
    reject(line.source_line, "date", "is dated " + d.iso() + ", before the statement's period starts on " + current_.period_from->iso());
    return;
  }
  if (current_.period_to && d > *current_.period_to) {
    reject(line.source_line, "date", "is dated " + d.iso() + ", after the statement's period ends on " + current_.period_to->iso());
    return;
  }
  if (last_date_ && order == DateOrder::OldestFirst && d < *last_date_) {
    reject(line.source_line, "date", "is dated " + d.iso() + ", before the line above it (" + last_date_->iso() +
                                         "); this bank lists lines oldest first, so the file may have been edited or damaged");
    return;
  }
  if (last_date_ && order == DateOrder::NewestFirst && d > *last_date_) {
    reject(line.source_line, "date", "is dated " + d.iso() + ", after the line above it (" + last_date_->iso() +
                                         "); this bank lists lines newest first, so the file may have been edited or damaged");
    return;
  }
  if (line.amount_pence == 0) { reject(line.source_line, "amount", "is £0.00, which moves no money"); return; }
  if (line.amount_pence > kMaxAmountPence || line.amount_pence < -kMaxAmountPence) {
    reject(line.source_line, "amount", "is too large to be an amount on a statement");
    return;
  }
  if (line.currency.empty()) line.currency = current_.currency;
  else if (!current_.currency.empty() && line.currency != current_.currency) {
    reject(line.source_line, "currency", "is in " + line.currency + " but the account is in " + current_.currency);
    return;
  }
  line.statement_index = current_.index;
  line.occurrence = 1;
  if (line.bank_id.empty()) {
    // Identical lines are told apart by counting them within their booking
    // date, so the lines of one date must come together (any order of dates
    // is fine otherwise, oldest or newest first).
    std::int64_t day = d.days().time_since_epoch().count();
    if (!group_date_ || *group_date_ != d) {
      if (finished_dates_.contains(day)) {
        reject(line.source_line, "date", "is dated " + d.iso() + " but lines of that date came earlier, with other dates between; "
                                         "without the bank's own ids, lines of one date must be together to be told apart");
        return;
      }
      if (group_date_) finished_dates_.insert(group_date_->days().time_since_epoch().count());
      group_date_ = d;
      group_counts_.clear();
      group_lines_ = 0;
    }
    if (++group_lines_ > kMaxLinesPerDay) {
      reject(line.source_line, "date", "is one of more than " + std::to_string(kMaxLinesPerDay) +
                                           " lines dated " + d.iso() + " without the bank's own ids");
      return;
    }
    std::string key = d.iso() + '\x1f' + std::to_string(line.amount_pence) + '\x1f' +
                      patchwork::statements::line_words(line.payee, line.description, line.reference);
    std::uint64_t h = 14695981039346656037ull;  // FNV-1a
    for (char c : key) { h ^= static_cast<unsigned char>(c); h *= 1099511628211ull; }
    line.occurrence = ++group_counts_[h];
    if (group_counts_.size() > report_.stats.peak_identity_keys) report_.stats.peak_identity_keys = group_counts_.size();
  }
  last_date_ = d;
  ++report_.lines_accepted;
  if (handlers_.line) handlers_.line(line);
}

bool may_import(const ParseReport& report, ImportChoice choice) {
  if (report.fatal) return false;
  if (choice == ImportChoice::AllOrNothing) return report.lines_rejected == 0;
  return true;
}

}  // namespace patchwork::io::statements
