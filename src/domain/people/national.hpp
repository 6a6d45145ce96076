#pragma once
// The national client-level data (CLD) values of a person's characteristics,
// and the person fields that exist only for the national return: Client_Type,
// Employment_Status and the GP practice. Lists are as DHSC's published CLD
// transformation code (DataS-DHSC/ASC-CLD-LA-Dashboard) spells them; release 1
// spelling is stored and exported, release 2's is accepted and mapped to it
// (as people/codes.hpp does). docs/national-data.md says where each came from.
#include <optional>
#include <string>
#include <string_view>

#include "domain/people/characteristics.hpp"
#include "domain/people/codes.hpp"

namespace patchwork::people {

// CLD `Dementia` is a flag (Yes, No, Unknown), like the sight, hearing and
// autism flags beside it. We record more than it can hold, so:
//   Diagnosed -> Yes;  No -> No;
//   Suspected -> Unknown: a suspicion is not a diagnosis, so "Yes" would count
//     people as having dementia that no one has diagnosed, and "No" would deny
//     what the worker has seen. Patchwork's own figures keep Suspected apart.
//   Not known -> Unknown: never asked is not "No".
// Anything else is not one of our values: nothing.
std::optional<std::string_view> cld_dementia(std::string_view stored);

// The CLD person fields for the characteristics, as exported. Primary support
// reason, accommodation status and unpaid carer are stored as their national
// values already, so they pass through; the date of death is an ISO date or "".
struct CldCharacteristics {
  std::string dementia;                // Dementia
  std::string primary_support_reason;  // Primary_Support_Reason
  std::string accommodation_status;    // Accommodation_Status
  std::string has_unpaid_carer;        // Has_Unpaid_Carer
  std::string date_of_death;           // Date_of_Death
};
CldCharacteristics cld_characteristics(const Characteristics& c);

// Client_Type is in the CLD's person details (DHSC's data quality code lists
// it under "Person details", not under events): one value for the person.
// Service User (the default: Patchwork's people are those the council
// supports); Carer; Carer known by association.
const CodeList& client_types();
// Employment_Status: Paid: Less than 16 hours a week; Paid: 16 or more hours a
// week; Paid: Hours per week unknown; Not in Paid Employment (seeking work);
// ... (voluntary work only); ... (not actively seeking work / retired); Unknown.
const CodeList& employment_statuses();
// The stored (release 1) value for text in either release's spelling, or the
// plain-English label; nothing when it is neither.
std::optional<std::string> canonical_client_type(std::string_view text);
std::optional<std::string> canonical_employment_status(std::string_view text);

// An NHS ODS code for a GP practice: one letter and five digits ("A81001"),
// spaces around it ignored and the letter made capital; nothing otherwise.
std::optional<std::string> normalise_gp_practice_code(std::string_view text);

}  // namespace patchwork::people
