#include "domain/planning/decision_times.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

namespace patchwork::planning {
namespace {

struct Band { std::int64_t up_to_pence; const char* label; };
constexpr std::array<Band, 4> kBands{{
    {250'00, "Up to £250 a week"},
    {500'00, "£250.01 to £500 a week"},
    {1000'00, "£500.01 to £1,000 a week"},
    {INT64_MAX, "Over £1,000 a week"},
}};

TimeGroup group_of(std::string label, std::vector<std::int64_t> seconds) {
  TimeGroup g{std::move(label), std::int64_t(seconds.size()), median_of(seconds), percentile_90_of(seconds)};
  return g;
}

std::string plural(std::int64_t n, const char* unit) { return std::to_string(n) + " " + unit + (n == 1 ? "" : "s"); }

}  // namespace

std::optional<std::int64_t> median_of(std::vector<std::int64_t> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const auto n = v.size();
  if (n % 2 == 1) return v[n / 2];
  // Each half first, so two very long times cannot overflow when added.
  return v[n / 2 - 1] / 2 + v[n / 2] / 2 + (v[n / 2 - 1] % 2 + v[n / 2] % 2) / 2;
}

std::optional<std::int64_t> percentile_90_of(std::vector<std::int64_t> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  // ceil(0.9 n) in whole numbers: (9n + 9) / 10.
  const auto rank = (9 * v.size() + 9) / 10;
  return v[rank - 1];
}

std::string amount_band_label(Money weekly_cost) {
  for (const auto& b : kBands)
    if (weekly_cost.pence() <= b.up_to_pence) return b.label;
  return kBands.back().label;
}

DecisionTimeReport decision_time_report(std::span<const DecisionTimeRow> rows) {
  DecisionTimeReport r;
  std::vector<std::int64_t> all;
  std::array<std::vector<std::int64_t>, kBands.size()> by_amount;
  std::array<std::vector<std::int64_t>, 3> by_age;
  constexpr std::array<people::AgeBand, 3> kAges{people::AgeBand::Under18, people::AgeBand::Adult18To64, people::AgeBand::Older65Plus};
  for (const auto& row : rows) {
    all.push_back(row.seconds);
    for (std::size_t i = 0; i < kBands.size(); ++i)
      if (row.weekly_cost.pence() <= kBands[i].up_to_pence) { by_amount[i].push_back(row.seconds); break; }
    for (std::size_t i = 0; i < kAges.size(); ++i)
      if (row.age_band == kAges[i]) by_age[i].push_back(row.seconds);
  }
  r.all = group_of("All decisions", std::move(all));
  for (std::size_t i = 0; i < kBands.size(); ++i) r.by_amount.push_back(group_of(kBands[i].label, std::move(by_amount[i])));
  for (std::size_t i = 0; i < kAges.size(); ++i) {
    std::string label(people::age_band_label(kAges[i]));
    label[0] = char(std::toupper(static_cast<unsigned char>(label[0])));
    r.by_age.push_back(group_of(label, std::move(by_age[i])));
  }
  return r;
}

std::string duration_words(std::int64_t seconds) {
  if (seconds < 60) return "less than a minute";
  const std::int64_t minutes = seconds / 60, hours = minutes / 60, days = hours / 24;
  if (days > 0) return hours % 24 == 0 ? plural(days, "day") : plural(days, "day") + " " + plural(hours % 24, "hour");
  if (hours > 0) return minutes % 60 == 0 ? plural(hours, "hour") : plural(hours, "hour") + " " + plural(minutes % 60, "minute");
  return plural(minutes, "minute");
}

}  // namespace patchwork::planning
