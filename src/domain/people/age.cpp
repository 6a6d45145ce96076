#include "domain/people/age.hpp"

#include <cstdint>

namespace patchwork::people {

AgeBand age_band_on(CivilDate date_of_birth, CivilDate on) {
  int age = age_on(date_of_birth, on);
  if (age < 18) return AgeBand::Under18;
  if (age < 65) return AgeBand::Adult18To64;
  return AgeBand::Older65Plus;
}

int national_age_on(int birth_year, unsigned birth_month, CivilDate on) {
  const auto from = CivilDate(birth_year, birth_month, 1);
  const std::int64_t days = (on.days() - from.days()).count();
  // 365.25 days is 1461/4, so whole years are floor(4 * days / 1461): exact
  // in integers, with no rounding of a fraction to worry about.
  const std::int64_t quarters = 4 * days;
  return int(quarters >= 0 ? quarters / 1461 : -((-quarters + 1460) / 1461));
}

int national_age_on(CivilDate date_of_birth, CivilDate on) {
  return national_age_on(date_of_birth.year(), date_of_birth.month(), on);
}

std::string_view age_band_label(AgeBand band) {
  switch (band) {
    case AgeBand::Under18: return "under 18";
    case AgeBand::Adult18To64: return "18 to 64";
    case AgeBand::Older65Plus: return "65 and over";
  }
  return "unknown";
}

}  // namespace patchwork::people
