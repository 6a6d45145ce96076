#pragma once
// Code lists. Where the national client-level data (CLD) set has a list, its
// values are used as they are exported (release 1 spelling); release 2's
// sentence case ("Direct payment") is accepted and mapped to the same code.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace patchwork::people {

struct Code {
  std::string_view value;  // stored and exported
  std::string_view label;  // shown to people, in plain English
};

using CodeList = std::vector<Code>;

const CodeList& genders();
const CodeList& ethnicities();
const CodeList& primary_support_reasons();
const CodeList& accommodation_statuses();
const CodeList& dementia_statuses();        // No; Suspected; Diagnosed (CLD Dementia is Yes when diagnosed)
const CodeList& yes_no_unknown();           // Visual, hearing, autism flags and Has_Unpaid_Carer
const CodeList& preferred_contacts();
const CodeList& request_routes_of_access(); // Request_Route_of_Access
const CodeList& referral_sources();         // who made the request: GP, self, family...
const CodeList& event_types();              // Request, Assessment, Service, Review
// Service_Type, release 1 spelling (Service events and support plan lines):
// long-term support in the community, residential or nursing care or prison;
// three kinds of short-term support; support for a carer.
const CodeList& service_types();
// The stored (release 1) Service_Type for a release 2 spelling, ignoring case
// and surrounding spaces; any other text comes back as it was given. Release
// 2 renamed the carer values ("Carer Support: Direct to Carer" became "Unpaid
// carer support: Direct to unpaid carer"), which sentence case alone does not
// map (docs/national-codes.md, "Service_Type, Service_Component and
// Cost_Frequency_Unit_Type").
std::string service_type_as_stored(std::string_view text);
// The one Service_Type ASCOF 3D counts as long-term community support.
inline constexpr std::string_view kLongTermCommunity = "Long Term Support: Community";
const CodeList& event_outcomes();           // Event_Outcome, release 2 (stored and exported)
// A release 1 Event_Outcome spelling and the release 2 value it is stored as.
struct OutcomeAlias {
  std::string_view release_1;
  std::string_view release_2;
};
const std::vector<OutcomeAlias>& release_1_event_outcomes();
// The release 2 value for `text`: a release 2 value or label, or a release 1
// spelling (ignoring case); nothing when it is neither.
std::optional<std::string> event_outcome(std::string_view text);
const CodeList& assessment_types();         // Assessment_Type (Assessment events)
const CodeList& methods_of_assessment();    // Method_of_Assessment (Assessment events)
const CodeList& relationship_roles();       // authorised person, nominated person, attorney...
const CodeList& relationship_bases();       // consent, best-interests decision, registered LPA, court order
const CodeList& capacity_outcomes();
// The kind of decision a capacity assessment is about, so that the rules for
// who may act for a person can find the assessment that matters (a direct
// payment's, a welfare decision's, a money decision's).
const CodeList& capacity_decision_kinds();

// The stored value for `text` in `list`, matching either the value or the label,
// ignoring case; nothing when it is not in the list.
std::optional<std::string> canonical(const CodeList& list, std::string_view text);
std::string label_for(const CodeList& list, std::string_view value);

}  // namespace patchwork::people
