#pragma once
// Payment schedules: how the money of a budget part that holds money (a direct
// payment, an individual service fund) is paid, period by period. Support the
// council arranges is paid by invoice, never by a schedule. Pure domain: no
// storage, HTTP or JSON. docs/money.md, "Payments", explains every rule here.
//
// The amounts follow the budget: each day of a period is paid at the rate of
// the budget version in effect on that day (budgets::budget_on), so a period
// that straddles a change is paid at each version's rate for its days; a day
// before the budget starts, after the schedule ends or while the part is
// suspended is not paid at all. The period's amount is rounded once, down, to
// the penny: never a penny more than the budget, never a rounding per day.
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
#include "domain/people/records.hpp"

namespace patchwork::payments {

// How often a part is paid. Every period is paid in advance, on its first day.
enum class Frequency { Weekly, FourWeekly, Monthly };
std::span<const Frequency> frequencies();
std::string_view frequency_code(Frequency f);   // "weekly", "four_weekly", "monthly"
std::string_view frequency_label(Frequency f);  // "every week", "every four weeks", "every month"
std::optional<Frequency> frequency_from_code(std::string_view code);

// Only parts that hold money are paid by schedule.
bool paid_by_schedule(budgets::Mechanism m);
// Four-weekly in advance is how councils usually pay a direct payment
// (../shared/design/rules.md, "Money"), so it is the default for every part.
inline constexpr Frequency kDefaultFrequency = Frequency::FourWeekly;

struct Schedule {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::string part_key;                 // the budget part's key ("A"), kept across budget versions
  Frequency frequency = kDefaultFrequency;
  CivilDate starts_on;                  // the first period starts here; every later one follows from it
  std::optional<CivilDate> ends_on;     // the last day paid for, when the payments end
};

// Reads part_key, frequency (four-weekly when left out), starts_on and ends_on
// (optional, on or after starts_on). Each problem names its field.
Result<Schedule> schedule_from_fields(const people::Fields& f);

// Why a part's payments are stopped for a while.
enum class SuspensionReason {
  Sanction,      // a recorded decision about how the money was used (rules.md: sanctions)
  HospitalStay,  // support at home is not needed while the person is in hospital
};
std::span<const SuspensionReason> suspension_reasons();
std::string_view suspension_code(SuspensionReason r);   // "sanction", "hospital_stay"
std::string_view suspension_label(SuspensionReason r);
std::optional<SuspensionReason> suspension_from_code(std::string_view code);

// No payment for the part from `from` until the day before `resumes_on`
// (open-ended while there is none).
struct Suspension {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::string part_key;
  CivilDate from;
  std::optional<CivilDate> resumes_on;
  SuspensionReason reason = SuspensionReason::HospitalStay;
  std::string note;  // why, in plain words: what was decided, which hospital
};
bool suspends(const Suspension& s, std::string_view part_key, CivilDate day);

// Reads part_key, from, resumes_on (optional, after from), reason and note.
Result<Suspension> suspension_from_fields(const people::Fields& f);

// One period, first and last day included.
struct Period {
  CivilDate start;
  CivilDate end;
  int days() const;
};

// The k-th period (k = 0 is the first) of a schedule. Weekly periods are 7
// days and four-weekly 28, counted from starts_on; a monthly period runs from
// the same day of each month (the last day in a shorter month: 31 January,
// 28 February, 31 March), counted from starts_on each time so it never drifts.
Period period_at(const Schedule& s, int k);

// Every period that starts on or before `up_to` (and on or before the
// schedule's end), after the one starting on `paid_through` when given.
std::vector<Period> periods_due(const Schedule& s, CivilDate up_to, std::optional<CivilDate> paid_through = std::nullopt);

// The weekly amount version `b` pays for `part_key`: the part's amount, less
// the person's weekly contribution where the council collects it by deducting
// it from the direct payment (`deduct_contribution`, a council setting). The
// contribution comes off the direct-payment parts in key order, each down to
// nothing at most; what is left over is the council's to invoice. Nothing
// when the version has no such part or it is not paid by schedule. A
// contribution not yet assessed deducts nothing: the person is not left short
// while the financial assessment is done (the charge can be backdated).
std::optional<Money> weekly_paid(const budgets::BudgetVersion& b, std::string_view part_key, bool deduct_contribution);

// A run of days in one period paid at one version's rate.
struct Segment {
  CivilDate from;
  CivilDate to;
  int budget_version = 0;
  Money weekly;  // weekly_paid on those days
  int days() const;
};

struct Payment {
  PersonId person_id{};
  std::string part_key;
  Period period;
  Money amount;                  // the period's amount, rounded down once
  std::vector<Segment> segments; // the days paid, by rate
  int unpaid_days = 0;           // days of the period not paid (suspended, ended, no budget)
  std::string transfer_id;
};

// The amount for `period`: the sum over its paid days of the day's rate, then
// rounded down once to the penny. The day's rate is weekly ÷ 7 for weekly and
// four-weekly schedules, and weekly × 52 ÷ 12 ÷ (days in the period) for a
// monthly one (a whole month is a twelfth of the 52-week year the budget
// counts). Overflow cannot happen within allocation::kWeeklyAmountLimit; it is
// still checked and reported.
std::expected<Payment, MoneyError> payment_for(const Schedule& s, const Period& period,
                                               std::span<const budgets::BudgetVersion> versions,
                                               std::span<const Suspension> suspensions, bool deduct_contribution);

// What the payment is, never which run made it: "pay:<person>:<part>:<period start>".
// Preparing the same run twice, or a second run covering the same dates, makes
// the same id, and the ledger and the run items (unique per council and id)
// take it once.
std::string transfer_id(PersonId person, std::string_view part_key, CivilDate period_start);

// What a whole period pays at version `b`'s rate: the weekly amount, four of
// them, or a twelfth of 52 weeks, rounded down. For "£X every four weeks".
MoneyResult full_period_amount(Frequency f, Money weekly);

// The start of the first period on or after `today` (nothing once the
// schedule has ended), for "next on D".
std::optional<CivilDate> next_period_start(const Schedule& s, CivilDate today);

}  // namespace patchwork::payments
