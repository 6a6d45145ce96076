#include "domain/people/age.hpp"

namespace patchwork::people {

AgeBand age_band_on(CivilDate date_of_birth, CivilDate on) {
  int age = age_on(date_of_birth, on);
  if (age < 18) return AgeBand::Under18;
  if (age < 65) return AgeBand::Adult18To64;
  return AgeBand::Older65Plus;
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
