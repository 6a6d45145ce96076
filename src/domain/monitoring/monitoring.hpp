#pragma once
// Risk-based monitoring of the money in budget holding accounts (#16,
// docs/money.md "Monitoring and flags"): how often an account is reviewed,
// the flags a check raises with their evidence, the per-plan spending
// controls, the mapping from a plan's lines to spending categories, and the
// flag workflow. Councils monitor by exception instead of asking every older
// person for receipts. Pure domain: no storage, HTTP or JSON.
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "domain/ledger/accounts.hpp"
#include "domain/people/records.hpp"

namespace patchwork::monitoring {

// ---------------------------------------------------------------------------
// The council's settings: data with effective dates, so a change applies from
// a day and the figures used for any past check can be found again.
struct Settings {
  CivilDate effective_from;
  int first_review_from_weeks = 6;   // the first monitoring review: 6 to 12 weeks after the first payment
  int first_review_by_weeks = 12;
  int low_risk_weeks = 52;           // then yearly for low risk
  int higher_risk_weeks = 13;        // and quarterly for higher risk
  int no_spending_weeks = 8;         // N: no spending for N weeks while payments continue
  int lookback_weeks = 4;            // the window a check reads statement lines from (cash, categories, merchants, payees)
  Money cash_threshold = Money::from_pence(15000);  // cash above this within the window is flagged
  // Merchant category codes (ISO 18245) a new plan's controls start with:
  // gambling (betting and casino gaming; government-owned lotteries).
  std::vector<int> default_blocked_merchant_codes{7995, 7800, 7801, 7802};
};
// The settings in force on `on`: the latest effective on or before it, else
// the defaults above (effective from the beginning).
Settings settings_on(std::span<const Settings> history, CivilDate on);
// Reads effective_from, first_review_from_weeks, first_review_by_weeks,
// low_risk_weeks, higher_risk_weeks, no_spending_weeks, lookback_weeks,
// cash_threshold and default_blocked_merchant_codes (comma-separated); a
// field left out keeps its default. Each problem names its field.
Result<Settings> settings_from_fields(const people::Fields& f);
std::span<const std::string_view> settings_field_names();

// ---------------------------------------------------------------------------
// Risk and review frequency.
enum class Risk { Low, Higher };
std::string_view risk_code(Risk r);   // "low", "higher"
std::string_view risk_label(Risk r);  // "Low risk", "Higher risk"

// What risk is set from, written down (docs/money.md says the same):
//  - the first year after the first payment is higher risk: the person is
//    still finding their way with the money;
//  - any open flag on the account makes it higher risk;
//  - an outcome in the last 52 weeks that found a real problem (surplus
//    recovered, moved to a prepaid card or managed account, payments
//    suspended, a safeguarding referral) makes it higher risk;
//  - otherwise low risk. "No action" and "advice given" do not raise it: a
//    question answered is not a problem found.
struct RiskInputs {
  std::optional<CivilDate> first_payment;
  CivilDate on;
  int open_flags = 0;
  std::vector<CivilDate> serious_outcomes;  // the dates of such outcomes
};
struct RiskFinding {
  Risk risk = Risk::Low;
  std::vector<std::string> reasons;  // plain words, each a reason for higher risk; one for low
};
RiskFinding risk_for(const RiskInputs& in);

// When the next monitoring review is due: with no review yet, between
// first_review_from_weeks and first_review_by_weeks after the first payment
// (`earliest` and `due`); afterwards `due` is the last review plus the risk's
// interval. Nothing before the first payment.
struct ReviewDue {
  CivilDate earliest;
  CivilDate due;
  bool first = false;
};
std::optional<ReviewDue> next_review(std::optional<CivilDate> first_payment, std::optional<CivilDate> last_review, Risk risk,
                                     const Settings& s);

// ---------------------------------------------------------------------------
// Spending controls: what THIS person's plan does not allow.
//
// Care Act 2014 s.1(1): a local authority's general duty "is to promote that
// individual's well-being", which s.1(2)(d) says includes "control by the
// individual over day-to-day life (including over care and support, or
// support, provided to the individual and the way in which it is
// provided)"; and s.1(3)(a) requires regard to "the importance of beginning
// with the assumption that the individual is best-placed to judge the
// individual's well-being". A blanket restriction for every budget holder
// (no cash, no card at a kind of shop) decides for everyone what only each
// person's plan can decide, and takes away the choice and control that a
// personal budget exists to give. So the council's defaults are only copied
// into a new plan's controls, and each plan's controls are changed for that
// person, with a recorded reason and who changed them.
struct Controls {
  std::vector<int> blocked_merchant_codes;  // sorted, unique
  bool cash_allowed = true;
  Money cash_threshold;                     // cash above this in the check window is flagged (when cash is allowed)
};
// A new plan's controls: the council's defaults.
Controls default_controls(const Settings& s);
// Reads blocked_merchant_codes (comma-separated 4-digit codes, may be empty),
// cash_allowed (yes/no), cash_threshold (pounds) and reason (required, one
// line). Each problem names its field.
struct ControlsChange {
  Controls controls;
  std::string reason;
};
Result<ControlsChange> controls_change_from_fields(const people::Fields& f);
std::span<const std::string_view> controls_field_names();
// A merchant category code as people read it: "7995 (betting and casino gaming)".
std::string merchant_code_label(int code);
// What changed, in words, for the history: "blocked 5813 (drinking places); cash no longer allowed".
std::string controls_difference(const Controls& before, const Controls& after);

// ---------------------------------------------------------------------------
// Plan lines -> spending categories. Written as data (kCategoryRules in
// monitoring.cpp, documented in docs/money.md): each national Service_Component
// (with the supplier kind where it matters) names the ledger spending
// categories its money may be spent in.
struct PlanLineFacts {
  std::string service_component;  // national CLD Service_Component ("Home Care", ...)
  std::string supplier_kind;      // planning::supplier_kinds()
  std::string supplier_name;
  bool restricted_payee = false;  // reg. 3: a spouse or partner, or a close relative in the household
  bool necessity_decided = false; // the council's reg. 3(2) decision is on the line
};
std::set<ledger::SpendingCategory> categories_for(const PlanLineFacts& line);
std::set<ledger::SpendingCategory> plan_categories(std::span<const PlanLineFacts> lines);

// ---------------------------------------------------------------------------
// Flags.
enum class FlagKind {
  AboveReserve,        // balance above the allowed reserve
  NoSpending,          // no spending for N weeks while payments continue
  OutsidePlan,         // spending in a category the plan's lines do not name
  Cash,                // cash above the threshold, or any cash where the plan allows none
  MerchantCategory,    // a merchant category this person's plan does not allow
  FamilyPayee,         // a household family member paid without the council's necessity decision
  ContributionShort,   // the person's contribution not paid in
};
std::span<const FlagKind> flag_kinds();
std::string_view flag_kind_code(FlagKind k);   // "above_reserve", ...
std::string_view flag_kind_label(FlagKind k);  // "Balance above the allowed reserve", ...
std::optional<FlagKind> flag_kind_from_code(std::string_view code);

// One statement line, as the bank said it (migration 0019's SEAM columns).
struct Line {
  std::int64_t id = 0;
  CivilDate booked_on;
  Money amount;                     // signed: money out is below zero
  std::string payee;
  std::string description;
  std::optional<int> merchant_code;
  bool cash = false;
  std::optional<ledger::SpendingCategory> category;
};

// One payment into the holding account (from the council or the person).
struct MoneyIn {
  CivilDate on;
  Money amount;
};

// Everything a check knows about one holding account on one day.
struct AccountFacts {
  CivilDate on;
  Money held;                                  // the balance at the end of `on`
  Money weekly;                                // what the council pays into the account a week (the part less any contribution deducted)
  int reserve_weeks = 8;
  std::vector<Line> lines;                     // statement lines from the start of the no-spending window to `on`
  std::vector<MoneyIn> council_payments;       // payments in from the council, same window
  std::vector<MoneyIn> contributions;          // paid in by the person, same window
  std::optional<Money> expected_weekly_contribution;  // when the person is to pay their contribution into the account
  std::optional<CivilDate> first_payment;      // the first payment into the account ever (risk, windows)
  std::vector<MoneyIn> other_spending;         // spending recorded in the ledger without a statement line (invoices), same window
  std::set<ledger::SpendingCategory> plan_categories;
  std::vector<PlanLineFacts> plan_lines;       // for household family payees
  Controls controls;
};

// The evidence of one flag: one sentence in plain words, the figures, dates
// and lines behind it.
struct Evidence {
  std::string summary;                // "£2,310.40 held, the plan allows £1,101.60 (8 weeks)"
  std::vector<std::string> details;   // one line each: "12 Nov 2026: £40.00 to BetNow (7995, betting and casino gaming)"
  std::vector<std::int64_t> line_ids; // statement lines it rests on
  Money amount;                       // the figure it turns on (surplus, cash, spending, shortfall)
};
struct Finding {
  FlagKind kind = FlagKind::AboveReserve;
  // Which condition of this kind: "" for one per account, else the category
  // code, merchant code or payee, so one open flag per account, kind and subject.
  std::string subject;
  Evidence evidence;
};

// Each rule on its own (each a test), then all of them.
std::optional<Finding> above_reserve(const AccountFacts& f);
std::optional<Finding> no_spending(const AccountFacts& f, const Settings& s);
std::vector<Finding> outside_plan(const AccountFacts& f, const Settings& s);
std::optional<Finding> cash(const AccountFacts& f, const Settings& s);
std::vector<Finding> merchant_categories(const AccountFacts& f, const Settings& s);
std::vector<Finding> family_payees(const AccountFacts& f, const Settings& s);
std::optional<Finding> contribution_short(const AccountFacts& f, const Settings& s);
std::vector<Finding> check_account(const AccountFacts& f, const Settings& s);

// Whether a finding is raised again after a flag of the same account, kind
// and subject was worked to its outcome on `last_closed_on`: a person has
// already looked, so the same evidence must not come back as a new flag on
// the next check. A condition read from statement lines is raised again only
// for a line that was not in the worked flags' evidence (a new payment); one
// read from figures (the reserve, no spending, the contribution) only once
// the higher-risk review interval has passed since it was worked, when it is
// worth a fresh look if it still holds.
bool raise_again(const Finding& f, const std::vector<std::int64_t>& lines_already_worked, std::optional<CivilDate> last_closed_on,
                 CivilDate on, const Settings& s);

// The surplus a recovery may take: held less the reserve allowed (nothing when not above).
Money surplus(Money held, Money weekly, int reserve_weeks);

// ---------------------------------------------------------------------------
// The flag workflow: open -> looked at -> outcome (closed).
enum class FlagState { Open, LookedAt, Closed };
std::string_view flag_state_code(FlagState s);   // "open", "looked_at", "closed"
std::string_view flag_state_label(FlagState s);  // "Open", "Looked at", "Outcome recorded"
std::optional<FlagState> flag_state_from_code(std::string_view code);

enum class Outcome {
  NoAction,
  AdviceGiven,
  RecoverSurplus,
  MoveToPrepaidCard,
  MoveToManagedAccount,
  SuspendPayments,
  SafeguardingReferral,
};
std::span<const Outcome> outcomes();
std::string_view outcome_code(Outcome o);   // "no_action", ...
std::string_view outcome_label(Outcome o);  // "No action needed", ...
std::optional<Outcome> outcome_from_code(std::string_view code);
// Whether an outcome found a real problem (risk_for counts these).
bool serious(Outcome o);

// What a worker records on a flag: "looked_at" with a note, or an outcome
// with a note. Refused (naming the field) when the step does not follow from
// the state: only an open flag is marked looked at, an outcome is recorded
// only once the flag has been looked at, and a closed flag takes nothing;
// recovering a surplus only on a balance-above-reserve flag.
struct Step {
  std::optional<Outcome> outcome;  // nothing: marked looked at
  std::string note;
};
Result<Step> step_from_fields(const people::Fields& f, FlagState state, FlagKind kind);

// A surplus recovery: prepared by one officer, approved by another.
enum class RecoveryState { Prepared, Approved, Refused };
std::string_view recovery_state_code(RecoveryState s);  // "prepared", "approved", "refused"
std::optional<RecoveryState> recovery_state_from_code(std::string_view code);
// The amount asked for: above nothing and at most the surplus over the reserve.
std::optional<FieldError> recovery_amount_refused(Money amount, Money surplus_now);
// The ledger transfer's id: one per flag, so approving twice posts once.
std::string recovery_transfer_id(std::int64_t flag_id);

}  // namespace patchwork::monitoring
