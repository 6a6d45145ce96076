#include "domain/ledger/closing.hpp"

#include "domain/people/field_reader.hpp"

namespace patchwork::ledger {

Result<CloseRequest> close_request_from_fields(const people::Fields& fields, CivilDate today) {
  FieldErrors errors;
  people::FieldReader r{fields, errors, today};
  CloseRequest out;
  auto on = r.date("on", "closing date", true, true);
  if (on) out.on = *on;
  out.reason = r.text("reason", "why the account is closed", true, kMaxClosingReasonLength);
  if (out.reason.find_first_of("\r\n") != std::string::npos) errors.push_back({"reason", "Write why the account is closed on one line"});
  if (!errors.empty()) return std::unexpected(errors);
  return out;
}

FieldErrors closing_problems(const Account& account, const ClosingFacts& facts, CivilDate on) {
  FieldErrors errors;
  if (!is_holding(account.kind)) {
    errors.push_back({"account", "Only an account that holds a budget part's money (a direct payment or an individual service fund) "
                                 "can be closed, not " + account_label(account)});
    return errors;
  }
  if (facts.already_closed_on) {
    errors.push_back({"account", "This account was closed on " + facts.already_closed_on->display() + " already"});
    return errors;
  }
  if (facts.held_at_close.pence() != 0)
    errors.push_back({"on", "The account holds " + facts.held_at_close.display() + " at the end of " + on.display() +
                            ": it can be closed only when it holds nothing. Recover or move the money first."});
  else if (facts.last_movement && on < *facts.last_movement)
    errors.push_back({"on", "Money moves in or out of the account on " + facts.last_movement->display() +
                            ", after " + on.display() + ": close it on that day or later"});
  if (facts.open_recovery_cases > 0)
    errors.push_back({"account", std::string(facts.open_recovery_cases == 1 ? "A recovery case is" : "Recovery cases are") +
                                     " still open for this person: the account can be closed once "
                                     "nothing is left to recover through it"});
  if (facts.payments_waiting > 0)
    errors.push_back({"account", std::to_string(facts.payments_waiting) + (facts.payments_waiting == 1 ? " payment" : " payments") +
                                     " into this account " + (facts.payments_waiting == 1 ? "waits" : "wait") +
                                     " in a payment run not yet exported: export the run, or close the account once it is paid and "
                                     "the money recovered"});
  return errors;
}

bool closed_for(const std::optional<CivilDate>& closed_on, CivilDate date) { return closed_on && *closed_on < date; }

std::string statement_after_closing(CivilDate closed_on) {
  return "The account was closed on " + closed_on.display() + "; this statement has lines after that";
}

std::string payment_after_closing(CivilDate closed_on, const std::string& part_key) {
  return "The account for part " + part_key + " was closed on " + closed_on.display() + ", so it takes no new payments";
}

}  // namespace patchwork::ledger
