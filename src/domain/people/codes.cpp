#include "domain/people/codes.hpp"

#include <algorithm>
#include <cctype>

namespace patchwork::people {

const CodeList& genders() {
  static const CodeList list = {{"Male", "Male"}, {"Female", "Female"}, {"Other", "Other"}, {"Unknown", "Not known"}};
  return list;
}

const CodeList& ethnicities() {
  // The NHS ethnic category list used by CLD.
  static const CodeList list = {
      {"White: English / Welsh / Scottish / Northern Irish / British", "White: English, Welsh, Scottish, Northern Irish or British"},
      {"White: Irish", "White: Irish"},
      {"White: Gypsy or Irish Traveller", "White: Gypsy or Irish Traveller"},
      {"White: Any other White background", "White: any other White background"},
      {"Mixed / Multiple ethnic groups: White and Black Caribbean", "Mixed: White and Black Caribbean"},
      {"Mixed / Multiple ethnic groups: White and Black African", "Mixed: White and Black African"},
      {"Mixed / Multiple ethnic groups: White and Asian", "Mixed: White and Asian"},
      {"Mixed / Multiple ethnic groups: Any other Mixed / Multiple ethnic background", "Mixed: any other mixed background"},
      {"Asian / Asian British: Indian", "Asian or Asian British: Indian"},
      {"Asian / Asian British: Pakistani", "Asian or Asian British: Pakistani"},
      {"Asian / Asian British: Bangladeshi", "Asian or Asian British: Bangladeshi"},
      {"Asian / Asian British: Chinese", "Asian or Asian British: Chinese"},
      {"Asian / Asian British: Any other Asian background", "Asian or Asian British: any other Asian background"},
      {"Black / African / Caribbean / Black British: African", "Black or Black British: African"},
      {"Black / African / Caribbean / Black British: Caribbean", "Black or Black British: Caribbean"},
      {"Black / African / Caribbean / Black British: Any other Black / African / Caribbean background", "Black or Black British: any other Black background"},
      {"Other ethnic group: Arab", "Other ethnic group: Arab"},
      {"Other ethnic group: Any other ethnic group", "Other ethnic group: any other"},
      {"Refused", "Prefers not to say"},
      {"Undeclared / Not known", "Not known"},
  };
  return list;
}

const CodeList& primary_support_reasons() {
  static const CodeList list = {
      {"Physical Support: Access & mobility only", "Physical support: access and mobility only"},
      {"Physical Support: Personal care support", "Physical support: personal care"},
      {"Sensory Support: Support for visual impairment", "Sensory support: sight"},
      {"Sensory Support: Support for hearing impairment", "Sensory support: hearing"},
      {"Sensory Support: Support for dual impairment", "Sensory support: sight and hearing"},
      {"Support with Memory & Cognition", "Support with memory and cognition"},
      {"Learning Disability Support", "Learning disability support"},
      {"Mental Health Support", "Mental health support"},
      {"Social Support: Substance misuse support", "Social support: substance misuse"},
      {"Social Support: Asylum seeker support", "Social support: asylum seeker"},
      {"Social Support: Support for Social Isolation/Other", "Social support: social isolation or other"},
      {"Social Support: Support to Carer", "Social support: support to a carer"},
      {"Unknown", "Not yet known"},
  };
  return list;
}

const CodeList& accommodation_statuses() {
  // Exactly the national Accommodation_Status values, as DHSC's published
  // client-level-data code lists them (its ASCOF 2E reference table), with a
  // plain-English label for the page. "Unknown" is the national value for
  // not known.
  static const CodeList list = {
      {"Owner occupier or shared ownership scheme", "Owns their home (or shared ownership)"},
      {"Tenant", "Rents their home from the council or a housing association"},
      {"Tenant - private landlord", "Rents their home from a private landlord"},
      {"Settled mainstream housing with family / friends", "Lives with family or friends, settled"},
      {"Supported accommodation / supported lodgings / supported group home", "Supported accommodation, lodgings or group home"},
      {"Shared Lives scheme", "Shared Lives scheme"},
      {"Approved premises for offenders released from prison or under probation supervision", "Approved premises (probation)"},
      {"Sheltered housing / extra care housing / other sheltered housing", "Sheltered or extra care housing"},
      {"Mobile accommodation for Gypsy / Roma and Traveller communities", "Mobile home or site for Gypsy, Roma or Traveller communities"},
      {"Rough sleeper / squatting", "Sleeping rough or squatting"},
      {"Night shelter / emergency hostel / direct access hostel", "Night shelter or emergency hostel"},
      {"Refuge", "Refuge"},
      {"Placed in temporary accommodation by the council (inc. homelessness resettlement)", "Temporary accommodation from the council"},
      {"Staying with family / friends as a short-term guest", "Staying with family or friends for a short time"},
      {"Acute / long-term healthcare residential facility or hospital", "Hospital or long-term healthcare facility"},
      {"Registered care home", "Care home"},
      {"Registered nursing home", "Nursing home"},
      {"Prison / Young offenders institution / detention centre", "Prison or detention"},
      {"Other temporary accommodation", "Other temporary accommodation"},
      {"Unknown", "Not known"},
  };
  return list;
}

const CodeList& dementia_statuses() {
  // "Not known" first and by default: a person never asked must not be counted
  // as having no dementia, the opposite of what the figures exist to show.
  static const CodeList list = {{"Not known", "Not known yet: not asked, or not recorded"},
                                {"No", "No dementia (asked and recorded)"},
                                {"Suspected", "Suspected, not diagnosed"},
                                {"Diagnosed", "Diagnosed"}};
  return list;
}

const CodeList& yes_no_unknown() {
  static const CodeList list = {{"Yes", "Yes"}, {"No", "No"}, {"Unknown", "Not known"}};
  return list;
}

const CodeList& preferred_contacts() {
  static const CodeList list = {{"phone", "Phone"}, {"letter", "Letter"}, {"email", "Email"}, {"visit", "A visit"},
                                {"through_representative", "Through their representative"}};
  return list;
}

const CodeList& request_routes_of_access() {
  static const CodeList list = {
      {"Discharge from hospital", "Leaving hospital"},
      {"Diversion from hospital services", "To avoid a hospital admission"},
      {"Community / other route", "From the community"},
      {"Self-funder with depleted funds", "Paid for own care, savings running out"},
      {"Planned entry (transition)", "Moving from children's services"},
      {"Prison", "From prison"},
  };
  return list;
}

const CodeList& referral_sources() {
  static const CodeList list = {{"self", "The person themself"}, {"family", "Family or friends"}, {"gp", "GP"},
                                {"hospital", "Hospital"}, {"other", "Someone else"}};
  return list;
}

const CodeList& event_types() {
  static const CodeList list = {{"Request", "Request for support"}, {"Assessment", "Assessment"}, {"Service", "Support provided"},
                                {"Review", "Review"}};
  return list;
}

const CodeList& event_outcomes() {
  static const CodeList list = {
      {"Progress to Reablement/ST-Max", "Short-term support to regain independence"},
      {"Progress to Assessment", "Needs assessment"},
      {"Admitted to hospital", "Admitted to hospital"},
      {"Progress to Re-assessment / Unplanned Review", "Reassessment or unplanned review"},
      {"Progress to Support Planning / Services", "Support planning"},
      {"Progress to financial assessment", "Financial assessment"},
      {"Progress to End of Life Care", "End of life care"},
      {"Provision of service", "Support provided"},
      {"No change in package", "Support continues unchanged"},
      {"Service ended as planned", "Support ended as planned"},
      {"NFA - Information & Advice / Signposting only", "Information and advice given"},
      {"NFA - Support declined", "Support declined"},
      {"NFA - Self-funded client (Inc. 12wk disregard)", "Arranging and paying for own support"},
      {"NFA - 100% NHS funded care", "Fully NHS funded care"},
      {"NFA - Moved to another LA", "Moved to another council"},
      {"NFA - Deceased", "Died"},
      {"NFA - No services offered: Other reason", "No support offered (other reason)"},
      {"NFA - Support ended: Other reason", "Support ended (other reason)"},
  };
  return list;
}

const CodeList& relationship_roles() {
  static const CodeList list = {
      {"authorised_person", "Authorised person (receives a direct payment for someone who lacks capacity)"},
      {"nominated_person", "Nominated person (manages a direct payment for someone who has capacity)"},
      {"appointee", "DWP appointee (manages benefits)"},
      {"lpa_health_welfare", "Lasting power of attorney: health and welfare"},
      {"lpa_property_financial", "Lasting power of attorney: property and financial affairs"},
      {"deputy_personal_welfare", "Deputy for personal welfare (Court of Protection)"},
      {"deputy_property_affairs", "Deputy for property and affairs (Court of Protection)"},
      {"epa_registered", "Enduring power of attorney (registered)"},
      {"independent_advocate", "Independent advocate (Care Act, section 67): helps the person take part; never acts for them"},
      {"family_carer", "Family carer"},
  };
  return list;
}

const CodeList& relationship_bases() {
  static const CodeList list = {{"consent", "The person agreed"},
                                {"best_interests", "A best-interests decision (the person lacks capacity to decide)"},
                                {"registered_lpa", "A registered lasting power of attorney"},
                                {"court_order", "A Court of Protection order"},
                                {"registered_epa", "A registered enduring power of attorney"},
                                {"dwp_appointment", "An appointment by the Department for Work and Pensions"},
                                {"care_act_advocacy", "Arranged by the council under the Care Act (section 67)"}};
  return list;
}

const CodeList& capacity_decision_kinds() {
  static const CodeList list = {{"care_and_support", "Decisions about care and support"},
                                {"managing_direct_payment", "Managing a direct payment"},
                                {"property_and_finance", "Property and money"},
                                {"other", "Another decision (describe it)"}};
  return list;
}

const CodeList& capacity_outcomes() {
  static const CodeList list = {{"has_capacity", "Has capacity to make this decision"},
                                {"lacks_capacity", "Lacks capacity to make this decision"}};
  return list;
}

namespace {
bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}
}  // namespace

std::optional<std::string> canonical(const CodeList& list, std::string_view text) {
  for (const auto& c : list)
    if (same_ignoring_case(c.value, text) || same_ignoring_case(c.label, text)) return std::string(c.value);
  return std::nullopt;
}

std::string label_for(const CodeList& list, std::string_view value) {
  for (const auto& c : list)
    if (c.value == value) return std::string(c.label);
  return std::string(value);
}

}  // namespace patchwork::people
