#pragma once
// The effect of a new RAS model, grouped so a council can see who it would
// change and how: by age band, by dementia status and by carer status, with
// the count, the total and the average weekly change in each group.
#include <cstdint>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"

namespace patchwork::allocation {

// How a carer figures in the person's current allocation.
enum class CarerStatus {
  Counted,             // a willing-and-able statement: some needs counted as met by a carer
  RecordedNotCounted,  // a carer is recorded, with no willing-and-able statement
  NoneRecorded,
};
std::string_view carer_status_label(CarerStatus s);

struct EffectRow {
  PersonId person_id{};
  Money old_weekly{};
  Money new_weekly{};
  CivilDate date_of_birth{};
  std::string dementia{};  // the person's Dementia value: Not known, No, Suspected, Diagnosed
  CarerStatus carer = CarerStatus::NoneRecorded;
};

struct EffectGroup {
  std::string dimension;   // "Age band", "Dementia", "Carer"
  std::string label;       // "65 and over", "Diagnosed", "Carer counted (willing and able)"
  std::int64_t people = 0;
  std::int64_t increased = 0;
  std::int64_t decreased = 0;
  Money total_change{};    // new minus old, over the group
  Money average_change{};  // total ÷ people, to the nearest penny (halves away from zero)
};

// Every group of every dimension that has at least one person, in a fixed
// order (age bands young to old, dementia as the code list orders it, carer
// status as above). Ages are taken on `on`. The caller has checked that the
// totals fit (services::recalibrate does, once, for the whole council).
std::vector<EffectGroup> group_effect(const std::vector<EffectRow>& rows, CivilDate on);

}  // namespace patchwork::allocation
