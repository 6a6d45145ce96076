#include "domain/people/characteristics.hpp"

#include <algorithm>
#include <tuple>

#include "domain/people/codes.hpp"

namespace patchwork::people {

const std::vector<Characteristic>& all_characteristics() {
  static const std::vector<Characteristic> all = {Characteristic::Dementia, Characteristic::PrimarySupportReason,
                                                  Characteristic::AccommodationStatus, Characteristic::HasUnpaidCarer,
                                                  Characteristic::DateOfDeath};
  return all;
}

std::string_view characteristic_code(Characteristic c) {
  switch (c) {
    case Characteristic::Dementia: return "dementia";
    case Characteristic::PrimarySupportReason: return "primary_support_reason";
    case Characteristic::AccommodationStatus: return "accommodation_status";
    case Characteristic::HasUnpaidCarer: return "has_unpaid_carer";
    case Characteristic::DateOfDeath: return "date_of_death";
  }
  return "dementia";
}

std::optional<Characteristic> characteristic_from_code(std::string_view code) {
  for (auto c : all_characteristics())
    if (characteristic_code(c) == code) return c;
  return std::nullopt;
}

std::string_view characteristic_label(Characteristic c) {
  switch (c) {
    case Characteristic::Dementia: return "Dementia";
    case Characteristic::PrimarySupportReason: return "Primary support reason";
    case Characteristic::AccommodationStatus: return "Where they live";
    case Characteristic::HasUnpaidCarer: return "Unpaid carer";
    case Characteristic::DateOfDeath: return "Date of death";
  }
  return "";
}

Characteristics characteristics_of(const Person& p) {
  return {p.dementia, p.primary_support_reason, p.accommodation_status, p.has_unpaid_carer, p.date_of_death};
}

std::string value_of(const Characteristics& c, Characteristic which) {
  switch (which) {
    case Characteristic::Dementia: return c.dementia;
    case Characteristic::PrimarySupportReason: return c.primary_support_reason;
    case Characteristic::AccommodationStatus: return c.accommodation_status;
    case Characteristic::HasUnpaidCarer: return c.has_unpaid_carer;
    case Characteristic::DateOfDeath: return c.date_of_death ? c.date_of_death->iso() : std::string();
  }
  return {};
}

std::string display_value(Characteristic which, std::string_view value) {
  switch (which) {
    case Characteristic::Dementia: return label_for(dementia_statuses(), value);
    case Characteristic::PrimarySupportReason: return label_for(primary_support_reasons(), value);
    case Characteristic::AccommodationStatus: return label_for(accommodation_statuses(), value);
    case Characteristic::HasUnpaidCarer: return label_for(yes_no_unknown(), value);
    case Characteristic::DateOfDeath: return value.empty() ? std::string("None (withdrawn)") : display_date(value);
  }
  return std::string(value);
}

namespace {

// Entries recorded in the same second are told apart by their ids, which grow.
auto recorded_order(const CharacteristicChange& c) { return std::tie(c.recorded_at, c.id); }

void set(Characteristics& out, Characteristic which, const std::string& value) {
  switch (which) {
    case Characteristic::Dementia: out.dementia = value; break;
    case Characteristic::PrimarySupportReason: out.primary_support_reason = value; break;
    case Characteristic::AccommodationStatus: out.accommodation_status = value; break;
    case Characteristic::HasUnpaidCarer: out.has_unpaid_carer = value; break;
    case Characteristic::DateOfDeath: out.date_of_death = value.empty() ? std::nullopt : CivilDate::parse_iso(value); break;
  }
}

}  // namespace

std::optional<Characteristics> characteristics_as_at(const CharacteristicHistory& history, CivilDate date) {
  bool anything = false;
  for (const auto& c : history) anything |= c.effective_from <= date;
  if (!anything) return std::nullopt;
  Characteristics out;
  for (auto which : all_characteristics()) {
    const CharacteristicChange* best = nullptr;
    for (const auto& c : history) {
      if (c.characteristic != which) continue;
      const bool in_effect = which == Characteristic::DateOfDeath || c.effective_from <= date;  // death: see the header
      if (in_effect && (!best || recorded_order(*best) < recorded_order(c))) best = &c;
    }
    if (!best) continue;
    set(out, which, best->value);
  }
  if (out.date_of_death && *out.date_of_death > date) out.date_of_death.reset();
  return out;
}

Result<CharacteristicHistory> characteristic_changes(const Characteristics& before, const Characteristics& after,
                                                     CivilDate effective_from, CivilDate today) {
  if (effective_from > today) return fail("effective_from", "The date the change took effect must be today or in the past");
  CharacteristicHistory changes;
  for (auto which : all_characteristics()) {
    std::string was = value_of(before, which), now = value_of(after, which);
    if (was == now) continue;
    CharacteristicChange change;
    change.characteristic = which;
    change.value = now;
    // A death takes effect the day it happened, whenever it is recorded.
    change.effective_from = which == Characteristic::DateOfDeath && after.date_of_death ? *after.date_of_death : effective_from;
    changes.push_back(std::move(change));
  }
  return changes;
}

}  // namespace patchwork::people
