#include "domain/allocation/effect.hpp"

#include "domain/people/age.hpp"
#include "domain/people/codes.hpp"

namespace patchwork::allocation {

std::string_view carer_status_label(CarerStatus s) {
  switch (s) {
    case CarerStatus::Counted: return "Carer willing and able to help with some needs";
    case CarerStatus::RecordedNotCounted: return "Carer recorded, no needs counted as met";
    case CarerStatus::NoneRecorded: return "No carer recorded";
  }
  return "No carer recorded";
}

namespace {

void add(EffectGroup& g, const EffectRow& r) {
  ++g.people;
  const Money change = r.new_weekly.minus(r.old_weekly).value();  // checked by the recalibration that stored it
  if (change.pence() > 0) ++g.increased;
  if (change.pence() < 0) ++g.decreased;
  // A group's old and new totals are parts of the council's, which the
  // recalibration checked fit; so does their difference.
  g.total_change = g.total_change.plus(change).value();
}

}  // namespace

std::vector<EffectGroup> group_effect(const std::vector<EffectRow>& rows, CivilDate on) {
  std::vector<EffectGroup> groups;
  auto dimension = [&](const std::string& name, const std::vector<std::string>& labels, auto label_of) {
    for (const auto& label : labels) {
      EffectGroup g{name, label};
      for (const auto& r : rows)
        if (label_of(r) == label) add(g, r);
      if (g.people > 0) {
        g.average_change = g.total_change.scaled(1, g.people).value();
        groups.push_back(std::move(g));
      }
    }
  };
  std::vector<std::string> bands;
  for (auto b : {people::AgeBand::Under18, people::AgeBand::Adult18To64, people::AgeBand::Older65Plus})
    bands.emplace_back(people::age_band_label(b));
  dimension("Age band", bands, [&](const EffectRow& r) { return std::string(people::age_band_label(people::age_band_on(r.date_of_birth, on))); });
  std::vector<std::string> dementia;
  for (const auto& c : people::dementia_statuses()) dementia.emplace_back(c.value);
  dimension("Dementia", dementia, [](const EffectRow& r) { return r.dementia; });
  std::vector<std::string> carers;
  for (auto s : {CarerStatus::Counted, CarerStatus::RecordedNotCounted, CarerStatus::NoneRecorded}) carers.emplace_back(carer_status_label(s));
  dimension("Carer", carers, [](const EffectRow& r) { return std::string(carer_status_label(r.carer)); });
  return groups;
}

}  // namespace patchwork::allocation
