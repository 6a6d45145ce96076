#include "domain/people/records.hpp"

#include "domain/people/field_reader.hpp"

namespace patchwork::people {

Result<CapacityAssessment> capacity_from_fields(const Fields& f, CivilDate today) {
  FieldErrors errors;
  FieldReader r{f, errors, today};
  CapacityAssessment c;
  // Mental Capacity Act 2005, s.2(1): "a person lacks capacity in relation to a
  // matter if at the material time he is unable to make a decision for himself
  // in relation to the matter" — so every assessment names its kind of decision.
  c.decision_kind = r.coded("decision_kind", capacity_decision_kinds(), "the kind of decision", true).value_or("");
  c.decision = r.text("decision", "the decision the assessment is about", c.decision_kind == "other");
  c.assessed_on = r.date("assessed_on", "date of the assessment", true).value_or(CivilDate{});
  c.outcome = r.coded("outcome", capacity_outcomes(), "the outcome", true).value_or("");
  c.assessed_by = r.text("assessed_by", "who assessed", true, 200);
  c.review_on = r.date("review_on", "review date", false, false);
  if (c.review_on && c.assessed_on.ok() && *c.review_on < c.assessed_on)
    errors.push_back({"review_on", "The review date must be after the assessment"});
  c.notes = r.text("notes", "notes", false, 4000);
  if (!errors.empty()) return std::unexpected(errors);
  return c;
}

Result<Relationship> relationship_from_fields(const Fields& f, CivilDate today) {
  FieldErrors errors;
  FieldReader r{f, errors, today};
  Relationship rel;
  rel.name = r.text("name", "their name", true, 200);
  rel.role = r.coded("role", relationship_roles(), "their role", true).value_or("");
  rel.basis = r.coded("basis", relationship_bases(), "the basis for their role", true).value_or("");
  rel.recorded_on = r.date("recorded_on", "date this was agreed", true).value_or(CivilDate{});
  rel.phone = r.text("phone", "phone number", false, 40);
  // What the person agreed to (consent), or a best-interests decision allowed:
  // the scope itself is derived from the role, the basis and capacity
  // (representation.hpp), never taken from here alone.
  std::string scope = r.text("access_scope", "what they may do in Patchwork", false);
  rel.access_scope = scope.empty() ? "none" : scope;
  if (rel.access_scope != "none" && rel.access_scope != "view" && rel.access_scope != "act")
    errors.push_back({"access_scope", "Choose whether they may see the record, act for the person, or neither"});
  // An attorney or deputy acts on a legal basis, not on consent alone: the
  // basis must match the role (Mental Capacity Act 2005, ss.9-23).
  if ((rel.role == "lpa_health_welfare" || rel.role == "lpa_property_financial") && !rel.basis.empty() && rel.basis != "registered_lpa")
    errors.push_back({"basis", "An attorney acts under a registered lasting power of attorney: choose that basis"});
  if ((rel.role == "deputy_personal_welfare" || rel.role == "deputy_property_affairs") && !rel.basis.empty() && rel.basis != "court_order")
    errors.push_back({"basis", "A deputy acts under a Court of Protection order: choose that basis"});
  // An enduring power of attorney made before October 2007 acts only once registered.
  if (rel.role == "epa_registered" && !rel.basis.empty() && rel.basis != "registered_epa")
    errors.push_back({"basis", "An enduring power of attorney acts once it is registered: choose that basis"});
  if (rel.role == "appointee" && !rel.basis.empty() && rel.basis != "dwp_appointment")
    errors.push_back({"basis", "An appointee is appointed by the Department for Work and Pensions: choose that basis"});
  // Care Act 2014, s.67(2): the council arranges "a person who is independent of
  // the authority (an 'independent advocate') to be available to represent and
  // support the individual for the purpose of facilitating the individual's
  // involvement". An advocate helps the person speak; they never act for them.
  if (rel.role == "independent_advocate") {
    if (!rel.basis.empty() && rel.basis != "care_act_advocacy")
      errors.push_back({"basis", "An independent advocate is arranged by the council under the Care Act: choose that basis"});
    if (rel.access_scope == "act")
      errors.push_back({"access_scope", "An independent advocate may see the record to help the person take part, but never acts for them"});
  }
  // Care Act 2014, s.31(1)(b): direct payments "to the adult or a person
  // nominated by the adult" — the nomination is the person's own choice.
  if (rel.role == "nominated_person" && !rel.basis.empty() && rel.basis != "consent")
    errors.push_back({"basis", "A nominated person is chosen by the person themself: choose \"The person agreed\""});
  if (rel.role == "authorised_person" && rel.basis == "consent")
    errors.push_back({"basis", "An authorised person acts for someone who lacks capacity, so the basis cannot be their consent"});
  if (!errors.empty()) return std::unexpected(errors);
  return rel;
}

Result<CaseEvent> case_event_from_fields(const Fields& f, CivilDate today) {
  FieldErrors errors;
  FieldReader r{f, errors, today};
  CaseEvent e;
  e.event_type = r.coded("event_type", event_types(), "the kind of event", true).value_or("");
  e.start_date = r.date("start_date", "start date", true).value_or(CivilDate{});
  e.end_date = r.date("end_date", "end date", false);
  if (e.end_date && e.start_date.ok() && *e.end_date < e.start_date)
    errors.push_back({"end_date", "The end date must be the same as or after the start date"});
  e.description = r.text("description", "what happened", true, 2000);
  // Either release's spelling is accepted; release 2's is stored, so the
  // timeline and the return hold one spelling for one outcome.
  if (std::string v = r.text("outcome", "the outcome", false); !v.empty()) {
    e.outcome = event_outcome(v);
    if (!e.outcome) errors.push_back({"outcome", "Choose the outcome from the list: '" + v + "' is not a national Event_Outcome value"});
  }
  if (e.event_type == "Assessment") {
    e.assessment_type = r.coded("assessment_type", assessment_types(), "the kind of assessment", true);
    e.method_of_assessment = r.coded("method_of_assessment", methods_of_assessment(), "who took part in the assessment", true);
  }
  if (e.event_type == "Service") {
    // Release 2's carer spellings are accepted and stored as release 1's, as
    // a plan line stores them (people/codes.hpp service_type_as_stored).
    Fields mapped = f;
    if (auto it = mapped.find("service_type"); it != mapped.end()) it->second = service_type_as_stored(it->second);
    FieldReader service{mapped, errors, today};
    e.service_type = service.coded("service_type", service_types(), "the kind of support (national Service_Type)", true);
  }
  if (e.event_type == "Request") {
    e.route_of_access = r.coded("route_of_access", request_routes_of_access(), "how the request came in", true);
    e.referral_source = r.coded("referral_source", referral_sources(), "who made the request", true);
  }
  if (!errors.empty()) return std::unexpected(errors);
  return e;
}

}  // namespace patchwork::people
