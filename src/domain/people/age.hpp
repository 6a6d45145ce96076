#pragma once
// Age bands used in care work and in every national figure.
#include <string_view>

#include "core/date.hpp"

namespace patchwork::people {

enum class AgeBand { Under18, Adult18To64, Older65Plus };

// Exact age on a date, from the exact date of birth: for care work.
AgeBand age_band_on(CivilDate date_of_birth, CivilDate on);
std::string_view age_band_label(AgeBand band);  // "18 to 64", "65 and over"

// Age for national figures, the way DHSC's published client-level data
// transformation takes it (rules.md "How the published transformation
// counts"): whole years of 365.25 days from the 1st of the birth month to
// `on`. It can differ from the exact age by a year either way near a
// birthday: born 20 December 2008, a person is 17 on 2 December 2026 but
// nationally 18 (counted from 1 December); born 1 December 2008, they are 18
// on 1 December 2026 but nationally still 17 (6,574 days is 17.998 years of
// 365.25 days). Keep the exact date of birth for care work; use this only in
// national returns and figures. Negative before the birth month begins.
int national_age_on(int birth_year, unsigned birth_month, CivilDate on);
int national_age_on(CivilDate date_of_birth, CivilDate on);

}  // namespace patchwork::people
