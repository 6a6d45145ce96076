#include "domain/people/own_access.hpp"

namespace patchwork::people {

std::optional<std::string> own_withdrawal_refused(const Relationship& rel) {
  const std::string& who = rel.name;
  // The person agreed to it, so they may stop agreeing. Consent is only ever
  // recorded for someone with capacity to give it (people::consent_refused).
  if (rel.basis == "consent") return std::nullopt;
  if (rel.basis == "registered_lpa" || rel.basis == "registered_epa")
    // Mental Capacity Act 2005 s.13(2): "P may, at any time when he has
    // capacity to do so, revoke the power." Revoking is done with the Office
    // of the Public Guardian, not by a button here; while the power stands,
    // the attorney keeps what the law gives them, so their access stays.
    return who + " is an attorney under a registered power of attorney. You cannot end that here. "
           "If you can make this decision yourself, you can end the power of attorney by telling the Office of the "
           "Public Guardian in writing. Your social worker can help you with this.";
  if (rel.basis == "court_order")
    // Mental Capacity Act 2005 s.16(2)(b): the court "may ... appoint a person
    // (a 'deputy') to make decisions on P's behalf"; s.16(7): "An order of the
    // court may be varied or discharged by a subsequent order." Only the court
    // ends a deputy's powers.
    return who + " was appointed by the Court of Protection. Only the court can change that. "
           "Your social worker can tell you how to ask the court.";
  if (rel.basis == "best_interests")
    // Mental Capacity Act 2005 s.4: a decision made in the person's best
    // interests because they lacked capacity to make it. It is looked at
    // again by the council, with the person, not undone by one click.
    return who + " can see your information because of a best-interests decision. "
           "Ask your social worker to look at that decision again with you.";
  if (rel.basis == "dwp_appointment")
    return who + " was appointed by the Department for Work and Pensions to deal with your benefits. "
           "Ask the Department for Work and Pensions to change that.";
  if (rel.basis == "care_act_advocacy")
    // Care Act 2014 s.67: the council must arrange an independent advocate;
    // whether one is still needed is the council's decision, made with the person.
    return who + " is your independent advocate, arranged by the council. "
           "Tell your social worker if you do not want an advocate any more.";
  return who + "'s access cannot be ended here. Ask your social worker.";
}

}  // namespace patchwork::people
