#pragma once
// National spellings a plan line accepts besides those it stores: release 2 of
// the client-level data (CLD) specification renamed the carer Service_Type
// values ("Carer Support: Direct to Carer" became "Unpaid carer support:
// Direct to unpaid carer"), which sentence case alone does not map. Sources:
// docs/national-codes.md, "Service_Type, Service_Component and
// Cost_Frequency_Unit_Type".
#include <string>
#include <string_view>

namespace patchwork::planning {

// The stored (release 1) Service_Type for a release 2 spelling, ignoring case
// and surrounding spaces; any other text comes back as it was given.
std::string service_type_as_stored(std::string_view text);

}  // namespace patchwork::planning
