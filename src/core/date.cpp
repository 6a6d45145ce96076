#include "core/date.hpp"

#include <array>
#include <charconv>

#include <fmt/format.h>

namespace patchwork {
namespace {
bool read_int(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s) if (c < '0' || c > '9') return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}
constexpr std::array<const char*, 12> kMonths = {"January", "February", "March", "April", "May", "June",
                                                 "July", "August", "September", "October", "November", "December"};
}  // namespace

std::optional<CivilDate> CivilDate::from_parts(int year, int month, int day) {
  if (year < 1800 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(year), std::chrono::month(unsigned(month)), std::chrono::day(unsigned(day))};
  if (!ymd.ok()) return std::nullopt;
  return CivilDate(ymd);
}

std::optional<CivilDate> CivilDate::parse_iso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!read_int(text.substr(0, 4), y) || !read_int(text.substr(5, 2), m) || !read_int(text.substr(8, 2), d)) return std::nullopt;
  return from_parts(y, m, d);
}

CivilDate CivilDate::today_utc() {
  return CivilDate(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())));
}

std::string CivilDate::iso() const { return fmt::format("{:04}-{:02}-{:02}", year(), month(), day()); }

std::string CivilDate::display() const { return fmt::format("{} {} {}", day(), kMonths[month() - 1], year()); }

CivilDate CivilDate::plus_days(int n) const { return CivilDate(std::chrono::year_month_day(days() + std::chrono::days(n))); }

std::string display_date(std::string_view iso) {
  auto d = CivilDate::parse_iso(iso);
  return d ? d->display() : std::string(iso);
}

int age_on(CivilDate birth, CivilDate on) {
  int age = on.year() - birth.year();
  if (on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day())) --age;
  return age;
}

std::string utc_timestamp(std::chrono::system_clock::time_point t) {
  auto secs = std::chrono::floor<std::chrono::seconds>(t);
  auto day = std::chrono::floor<std::chrono::days>(secs);
  std::chrono::year_month_day ymd(day);
  std::chrono::hh_mm_ss hms(secs - day);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()),
                     hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

std::string utc_timestamp_now() { return utc_timestamp(std::chrono::system_clock::now()); }

std::optional<std::chrono::system_clock::time_point> parse_utc_timestamp(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[19] != 'Z' || text[13] != ':' || text[16] != ':') return std::nullopt;
  auto date = CivilDate::parse_iso(text.substr(0, 10));
  int h = 0, mi = 0, s = 0;
  if (!date || !read_int(text.substr(11, 2), h) || !read_int(text.substr(14, 2), mi) || !read_int(text.substr(17, 2), s)) return std::nullopt;
  if (h > 23 || mi > 59 || s > 60) return std::nullopt;
  return std::chrono::system_clock::time_point(date->days()) + std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(s);
}

}  // namespace patchwork
