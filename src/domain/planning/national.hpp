#pragma once
// National spellings a plan line accepts besides those it stores. The
// Service_Type list and its release 2 spellings belong to the people domain
// now (people/codes.hpp), because a person's Service events carry a
// Service_Type as plan lines do; planning names them as it did.
#include "domain/people/codes.hpp"

namespace patchwork::planning {

using people::service_type_as_stored;

}  // namespace patchwork::planning
