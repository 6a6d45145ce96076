#pragma once
// End of support, overpayment recovery and contribution invoices (#16,
// docs/money.md "End of support and recovery", "Contribution invoices").
// Pure domain: no storage, HTTP or JSON.
//
// When support from the council ends (the person died, their support ended,
// or they moved to another council's area), every payment schedule of theirs
// stops after the last day the council pays for, and anything already paid
// for the days after it becomes a recovery case: never a silent loss.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "domain/budgets/budget.hpp"
#include "domain/payments/schedule.hpp"
#include "domain/people/records.hpp"

namespace patchwork::recovery {

// ---- End of support ----

enum class EndKind {
  Died,          // the person died: the date of death is also put on their record
  SupportEnded,  // the council no longer meets their needs (the last day of support)
  MovedAway,     // they moved to another council's area (Care Act 2014 s.37-38)
};
std::span<const EndKind> end_kinds();
std::string_view end_kind_code(EndKind k);   // "died", "support_ended", "moved_away"
std::string_view end_kind_label(EndKind k);  // for the form: "They have died"
std::optional<EndKind> end_kind_from_code(std::string_view code);

struct SupportEnd {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  EndKind kind = EndKind::SupportEnded;
  CivilDate on;            // the date of death, the last day of support, or the day of the move
  std::string moved_to;    // the council they moved to (moves only)
  std::string note;        // who to contact, anything the family asked
  std::string recorded_by_name;
  std::string recorded_at;
};

// Reads kind, on, moved_to (required for a move) and note. A death is
// recorded once it has happened (today or earlier); an end of support or a
// move may be recorded ahead, up to a year (a planned end, a move agreed
// under s.37 before it happens).
Result<SupportEnd> support_end_from_fields(const people::Fields& f, CivilDate today);

// The last day this council pays for:
//  - a death: the date of death (support was given that day);
//  - an end of support: the last day of support, as recorded;
//  - a move: the day before the move. Care Act 2014 s.38(1): where the
//    second authority has not yet done what s.37 asks by the day of the move,
//    "the second authority must meet those of the adult's needs for care and
//    support ... which the first authority had been meeting", from the day of
//    the adult's arrival in its area (explanatory notes, para 253: "from the
//    day of the adult's arrival"). So the first council's money stops the day
//    before, and the person is never left a day without support.
CivilDate last_day_paid(const SupportEnd& e);
// One plain, gentle sentence for the person's pages: "Margaret Ellis died on
// 10 December 2026. Payments for their support have stopped."
std::string end_words(const SupportEnd& e, const std::string& name);

// A schedule as it runs once support ends: it ends no later than the last day
// paid (unchanged when there is no end).
payments::Schedule stopped_at(payments::Schedule s, std::optional<CivilDate> last_day);

// ---- Overpayments ----

// What of `paid` (the amount a payment run paid for payment.period) was for
// days after `last_day`: the days after it at the very rate the payment used
// (payment.segments, as payments::payment_for works them out), summed and
// rounded down once, exactly as the payment itself was rounded. Never more than
// `paid` (a budget changed since cannot make the family owe more than was
// paid); nothing when the period ends on or before `last_day`.
Money overpaid_after(const payments::Payment& payment, payments::Frequency frequency, CivilDate last_day, Money paid);

// Who owes an overpayment back.
enum class Debtor {
  Estate,  // the person's estate, after a death (their executor or next of kin deals with it)
  Payee,   // whoever the direct payment was paid to (a representative, a nominated person)
  Person,  // the person themself
};
std::span<const Debtor> debtors();
std::string_view debtor_code(Debtor d);   // "estate", "payee", "person"
std::string_view debtor_label(Debtor d);
std::optional<Debtor> debtor_from_code(std::string_view code);
// The usual debtor for how support ended: the estate after a death, else the person.
Debtor default_debtor(EndKind k);

enum class CaseState { Open, WriteOffProposed, Repaid, WrittenOff };
std::string_view case_state_code(CaseState s);   // "open", "write_off_proposed", "repaid", "written_off"
std::string_view case_state_label(CaseState s);
std::optional<CaseState> case_state_from_code(std::string_view code);

// One period of a case: what was paid for it and how much was for days after the end.
struct CasePeriod {
  std::string transfer_id;
  std::string part_key;
  CivilDate period_start;
  CivilDate period_end;
  Money paid;
  Money overpaid;
  int days_after = 0;
};

struct RecoveryCase {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::string person_name;
  std::string case_key;          // what it is: "end:<person>", so the same case is never opened twice
  Money amount;
  std::string reason;
  Debtor debtor = Debtor::Person;
  int instalments = 1;           // 1: a single amount
  CivilDate first_due;
  CaseState state = CaseState::Open;
  std::string opened_at;
  std::optional<UserId> opened_by;
  std::string opened_by_name;
  std::string write_off_reason;
  std::optional<UserId> write_off_proposed_by;
  std::string write_off_proposed_by_name;
  std::optional<UserId> write_off_decided_by;
  std::string write_off_decided_by_name;
  Money received;                // the sum of money received so far
};

// What is still owed: nothing once repaid or written off.
Money outstanding(const RecoveryCase& c);

struct Instalment {
  int number = 1;
  CivilDate due;
  Money amount;
};
// `count` instalments (1 to 60), one a month from `first_due` (the same day
// each month, as payments::period_at counts months), summing exactly to
// `amount`: each is amount ÷ count rounded down, and the pennies left over go
// one each to the first instalments, so no instalment differs from another by
// more than a penny and nothing is lost or added.
std::vector<Instalment> instalment_plan(Money amount, int count, CivilDate first_due);
// What should have been received by `on` under the plan.
Money due_by(const RecoveryCase& c, CivilDate on);

// Reads instalments (1 to 60) and first_due (a real date, not before `today`
// less a year). Each problem names its field.
struct Plan {
  int instalments = 1;
  CivilDate first_due;
};
Result<Plan> plan_from_fields(const people::Fields& f, CivilDate today);

// Where money received towards a case came from.
enum class ReceiptSource {
  HoldingAccount,  // the money still in the direct payment account, returned
  Payer,           // paid by whoever owes it (the estate, the payee, the person)
};
std::string_view receipt_source_code(ReceiptSource s);  // "holding_account", "payer"
std::optional<ReceiptSource> receipt_source_from_code(std::string_view code);

struct Receipt {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  Money amount;
  CivilDate received_on;
  ReceiptSource source = ReceiptSource::Payer;
  std::string part_key;  // the holding account's part, for money from a holding account
  std::string transfer_id;
  std::string recorded_by_name;
  std::string recorded_at;
};
// Reads amount (above nothing, at most what is outstanding), received_on
// (today or earlier) and source (and part_key for a holding account). A case
// repaid or written off takes nothing more ("state").
Result<Receipt> receipt_from_fields(const people::Fields& f, const RecoveryCase& c, CivilDate today);

// Why a step on a case is refused in its state, or nothing when it may be
// taken: money is received and a write-off proposed only while the case is
// open; a write-off is approved or declined only while it is proposed.
enum class CaseStep { Receive, SetPlan, ProposeWriteOff, DecideWriteOff };
std::optional<std::string> step_refused(CaseState state, CaseStep step);

// ---- Contribution invoices ----

// One invoice for the person's contribution over a period of their payment schedule.
struct ContributionInvoice {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::string person_name;
  CivilDate period_start;
  CivilDate period_end;
  Money amount;
  CivilDate due_on;
  Money paid;
};
// An invoice is due 14 days after its period starts: a fortnight for a
// letter to arrive by post and be paid.
inline constexpr int kInvoiceDueDays = 14;

// The contribution for one period of the person's schedule: each day at the
// weekly contribution of the budget version in effect that day
// (budgets::person_share; nothing while not yet assessed), the day's rate as a
// payment's (weekly ÷ 7, or weekly × 52 ÷ 12 ÷ days for a monthly schedule),
// summed and rounded down once. Days outside the schedule (before it starts,
// after it ends or after support ended: `s` is already stopped) are not charged.
Money contribution_for(const payments::Schedule& s, const payments::Period& period, std::span<const budgets::BudgetVersion> versions);

// The invoices due up to `up_to` for periods after `invoiced_through` (the
// start of the latest period already invoiced), following schedule `s`:
// a period whose contribution is nothing is not invoiced.
std::vector<ContributionInvoice> invoices_due(const payments::Schedule& s, CivilDate up_to, std::optional<CivilDate> invoiced_through,
                                              std::span<const budgets::BudgetVersion> versions);

// A person's arrears on `today`: what is unpaid of the invoices already due,
// and since when (the due date of the oldest not paid in full).
struct Arrears {
  PersonId person_id{};
  std::string person_name;
  Money owed;
  std::optional<CivilDate> since;
  int invoices = 0;  // how many are unpaid
};
Arrears arrears_of(std::span<const ContributionInvoice> invoices, CivilDate today);

// Reads amount (above nothing, at most what is unpaid of the invoice) and
// received_on (today or earlier).
struct ContributionPayment {
  std::int64_t id = 0;
  std::int64_t invoice_id = 0;
  Money amount;
  CivilDate received_on;
  std::string transfer_id;
};
Result<ContributionPayment> contribution_payment_from_fields(const people::Fields& f, const ContributionInvoice& invoice, CivilDate today);

}  // namespace patchwork::recovery
