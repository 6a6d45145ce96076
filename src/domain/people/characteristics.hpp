#pragma once
// The characteristics that the council's figures are split by (dementia,
// primary support reason, where the person lives, whether they have an unpaid
// carer, date of death), kept as a history with the dates the changes took
// effect. A figure or an event asks what was true on its own date, never what
// is true today: a decision made while someone's dementia was only suspected
// counts as made for someone with suspected dementia, even after a diagnosis.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/people/person.hpp"

namespace patchwork::people {

enum class Characteristic { Dementia, PrimarySupportReason, AccommodationStatus, HasUnpaidCarer, DateOfDeath };

const std::vector<Characteristic>& all_characteristics();
// The stored code, which is also the person field's name: "dementia",
// "primary_support_reason", "accommodation_status", "has_unpaid_carer", "date_of_death".
std::string_view characteristic_code(Characteristic c);
std::optional<Characteristic> characteristic_from_code(std::string_view code);
// Plain English, for the record page: "Dementia", "Where they live"...
std::string_view characteristic_label(Characteristic c);

// What held on one date. The defaults are the "not known" values: before
// anything was recorded nothing is assumed (dementia is never assumed "No").
struct Characteristics {
  std::string dementia = "Not known";
  std::string primary_support_reason = "Unknown";
  std::string accommodation_status = "Unknown";
  std::string has_unpaid_carer = "Unknown";
  std::optional<CivilDate> date_of_death{};

  bool operator==(const Characteristics&) const = default;
};

Characteristics characteristics_of(const Person& p);
// The value as stored in the history: the code, or for the date of death an
// ISO date ("" when there is none).
std::string value_of(const Characteristics& c, Characteristic which);
// The value shown to people: the code list's label, or the date written out.
std::string display_value(Characteristic which, std::string_view value);

// One change: the value a characteristic took, from the date it took effect.
struct CharacteristicChange {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  Characteristic characteristic = Characteristic::Dementia;
  std::string value{};                 // as value_of gives it
  CivilDate effective_from{};
  std::optional<UserId> recorded_by{};  // none: carried over when the history began
  std::string recorded_by_name{};      // filled in when read, for showing
  std::string recorded_at{};           // UTC timestamp
};
using CharacteristicHistory = std::vector<CharacteristicChange>;

// What was true on `date`, from a person's history (in any order). Each
// entry says "this value, from this date on", as a worker records it on the
// person's record, so:
// - for each coded characteristic, of the changes that took effect on or
//   before the date, the one recorded last holds (a change recorded later with
//   an earlier date corrects what was recorded for that time, and two changes
//   on the same day go by which was recorded last); with none, the not-known
//   default;
// - the date of death as most lately recorded (a correction replaces a wrong
//   date outright), when it is on or before the date: a person who died on
//   1 November had died by 5 November, however late that was recorded.
// Nothing when the date is before every entry: nothing was known then.
std::optional<Characteristics> characteristics_as_at(const CharacteristicHistory& history, CivilDate date);

// The entries that change `before` into `after`, each taking effect on
// `effective_from` (a date of death takes effect on the date of death itself).
// Refused, naming the field "effective_from", when that date is in the future.
// The last entry recorded is always the one in effect today, so the person's
// record shows it.
Result<CharacteristicHistory> characteristic_changes(const Characteristics& before, const Characteristics& after,
                                                     CivilDate effective_from, CivilDate today);

}  // namespace patchwork::people
