#pragma once
// End of support, overpayment recovery cases and contribution invoices (#16,
// docs/money.md "End of support and recovery", "Contribution invoices").
// Every function runs in the caller's transaction (a write transaction for
// those that post to the ledger) and returns field errors as values; the
// caller asks the policy first (a write-off's approval with who proposed it:
// access::decide with PreparedWork) and writes the audit entries.
#include <map>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "domain/people/characteristics.hpp"
#include "domain/people/person.hpp"
#include "domain/recovery/recovery.hpp"
#include "storage/db.hpp"

namespace patchwork::services {

// The last day the council pays for, for everyone whose support has ended:
// payment schedules ask it (recovery::stopped_at), so nothing after it is
// prepared in a payment run or shown as the next payment.
std::map<PersonId, CivilDate> support_last_days(storage::Connection& c, CouncilId council);
std::optional<CivilDate> support_last_day(storage::Connection& c, const people::Person& person);

// Every period paid (or waiting in a payment run: a run's payments are fixed
// when it is prepared, and paid when it is exported) with days after
// `last_day`, and what of each was for those days.
std::vector<recovery::CasePeriod> overpaid_periods(storage::Connection& c, const people::Person& person, CivilDate last_day);

struct EndOfSupportOutcome {
  recovery::SupportEnd end;
  CivilDate last_day;
  std::optional<recovery::RecoveryCase> opened;   // the recovery case opened for money paid past the end
  people::CharacteristicHistory death_recorded;   // the date of death put on the person's record
};
// Records how and when support ended (fields: kind, on, moved_to, note, and
// owed_by: who owes any overpayment, by default the estate after a death and
// otherwise the person). A death also puts the date of death on the person's
// record. Anything paid for days after the last day paid becomes a recovery
// case at once, with its ledger transfer (overpayments due → council funding),
// so it is never a silent loss. Refused ("kind") when an end is recorded already.
Result<EndOfSupportOutcome> record_end_of_support(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                                                  UserId by, CivilDate today);

// Changes a case's plan (instalments, first_due). Only while it is open.
Result<recovery::RecoveryCase> set_recovery_plan(storage::Connection& c, CouncilId council, std::int64_t case_id,
                                                 const people::Fields& fields, CivilDate today);
// Money received towards a case (amount, received_on, source, part_key),
// with its ledger transfer into overpayments due: from the part's holding
// account (money still there, returned) or from the person's own money (the
// estate, the payee or the person paid it: person_contribution, the account
// for what the person pays in). The case is repaid when nothing is left.
Result<recovery::Receipt> record_recovery_receipt(storage::Connection& c, CouncilId council, std::int64_t case_id,
                                                  const people::Fields& fields, UserId by, CivilDate today);
// Proposes writing off what is still owed (fields: reason).
Result<recovery::RecoveryCase> propose_write_off(storage::Connection& c, CouncilId council, std::int64_t case_id,
                                                 const people::Fields& fields, UserId by);
// Approves (the outstanding amount is moved back from council funding into
// overpayments due, so the debt no longer shows) or declines the write-off.
// The policy has refused whoever proposed it already; this checks again, as
// does the database's CHECK.
Result<recovery::RecoveryCase> decide_write_off(storage::Connection& c, CouncilId council, std::int64_t case_id, bool approve,
                                                UserId by, CivilDate today);

struct RaisedInvoices {
  int raised = 0;
  Money total;
  int people = 0;
};
// Raises every contribution invoice due up to `up_to` not raised yet,
// following each person's payment schedule (the first part's, by key) and
// stopping with the end of support. Refused ("up_to") when the council deducts
// contributions from direct payments instead of invoicing them.
// Reads up_to: a real date, at most a year ahead.
Result<CivilDate> invoice_date_from_fields(const people::Fields& fields, CivilDate today);
Result<RaisedInvoices> raise_contribution_invoices(storage::Connection& c, CouncilId council, CivilDate up_to, UserId by);
// A payment towards an invoice (amount, received_on), with its ledger
// transfer from the person's contribution account to council funding.
Result<recovery::ContributionPayment> record_contribution_payment(storage::Connection& c, CouncilId council, std::int64_t invoice_id,
                                                                  const people::Fields& fields, UserId by, CivilDate today);
// Who owes what, since when: oldest arrears first. Only people with arrears.
std::vector<recovery::Arrears> contribution_arrears(storage::Connection& c, CouncilId council, CivilDate today);
recovery::Arrears person_arrears(storage::Connection& c, const people::Person& person, CivilDate today);

}  // namespace patchwork::services
