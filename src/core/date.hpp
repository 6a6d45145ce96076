#pragma once
// Care events happen on civil dates (no time zone); system events are UTC instants.
#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace patchwork {

class CivilDate {
 public:
  CivilDate() = default;
  CivilDate(int year, unsigned month, unsigned day) : ymd_(std::chrono::year(year) / month / day) {}
  explicit CivilDate(std::chrono::year_month_day ymd) : ymd_(ymd) {}

  // Only real calendar dates in ISO form ("2026-02-29" is refused).
  static std::optional<CivilDate> parse_iso(std::string_view text);
  static std::optional<CivilDate> from_parts(int year, int month, int day);
  static CivilDate today_utc();

  // False for a default-constructed date: "not recorded yet".
  bool ok() const { return ymd_.ok(); }
  std::string iso() const;       // 2026-11-27
  std::string display() const;   // 27 November 2026
  int year() const { return int(ymd_.year()); }
  unsigned month() const { return unsigned(ymd_.month()); }
  unsigned day() const { return unsigned(ymd_.day()); }
  std::chrono::sys_days days() const { return std::chrono::sys_days(ymd_); }
  CivilDate plus_days(int n) const;

  auto operator<=>(const CivilDate& o) const { return days() <=> o.days(); }
  bool operator==(const CivilDate& o) const { return days() == o.days(); }

 private:
  std::chrono::year_month_day ymd_{};
};

// "2026-11-27" as "27 November 2026"; text that is not such a date comes back unchanged.
std::string display_date(std::string_view iso);

// Age in whole years on a date, as people count birthdays (29 February birthdays
// fall on 1 March in non-leap years).
int age_on(CivilDate birth, CivilDate on);

// The UTC instant now as "2026-11-27T08:03:12Z": sorts as text on every back end.
std::string utc_timestamp_now();
std::string utc_timestamp(std::chrono::system_clock::time_point t);
std::optional<std::chrono::system_clock::time_point> parse_utc_timestamp(std::string_view text);

}  // namespace patchwork
