#include "domain/allocation/ras.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

namespace patchwork::allocation {

namespace {

// "Eating and drinking" reads "eating and drinking" inside a sentence.
std::string lower_first(std::string text) {
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = char(text[0] - 'A' + 'a');
  return text;
}

// "a", "a and b", "a, b and c".
std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " and " : ", ";
    out += words[i];
  }
  return out;
}

}  // namespace

void add_willing_and_able(RasInput& in, const std::vector<NeedPoints>& needs, const std::vector<WillingAndAble>& statements) {
  std::vector<std::string> counted;
  for (const auto& s : statements) {
    CarerShare share{s.carer_name, s.carer_is, {}};
    for (const auto& id : s.need_ids) {
      auto need = std::find_if(needs.begin(), needs.end(), [&](const NeedPoints& n) { return n.id == id; });
      if (need == needs.end() || need->points <= 0) continue;  // nothing of the budget rests on it
      share.needs.emplace_back(need->title, need->points);
      if (std::find(counted.begin(), counted.end(), id) == counted.end()) {
        counted.push_back(id);
        in.carer_points += need->points;
      }
    }
    if (!share.needs.empty()) in.carers.push_back(std::move(share));
  }
}

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
  // Care Act 2014 s.18(7) (see CarerAdjustment): only needs that a named carer
  // has said they are willing and able to go on meeting, and only their share.
  if (c.carer_adjustment && in.carer_points > 0 && in.total_points > 0) {
    const int met = std::min(in.carer_points, in.total_points);
    const int percent = c.carer_adjustment->percent_of_needs_share;
    // A share (at most the whole) and a percentage (at most 100) of a
    // non-negative amount: neither step can overflow.
    a.carer_share = amount.scaled(met, in.total_points).value();
    a.carer_reduction = a.carer_share.percent(percent).value();
    a.carer_percent = percent;
    const Money before = amount;
    amount = amount.minus(a.carer_reduction).value();
    for (const auto& carer : in.carers)
      say([&] {
        std::vector<std::string> words;
        for (const auto& [title, points] : carer.needs) words.push_back(lower_first(title));
        return fmt::format("{} has said {} willing and able to go on helping with {}.", carer.carer_name, carer.carer_is, joined(words));
      });
    say([&] {
      return fmt::format("Those needs scored {} of your {} points, so they are {} of the {} ({} ÷ {} of it).", met, in.total_points,
                         a.carer_share.display(), before.display(), met, in.total_points);
    });
    say([&] {
      const std::string who = in.carers.size() == 1 ? in.carers.front().carer_name : std::string("they");
      if (percent == 100)
        return fmt::format("While {} can go on helping with them, the council does not pay for that help as well, so this is {} less: {}. "
                           "If that changes, tell your social worker and your budget will be worked out again.",
                           who, a.carer_reduction.display(), amount.display());
      return fmt::format("While {} can go on helping with them, the council counts {}% of that ({}) as met, so this is {}. "
                         "If that changes, tell your social worker and your budget will be worked out again.",
                         who, percent, a.carer_reduction.display(), amount.display());
    });
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

std::vector<std::string> explanation_about(const std::vector<std::string>& lines, std::string_view given_name) {
  const std::string name(given_name);
  const std::string possessive = name + "'s";
  std::vector<std::string> out;
  out.reserve(lines.size());
  for (std::string line : lines) {
    // The only second-person words `allocate` writes: "You scored" at the
    // start, "Your …" at the start, and "your …" inside a sentence.
    if (line.starts_with("You scored ")) line = name + line.substr(3);
    if (line.starts_with("Your ")) line = possessive + line.substr(4);
    for (std::size_t at = line.find(" your "); at != std::string::npos; at = line.find(" your ", at + possessive.size()))
      line.replace(at + 1, 4, possessive);
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace patchwork::allocation
