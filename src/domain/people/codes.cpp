#include "domain/people/codes.hpp"

#include <algorithm>
#include <cctype>

#include "core/text.hpp"

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

const CodeList& service_types() {
  // The national Service_Type values, release 1 spelling, as rules.md lists them
  // and DHSC's code compares them (ASCOF_measures/Create_ASCOF_3D*.sql:
  // 'Long Term Support: Community'; release 2's 'Long term support: Residential
  // care' is the same value in sentence case, accepted by canonical()).
  static const CodeList list = {
      {"Long Term Support: Community", "Long-term support at home or in the community"},
      {"Long Term Support: Residential Care", "Long-term residential care"},
      {"Long Term Support: Nursing Care", "Long-term nursing care"},
      {"Long Term Support: Prison", "Long-term support in prison"},
      {"Short Term Support: ST-Max", "Short-term support to maximise independence (reablement)"},
      {"Short Term Support: Ongoing Low Level", "Short-term: ongoing low-level support"},
      {"Short Term Support: Other Short Term", "Other short-term support"},
      {"Carer Support: Direct to Carer", "Support given to a carer"},
      {"Carer Support: Support involving the person cared-for", "Carer support involving the person cared for"},
  };
  return list;
}

namespace {

struct Alias {
  std::string_view release_2;
  std::string_view stored;
};

// DHSC's release 2 spellings, as its code compares them: the Service_Type
// grouping table in Main_tables/docs/methodology/5-data-cleaning.md and the
// carer cohort of ASCOF_measures/Create_ASCOF_3D_2425_Onwards.sql ("Unpaid
// carer support: Direct to unpaid carer", "Unpaid carer support: Support
// involving the person cared-for"). The other seven release 2 values differ
// from release 1 only in case ("Long term support: Community"), which the
// code list's own matching already accepts.
constexpr Alias kRelease2[] = {
    {"Unpaid carer support: Direct to unpaid carer", "Carer Support: Direct to Carer"},
    {"Unpaid carer support: Support involving the person cared-for", "Carer Support: Support involving the person cared-for"},
};

}  // namespace

std::string service_type_as_stored(std::string_view text) {
  const auto t = to_lower(trim(text));
  for (const auto& a : kRelease2)
    if (to_lower(a.release_2) == t) return std::string(a.stored);
  return std::string(text);
}

const CodeList& event_outcomes() {
  // Release 2 of the client-level data specification, spelt exactly as DHSC's
  // published transformation code has the cleaned values (its event outcome
  // hierarchy, ASC-CLD-LA-Dashboard Main_tables methodology and
  // Waiting_times/waiting_times_method.sql). These are what is stored and exported.
  static const CodeList list = {
      {"Progress to reablement/ST-Max", "Short-term support to regain independence (reablement)"},
      {"Progress to assessment, review or reassessment", "An assessment, review or reassessment"},
      {"Progress to support planning or services", "Support planning or support"},
      {"Continuation of support or services", "Support continues"},
      {"Admitted to hospital", "Admitted to hospital"},
      {"NFA: Responsibility moved to another local authority", "No further action: moved to another council"},
      {"NFA: Referral to NHS services or NHS funded social care", "No further action: referred to the NHS or NHS-funded care"},
      {"NFA: Self-funded client or under 12wk disregard", "No further action: arranging and paying for own support"},
      {"NFA: Information and advice or signposting", "No further action: information and advice given"},
      {"NFA: Referral to other service within the local authority", "No further action: referred to another council service"},
      {"NFA: Support declined", "No further action: support declined"},
      {"NFA: Deceased", "No further action: died"},
      {"NFA: Support ended as planned", "No further action: support ended as planned"},
      {"NFA: Support ended for other reason", "No further action: support ended (other reason)"},
      {"NFA: No services offered for other reason", "No further action: no support offered (other reason)"},
      {"NFA: Other", "No further action: other"},
  };
  return list;
}

const std::vector<OutcomeAlias>& release_1_event_outcomes() {
  // Release 1 spellings as DHSC's code lists them (its release 1 event outcome
  // hierarchy), each with the release 2 value it becomes. The pairs that have a
  // release 2 equivalent follow DHSC's own mapping: its R1 hierarchy maps both
  // "Progress to Assessment" and "Progress to Re-assessment / Unplanned Review"
  // to one release 2 value, and "No change in package" and "Provision of
  // service" to "Continuation of support or services" ("Release 2 multiple
  // mappings"). DHSC counts only "Progress to financial assessment" and
  // "Progress to End of Life Care" as "Release 1 specification only: Not
  // mapped", a value no return can hold; Patchwork maps both to "Progress to
  // support planning or services", because DHSC's waiting-times code counts that
  // not-mapped group with the outcomes that progress to support, and both are
  // steps towards support being arranged (docs/national-codes.md says more).
  static const std::vector<OutcomeAlias> list = {
      {"Progress to Reablement/ST-Max", "Progress to reablement/ST-Max"},
      {"Progress to Assessment", "Progress to assessment, review or reassessment"},
      {"Progress to Re-assessment / Unplanned Review", "Progress to assessment, review or reassessment"},
      {"Progress to Support Planning / Services", "Progress to support planning or services"},
      {"Progress to financial assessment", "Progress to support planning or services"},
      {"Progress to End of Life Care", "Progress to support planning or services"},
      {"Provision of service", "Continuation of support or services"},
      {"No change in package", "Continuation of support or services"},
      {"Admitted to hospital", "Admitted to hospital"},
      {"Service ended as planned", "NFA: Support ended as planned"},
      {"NFA - Moved to another LA", "NFA: Responsibility moved to another local authority"},
      {"NFA - 100% NHS funded care", "NFA: Referral to NHS services or NHS funded social care"},
      {"NFA - Self-funded client (Inc. 12wk disregard)", "NFA: Self-funded client or under 12wk disregard"},
      {"NFA - Information & Advice / Signposting only", "NFA: Information and advice or signposting"},
      {"NFA - Support declined", "NFA: Support declined"},
      {"NFA - Deceased", "NFA: Deceased"},
      {"NFA - Support ended: Other reason", "NFA: Support ended for other reason"},
      {"NFA - No services offered: Other reason", "NFA: No services offered for other reason"},
      {"NFA- Other", "NFA: Other"},
      {"NFA - Other", "NFA: Other"},  // the spelling some councils' systems use
  };
  return list;
}

namespace {
bool same_text_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}
}  // namespace

std::optional<std::string> event_outcome(std::string_view text) {
  if (auto c = canonical(event_outcomes(), text)) return c;
  for (const auto& alias : release_1_event_outcomes())
    if (same_text_ignoring_case(alias.release_1, text)) return std::string(alias.release_2);
  return std::nullopt;
}

const CodeList& assessment_types() {
  // The release 2 Assessment_Type values DHSC's code selects on
  // (Waiting_times/waiting_times_method.sql). The CLD guidance: an assessment
  // that determines eligibility under the Care Act is a long term assessment;
  // one that does not (reablement, equipment, a proportionate conversation) is
  // a short term assessment.
  static const CodeList list = {{"Long term assessment", "Long term: eligibility under the Care Act was decided"},
                                {"Short term assessment", "Short term: no eligibility decision (reablement, equipment, a conversation)"}};
  return list;
}

const CodeList& methods_of_assessment() {
  // Who took part: the CLD guidance split "Method of Assessment or Review" into
  // one field for each event, with these values, so that assessments of the
  // person, of their carer and joint ones can be told apart.
  static const CodeList list = {{"Service user only", "The person (with anyone helping them)"},
                                {"Carer only", "Their carer only"},
                                {"Service user and carer", "The person and their carer together"}};
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
                                // Care Act 2014 s.31(4)(a) and s.32(1)(b) turn on capacity to
                                // *request* a direct payment; whether someone can manage one is the
                                // council's own judgement (s.31(6), s.32(8)), recorded on the budget
                                // part, not a capacity assessment. Migration 0014 made the earlier
                                // "managing_direct_payment" assessments "other", words kept.
                                {"requesting_direct_payment", "Asking for a direct payment"},
                                {"property_and_finance", "Property and money"},
                                {"other", "Another decision (describe it)"}};
  return list;
}

const CodeList& capacity_outcomes() {
  static const CodeList list = {{"has_capacity", "Has capacity to make this decision"},
                                {"lacks_capacity", "Lacks capacity to make this decision"}};
  return list;
}


std::optional<std::string> canonical(const CodeList& list, std::string_view text) {
  for (const auto& c : list)
    if (same_text_ignoring_case(c.value, text) || same_text_ignoring_case(c.label, text)) return std::string(c.value);
  return std::nullopt;
}

std::string label_for(const CodeList& list, std::string_view value) {
  for (const auto& c : list)
    if (c.value == value) return std::string(c.label);
  return std::string(value);
}

}  // namespace patchwork::people
