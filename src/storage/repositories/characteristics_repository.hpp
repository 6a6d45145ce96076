#pragma once
// The history of a person's characteristics (people/characteristics.hpp), and
// the snapshot of them kept with a decision or an allocation.
#include <optional>
#include <string>

#include "core/date.hpp"
#include "domain/people/characteristics.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

// The person's history, the last recorded first (so the first entry of each
// characteristic is the one in effect today), with who recorded each.
people::CharacteristicHistory characteristic_history(Connection& c, CouncilId council_id, PersonId person_id);

// The one way a characteristic changes: the entry is added to the history and
// the person's own column (kept for reading) takes the value. Changes must
// come from people::characteristic_changes, which keeps the latest entry the
// current one.
void record_characteristic_change(Connection& c, const people::CharacteristicChange& change);

// The history's first entries for a newly recorded person: what was recorded
// about them, in effect from `from`, a date of death from that date.
void record_initial_characteristics(Connection& c, const people::Person& p, std::optional<UserId> recorded_by, CivilDate from);

// What held on `date` for this person (people::characteristics_as_at over the
// history as stored); nothing before their history begins.
std::optional<people::Characteristics> characteristics_as_at(Connection& c, CouncilId council_id, PersonId person_id, CivilDate date);

// A snapshot as kept in a column: JSON with the person field names. A column
// that cannot be read gives nothing.
std::string characteristics_to_json(const people::Characteristics& ch);
std::optional<people::Characteristics> characteristics_from_json(const std::string& text);

}  // namespace patchwork::storage
