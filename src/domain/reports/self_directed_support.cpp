#include "domain/reports/self_directed_support.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "domain/people/age.hpp"
#include "domain/people/codes.hpp"

namespace patchwork::reports {

Result<CivilDate> as_at_date(std::string_view text, CivilDate today) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return today;
  auto d = CivilDate::parse_iso(text);
  if (!d) return std::unexpected(FieldErrors{{"on", "The date must be a real date written year-month-day, like " + today.iso()}});
  if (*d > today) return std::unexpected(FieldErrors{{"on", "The date must be today or in the past: the figures count support that was in force"}});
  return *d;
}

std::span<const Band> bands() {
  static constexpr std::array all = {Band::From18To64, Band::From65, Band::From65To74, Band::From75To84, Band::From85};
  return all;
}

std::string_view band_label(Band b) {
  switch (b) {
    case Band::From18To64: return "18 to 64";
    case Band::From65: return "65 and over";
    case Band::From65To74: return "65 to 74";
    case Band::From75To84: return "75 to 84";
    case Band::From85: return "85 and over";
  }
  return "";
}

std::string_view band_code(Band b) {
  switch (b) {
    case Band::From18To64: return "18-64";
    case Band::From65: return "65+";
    case Band::From65To74: return "65-74";
    case Band::From75To84: return "75-84";
    case Band::From85: return "85+";
  }
  return "";
}

std::vector<Band> bands_for_age(int age) {
  if (age < 18) return {};
  if (age < 65) return {Band::From18To64};
  if (age < 75) return {Band::From65, Band::From65To74};
  if (age < 85) return {Band::From65, Band::From75To84};
  return {Band::From65, Band::From85};
}

Counts& Counts::operator+=(const Counts& o) {
  people += o.people;
  personal_budget += o.personal_budget;
  direct_payment += o.direct_payment;
  return *this;
}

std::optional<std::int64_t> Share::tenths_of_percent() const {
  if (denominator <= 0) return std::nullopt;
  // Half up, in integers: (1000n / d) rounded is (2000n + d) / 2d.
  return (2000 * numerator + denominator) / (2 * denominator);
}

std::string Share::percent() const {
  auto t = tenths_of_percent();
  if (!t) return "";
  return std::to_string(*t / 10) + "." + std::to_string(*t % 10) + "%";
}

Share personal_budget_share(const Counts& c) { return {c.personal_budget, c.people}; }
Share direct_payment_share(const Counts& c) { return {c.direct_payment, c.people}; }
Share managed_share(const Counts& c) { return {c.managed(), c.personal_budget}; }

std::vector<std::string> dementia_order(const std::vector<std::string>& seen) {
  // Ours, most to least certain, with Not known last (codes.cpp lists it first
  // as the default of a form, which is not the order a reader wants).
  std::vector<std::string> out = {"Diagnosed", "Suspected", "No", "Not known"};
  std::set<std::string> known;
  for (const auto& c : people::dementia_statuses()) known.insert(std::string(c.value));
  std::set<std::string> others;
  for (const auto& s : seen)
    if (!known.contains(s)) others.insert(s);
  out.insert(out.end(), others.begin(), others.end());
  return out;
}

void Tally::add(const SupportGroup& g) {
  if (g.people <= 0) return;
  const int age = people::national_age_on(g.birth_year, g.birth_month, on_);
  const auto in = bands_for_age(age);
  if (in.empty()) {
    under_18_[g.council_id.value()] += g.people;
    return;
  }
  Counts c;
  c.people = g.people;
  c.personal_budget = g.personal_budget ? g.people : 0;
  // A direct payment is part of a personal budget: never counted without one.
  c.direct_payment = g.personal_budget && g.direct_payment ? g.people : 0;
  for (auto band : in) counts_[Key{g.council_id.value(), band, g.dementia}] += c;
}

Summary Tally::summary(const std::vector<CouncilName>& councils) const {
  Summary s;
  s.on = on_;
  std::vector<std::string> seen;
  for (const auto& [key, c] : counts_) seen.push_back(key.dementia);
  const auto order = dementia_order(seen);
  std::map<std::pair<Band, std::string>, Counts> national;

  for (const auto& council : councils) {
    CouncilFigures f;
    f.council_id = council.id;
    f.code = council.code;
    f.name = council.name;
    if (auto u = under_18_.find(council.id.value()); u != under_18_.end()) f.under_18 = u->second;
    for (auto band : bands()) {
      Counts all;
      for (const auto& d : order) {
        Counts c;
        if (auto it = counts_.find(Key{council.id.value(), band, d}); it != counts_.end()) c = it->second;
        f.lines.push_back(Line{band, d, c});
        national[{band, d}] += c;
        all += c;
      }
      f.lines.push_back(Line{band, "", all});
      national[{band, ""}] += all;
      // The two national bands do not overlap, so together they are everyone.
      if (band == Band::From18To64 || band == Band::From65) f.total += all;
    }
    s.national += f.total;
    s.under_18 += f.under_18;
    s.councils.push_back(std::move(f));
  }
  for (auto band : bands()) {
    for (const auto& d : order) s.national_lines.push_back(Line{band, d, national[{band, d}]});
    s.national_lines.push_back(Line{band, "", national[{band, ""}]});
  }
  return s;
}

}  // namespace patchwork::reports
