#include "domain/allocation/learning.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "domain/people/codes.hpp"

namespace patchwork::allocation {
namespace {

using Wide = __int128;

// numerator ÷ denominator to the nearest whole number, halves away from zero,
// in 128 bits so that sums of products of pence and points cannot wrap.
Wide round_wide(Wide numerator, Wide denominator) {
  if (denominator < 0) { numerator = -numerator; denominator = -denominator; }
  const bool negative = numerator < 0;
  Wide n = negative ? -numerator : numerator;
  Wide q = n / denominator, r = n % denominator;
  if (2 * r >= denominator) ++q;
  return negative ? -q : q;
}

// The value at quarter `q` (0 to 4) of sorted values: position (n − 1) × q ÷ 4,
// between the two values either side of it in proportion, rounded once.
std::int64_t quarter(const std::vector<std::int64_t>& sorted, int q) {
  const Wide h = Wide(sorted.size() - 1) * q;
  const auto k = std::size_t(h / 4);
  const auto r = int(h % 4);
  if (r == 0) return sorted[k];
  return std::int64_t(round_wide(Wide(sorted[k]) * (4 - r) + Wide(sorted[k + 1]) * r, 4));
}

std::string carer_label(bool has_carer) { return has_carer ? "Carer recorded" : "No carer recorded"; }

DifferenceGroup group_of(int version, std::string dimension, std::string label, const std::vector<const AgreedRow*>& rows) {
  DifferenceGroup g{version, std::move(dimension), std::move(label)};
  g.plans = std::int64_t(rows.size());
  std::vector<std::int64_t> pence, basis_points;
  for (const auto* r : rows) {
    // Both amounts are at most kWeeklyAmountLimit (checked where they are
    // made), so their difference fits in 64 bits; the wide type is for ×10,000.
    const std::int64_t difference = r->agreed_weekly.pence() - r->indicative_weekly.pence();
    pence.push_back(difference);
    if (r->indicative_weekly.pence() != 0)
      basis_points.push_back(std::int64_t(round_wide(Wide(difference) * 10'000, r->indicative_weekly.pence())));
  }
  g.pence = spread_of(std::move(pence));
  g.plans_with_percent = std::int64_t(basis_points.size());
  if (!basis_points.empty()) g.basis_points = spread_of(std::move(basis_points));
  return g;
}

}  // namespace

Spread spread_of(std::vector<std::int64_t> values) {
  std::sort(values.begin(), values.end());
  return {values.front(), quarter(values, 1), quarter(values, 2), quarter(values, 3), values.back()};
}

std::vector<DifferenceGroup> agreed_against_indicative(const std::vector<AgreedRow>& rows) {
  std::map<int, std::vector<const AgreedRow*>> by_version;
  for (const auto& r : rows) by_version[r.ras_version].push_back(&r);
  std::vector<DifferenceGroup> out;
  for (const auto& [version, all] : by_version) {
    out.push_back(group_of(version, "All", "Everyone", all));
    auto dimension = [&](const std::string& name, const std::vector<std::string>& labels, auto label_of) {
      for (const auto& label : labels) {
        std::vector<const AgreedRow*> in;
        for (const auto* r : all)
          if (label_of(*r) == label) in.push_back(r);
        if (!in.empty()) out.push_back(group_of(version, name, label, in));
      }
    };
    std::vector<std::string> bands;
    for (auto b : {people::AgeBand::Under18, people::AgeBand::Adult18To64, people::AgeBand::Older65Plus})
      bands.emplace_back(people::age_band_label(b));
    dimension("Age band", bands, [](const AgreedRow& r) { return std::string(people::age_band_label(r.age_band)); });
    std::vector<std::string> dementia;
    for (const auto& c : people::dementia_statuses()) dementia.emplace_back(c.value);
    dimension("Dementia", dementia, [](const AgreedRow& r) { return r.dementia; });
    dimension("Carer", {carer_label(true), carer_label(false)}, [](const AgreedRow& r) { return carer_label(r.has_carer); });
  }
  return out;
}

Result<Proposal> propose_model(const RasConfiguration& current, const std::vector<AgreedRow>& rows, int next_version) {
  Proposal p;
  p.model = current;
  p.model.version = next_version;
  if (current.method == Method::PricePerPoint) {
    Wide points_times_agreed = 0, points_squared = 0;
    for (const auto& r : rows) {
      if (r.points <= 0) continue;
      points_times_agreed += Wide(r.points) * r.agreed_weekly.pence();
      points_squared += Wide(r.points) * r.points;
      ++p.plans_used;
    }
    if (points_squared == 0) return fail("plans", "No agreed plan with any points yet: there is nothing to learn a price per point from");
    const Wide price = round_wide(points_times_agreed, points_squared);
    if (price > kWeeklyAmountLimit.pence())
      return fail("plans", "The agreed plans would need a price per point above the largest weekly amount Patchwork accepts");
    p.model.price_per_point = Money::from_pence(std::int64_t(price));
    p.workings.push_back(fmt::format(
        "From {} agreed {} with points: points × agreed weekly pence, added up, is {}; points × points, added up, is {}. "
        "{} ÷ {} is {} a point to the nearest penny (version {} has {}).",
        p.plans_used, p.plans_used == 1 ? "plan" : "plans", std::to_string(std::int64_t(points_times_agreed)),
        std::to_string(std::int64_t(points_squared)), std::to_string(std::int64_t(points_times_agreed)),
        std::to_string(std::int64_t(points_squared)), p.model.price_per_point.display(), current.version, current.price_per_point.display()));
  } else {
    for (auto& band : p.model.bands) {
      std::vector<std::int64_t> agreed;
      for (const auto& r : rows)
        if (r.points >= band.min_points && r.points <= band.max_points) agreed.push_back(r.agreed_weekly.pence());
      const std::string name = fmt::format("{} to {} points", band.min_points, band.max_points);
      if (agreed.empty()) {
        p.workings.push_back(fmt::format("{}: no agreed plan, so it stays {}.", name, band.weekly.display()));
        continue;
      }
      p.plans_used += std::int64_t(agreed.size());
      const auto before = band.weekly;
      band.weekly = Money::from_pence(spread_of(agreed).median);
      p.workings.push_back(fmt::format("{}: the median agreed cost of {} {} is {} (version {} has {}).", name, agreed.size(),
                                       agreed.size() == 1 ? "plan" : "plans", band.weekly.display(), current.version, before.display()));
    }
    if (p.plans_used == 0) return fail("plans", "No agreed plan falls in any band yet: there is nothing to learn a band table from");
  }
  // A proposal made from a proposal is named after the model it began from.
  const std::string base = current.name.substr(0, current.name.find(" (proposed from "));
  p.model.name = fmt::format("{} (proposed from {} agreed {})", base, p.plans_used, p.plans_used == 1 ? "plan" : "plans");
  return p;
}

}  // namespace patchwork::allocation
