#include "domain/allocation/ras.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace patchwork::allocation {

FieldErrors check_weekly_limit(const RasConfiguration& c, int max_points) {
  if (c.method != Method::PricePerPoint || (c.ceiling && *c.ceiling <= kWeeklyAmountLimit)) return {};
  auto largest = c.price_per_point.times(max_points);
  if (largest && *largest <= kWeeklyAmountLimit) return {};
  return {{"price_per_point",
           fmt::format("{} a point for the questionnaire's highest score of {} points would give {} a week, above the {} that "
                       "Patchwork accepts: lower the price or set a ceiling",
                       c.price_per_point.display(), max_points, largest ? largest->display() : "more than can be counted",
                       kWeeklyAmountLimit.display())}};
}

Result<Allocation> allocate(const RasConfiguration& c, const RasInput& in, Explain explain) {
  Allocation a;
  auto too_large = [&] {
    return fail("ras_configuration", fmt::format("The resource allocation model would give more than {} a week for {} points. "
                                                 "An administrator must set a ceiling at or below that, or lower the price per point.",
                                                 kWeeklyAmountLimit.display(), in.total_points));
  };
  // The words cost more than the arithmetic: recalibrating a million budgets needs only the amounts.
  auto say = [&](auto&& line) {
    if (explain == Explain::Yes) a.explanation.push_back(line());
  };
  say([&] {
    std::string domains;
    for (const auto& [title, points] : in.points_by_domain) {
      if (points == 0) continue;
      domains += (domains.empty() ? "" : ", ") + fmt::format("{} {}", title, points);
    }
    return fmt::format("You scored {} points{}.", in.total_points, domains.empty() ? "" : " (" + domains + ")");
  });

  if (c.method == Method::PricePerPoint) {
    // Only an overflow stops here: a ceiling below may still bring the amount
    // within the limit, which is checked once every step has been applied.
    auto base = c.price_per_point.times(in.total_points);
    if (!base) return too_large();
    a.base_weekly = *base;
    say([&] { return fmt::format("{} points × {} a point = {} a week.", in.total_points, c.price_per_point.display(), a.base_weekly.display()); });
  } else {
    const Band* band = nullptr;
    for (const auto& b : c.bands)
      if (in.total_points >= b.min_points && in.total_points <= b.max_points) band = &b;
    if (!band) band = &c.bands.back();  // above the top band: the top band applies, and says so
    a.base_weekly = band->weekly;
    a.band = fmt::format("{} to {} points", band->min_points, band->max_points);
    if (in.total_points > band->max_points)
      say([&] { return fmt::format("{} points is above the highest band ({}), which gives {} a week.", in.total_points, *a.band, band->weekly.display()); });
    else
      say([&] { return fmt::format("{} points is in the band for {}, which gives {} a week.", in.total_points, *a.band, band->weekly.display()); });
  }

  Money amount = a.base_weekly;
  if (c.carer_adjustment && in.carer_answer) {
    auto it = c.carer_adjustment->percent_by_answer.find(*in.carer_answer);
    if (it != c.carer_adjustment->percent_by_answer.end() && it->second > 0) {
      a.carer_percent = it->second;
      // A whole percentage from 0 to 100 of a non-negative amount: neither step can overflow.
      a.carer_reduction = amount.percent(it->second).value();
      amount = amount.minus(a.carer_reduction).value();
      say([&] { return fmt::format("The support you get from your carer (\"{}\") reduces this by {}% ({}), to {}.",
                              in.carer_answer_text.empty() ? *in.carer_answer : in.carer_answer_text, it->second,
                              a.carer_reduction.display(), amount.display()); });
    } else if (it != c.carer_adjustment->percent_by_answer.end()) {
      say([&] { return std::string("No reduction is made for support from a carer."); });
    }
  }
  if (c.floor && amount < *c.floor) {
    say([&] { return fmt::format("This is less than the smallest indicative budget the council sets ({}), so it is raised to {}.",
                            c.floor->display(), c.floor->display()); });
    amount = *c.floor;
    a.raised_to_floor = true;
  }
  if (c.ceiling && amount > *c.ceiling) {
    say([&] { return fmt::format("This is more than the largest indicative budget the model gives ({}), so it is {}; "
                            "a social worker can agree more where your support plan needs it.",
                            c.ceiling->display(), c.ceiling->display()); });
    amount = *c.ceiling;
    a.lowered_to_ceiling = true;
  }
  if (amount > kWeeklyAmountLimit) return too_large();
  a.weekly = amount;
  say([&] { return fmt::format("Your indicative budget is {} a week. This is a starting point: your final budget is what your "
                          "agreed support plan costs.", amount.display()); });
  return a;
}

}  // namespace patchwork::allocation
