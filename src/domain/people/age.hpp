#pragma once
// Age bands used in care work and in every national figure.
#include <string_view>

#include "core/date.hpp"

namespace patchwork::people {

enum class AgeBand { Under18, Adult18To64, Older65Plus };

// Exact age on a date, from the exact date of birth: for care work.
AgeBand age_band_on(CivilDate date_of_birth, CivilDate on);
std::string_view age_band_label(AgeBand band);  // "18 to 64", "65 and over"

}  // namespace patchwork::people
