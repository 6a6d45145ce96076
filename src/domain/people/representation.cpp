#include "domain/people/representation.hpp"

#include "domain/people/capacity.hpp"
#include "domain/people/codes.hpp"

namespace patchwork::people {
namespace {

// The decisions a kind covers, as a sentence reads them.
std::string decisions(std::string_view kind) {
  if (kind == "care_and_support") return "decisions about care and support";
  if (kind == "requesting_direct_payment") return "asking for a direct payment";
  if (kind == "property_and_finance") return "decisions about property and money";
  return "this kind of decision";
}

// "the assessment on 12 March 2026 found Margaret lacks capacity for decisions about care and support"
std::string finding(const CapacityFinding& f, std::string_view kind, std::string_view name) {
  const std::string who(name);
  if (f.capacity == Capacity::NotAssessed)
    return who + " is assumed to have capacity for " + decisions(kind) + ": no assessment has found otherwise";
  return "the assessment on " + f.assessment->assessed_on.display() + " found " + who +
         (f.lacks() ? " lacks capacity for " : " has capacity for ") + decisions(kind);
}

bool is(std::string_view a, std::initializer_list<std::string_view> any) {
  for (auto b : any) if (a == b) return true;
  return false;
}

}  // namespace

std::string_view decision_kind_for_role(std::string_view role) {
  if (is(role, {"lpa_property_financial", "epa_registered", "deputy_property_affairs", "appointee"})) return "property_and_finance";
  // Care Act 2014 s.31(4)(a): a nomination needs "capacity to make the request";
  // s.32(1)(b): an authorised person acts where the adult "lacks capacity to request".
  if (is(role, {"nominated_person", "authorised_person"})) return "requesting_direct_payment";
  return "care_and_support";
}

DerivedScope representative_scope(const Relationship& rel, std::span<const CapacityAssessment> assessments, CivilDate on,
                                  std::string_view person_name) {
  DerivedScope out;
  auto& s = out.scope;
  auto why = [&](std::string reason) { out.reasons.push_back(std::move(reason)); };
  const std::string name(person_name);
  const std::string_view kind = decision_kind_for_role(rel.role);
  const CapacityFinding f = capacity_for(assessments, kind, on);
  const std::string role = rel.role;

  if (role == "lpa_health_welfare" || role == "deputy_personal_welfare") {
    const bool lpa = role == "lpa_health_welfare";
    if (rel.basis != (lpa ? "registered_lpa" : "court_order")) {
      why(lpa ? "has no access: a health and welfare attorney acts under a registered lasting power of attorney, and none is recorded"
              : "has no access: a deputy acts under a Court of Protection order, and none is recorded");
      return out;
    }
    s.view = true;
    // Mental Capacity Act 2005, s.11(7)(a): an attorney's authority over
    // personal welfare "does not extend to making such decisions in
    // circumstances other than those where P lacks, or the donee reasonably
    // believes that P lacks, capacity". s.20(1), for deputies: "A deputy does
    // not have power to make a decision on behalf of P in relation to a matter
    // if he knows or has reasonable grounds for believing that P has capacity
    // in relation to the matter."
    s.act_on_care = f.lacks();
    why(std::string("may see the record as ") + (lpa ? "attorney for health and welfare" : "deputy for personal welfare"));
    if (s.act_on_care) why("may act on care and support because " + finding(f, kind, name));
    else why("may not act on care and support, because " + finding(f, kind, name) + ", so " + name + " decides");
    return out;
  }

  if (role == "lpa_property_financial" || role == "epa_registered") {
    const bool lpa = role == "lpa_property_financial";
    if (rel.basis != (lpa ? "registered_lpa" : "registered_epa")) {
      why("has no access: the power of attorney is not recorded as registered");
      return out;
    }
    // Mental Capacity Act 2005, s.9(1): a lasting power of attorney over
    // property and affairs "includes authority to make such decisions in
    // circumstances where P no longer has capacity"; unlike a welfare power it
    // may also be used while P has capacity. An enduring power, once
    // registered, likewise covers property and financial affairs only.
    s.view = true;
    s.act_on_money = true;
    why(std::string("may see the record and act on money under the registered ") + (lpa ? "lasting" : "enduring") + " power of attorney");
    why("may not act on care and support: the power covers property and money only");
    return out;
  }

  if (role == "deputy_property_affairs") {
    if (rel.basis != "court_order") {
      why("has no access: a deputy acts under a Court of Protection order, and none is recorded");
      return out;
    }
    s.view = true;
    // s.20(1) (above) applies to every deputy: a later finding that the person
    // has capacity for property and money ends the power to decide for them.
    s.act_on_money = f.capacity != Capacity::Has;
    why("may see the record as deputy for property and affairs");
    if (s.act_on_money) why("may act on money under the Court of Protection order");
    else why("may not act on money, because " + finding(f, kind, name) + ", so " + name + " decides");
    why("may not act on care and support: the order covers property and affairs only");
    return out;
  }

  if (role == "appointee") {
    if (rel.basis != "dwp_appointment") {
      why("has no access: an appointee is appointed by the Department for Work and Pensions, and no appointment is recorded");
      return out;
    }
    // The Department for Work and Pensions appoints someone to manage the
    // benefits of a person unable to act for themselves: money, not care.
    s.view = true;
    s.act_on_money = true;
    why("may see the record and act on money (" + name + "'s benefits) as appointee of the Department for Work and Pensions");
    why("may not act on care and support: an appointment covers benefits only");
    return out;
  }

  if (role == "nominated_person") {
    // Care Act 2014, s.31(1)(b) and (4)(a): the adult "requests the local
    // authority to meet some or all of those needs by making payments to the
    // adult or a person nominated by the adult", and "the adult has capacity
    // to make the request". A nomination needs the person's capacity.
    if (f.lacks()) {
      why("has no access: a nominated person is chosen by someone who has capacity to ask for a direct payment, and " +
          finding(f, kind, name) + ". Record an authorised person instead");
      return out;
    }
    if (rel.basis != "consent") {
      why("has no access: a nominated person is chosen by " + name + ", so the basis must be their agreement");
      return out;
    }
    s.view = true;
    s.act_on_money = true;
    why("may see the record and act on money (the direct payment) because " + name + " nominated them, and " + finding(f, kind, name));
    why("may not act on care and support: " + name + " makes those decisions");
    return out;
  }

  if (role == "authorised_person") {
    // Care Act 2014, s.32(1)(b)-(c): direct payments to an authorised person
    // apply where "the adult lacks capacity to request the local authority to
    // meet any of those needs by making payments to the adult".
    // s.32(4): authorised "under the Mental Capacity Act 2005 to make decisions
    // about the adult's needs for care and support" (a registered power, a
    // court order), or a person the authority "considers ... suitable".
    if (!is(rel.basis, {"registered_lpa", "court_order", "best_interests"})) {
      why("has no access: an authorised person acts under a registered power of attorney, a Court of Protection order, "
          "or the council's decision that they are suitable");
      return out;
    }
    if (!f.lacks()) {
      why("has no access: an authorised person acts for someone who lacks capacity to ask for a direct payment, and " +
          finding(f, kind, name));
      return out;
    }
    s.view = true;
    s.act_on_money = true;
    why("may see the record and act on money (the direct payment) because " + finding(f, kind, name));
    why("may not act on care and support unless they are also an attorney or deputy for it");
    return out;
  }

  if (role == "independent_advocate") {
    // Care Act 2014, s.67(2): an independent advocate is "to be available to
    // represent and support the individual for the purpose of facilitating
    // the individual's involvement": they help the person speak, never decide.
    if (rel.basis != "care_act_advocacy") {
      why("has no access: an independent advocate is arranged by the council under the Care Act, and that is not recorded");
      return out;
    }
    s.view = true;
    why("may see the record to help " + name + " take part (Care Act 2014, section 67); an advocate never acts for " + name);
    return out;
  }

  if (role == "deputy_unspecified") {
    if (rel.basis != "court_order") {
      why("has no access: a deputy acts under a Court of Protection order, and none is recorded");
      return out;
    }
    s.view = true;
    why("may see the record as deputy; to let them act, record whether the order covers personal welfare or property and affairs");
    return out;
  }

  if (role == "family_carer") {
    const bool asked = rel.access_scope == "view" || rel.access_scope == "act";
    if (rel.basis == "consent") {
      // Only a person with capacity can consent (Mental Capacity Act 2005,
      // s.2(1)); if an assessment later finds they lack it, the consent no
      // longer carries anything and an attorney, deputy or best-interests
      // decision must be recorded instead.
      if (f.lacks()) {
        why("has no access: their access rested on " + name + "'s agreement, and " + finding(f, kind, name));
        return out;
      }
      if (!asked) {
        why("has no access: " + name + " has not agreed to them seeing the record");
        return out;
      }
      s.view = true;
      s.act_on_care = rel.access_scope == "act";
      if (s.act_on_care) why("may see the record and act on care and support because " + name + " agreed to it, and " + finding(f, kind, name));
      else why("may see the record because " + name + " agreed to it; " + name + " has not agreed to them acting on care and support");
      return out;
    }
    if (rel.basis == "best_interests") {
      // A best-interests decision is made for a person who lacks capacity
      // (Mental Capacity Act 2005, s.4); it may let a carer see the record,
      // but acting for the person needs an attorney or a deputy.
      if (!f.lacks()) {
        why("has no access: a best-interests decision is made only for someone who lacks capacity, and " + finding(f, kind, name));
        return out;
      }
      if (!asked) {
        why("has no access: no best-interests decision lets them see the record");
        return out;
      }
      s.view = true;
      why("may see the record by a best-interests decision, because " + finding(f, kind, name));
      why("may not act on care and support: that needs a health and welfare attorney or a deputy for personal welfare");
      return out;
    }
    why("has no access: record the person's agreement or a best-interests decision");
    return out;
  }

  why("has no access: this role gives none");
  return out;
}

std::optional<FieldError> consent_refused(const Relationship& rel, std::span<const CapacityAssessment> assessments, CivilDate on,
                                          std::string_view person_name) {
  if (rel.basis != "consent") return std::nullopt;
  const std::string_view kind = decision_kind_for_role(rel.role);
  const CapacityFinding f = capacity_for(assessments, kind, on);
  if (!f.lacks()) return std::nullopt;
  const std::string name(person_name);
  // Mental Capacity Act 2005, s.2(1): "a person lacks capacity in relation to
  // a matter if at the material time he is unable to make a decision for
  // himself in relation to the matter" — agreeing is such a decision.
  std::string message = name + " cannot give consent: " + finding(f, kind, name) + ". ";
  if (rel.role == "nominated_person")
    message += "Someone who lacks capacity to ask for a direct payment cannot nominate a person: record an authorised person instead (Care Act 2014, section 32)";
  else
    message += "Choose the basis that applies: a registered power of attorney, a Court of Protection order, or a best-interests decision";
  return FieldError{"basis", message};
}

std::string relationship_role_label(std::string_view role) {
  if (role == "deputy_unspecified") return "Deputy appointed by the Court of Protection (the order's scope is not recorded)";
  return label_for(relationship_roles(), role);
}

}  // namespace patchwork::people
