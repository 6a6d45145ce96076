#pragma once
// The personal budget: what meeting the person's eligible needs costs the
// council a week, what the person pays towards it after the financial
// assessment, what the council pays, and the parts it is managed in. It is
// kept as versions, each effective from a date, so "the budget on a date" is
// always answerable and nothing is overwritten. Pure domain: no storage,
// HTTP or JSON.
//
// Care Act 2014, s.26(1): "A personal budget for an adult is a statement which
// specifies— (a) the cost to the local authority of meeting those of the
// adult's needs which it is required or decides to meet as mentioned in
// section 24(1), (b) the amount which, on the basis of the financial
// assessment, the adult must pay towards that cost, and (c) if on that basis
// the local authority must itself pay towards that cost, the amount which it
// must pay." Those are `weekly`, the contribution and council_share() below.
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
#include "domain/budgets/parts.hpp"
#include "domain/people/records.hpp"

namespace patchwork::budgets {

// What the financial assessment found the person must pay.
enum class ContributionKind {
  NotYetAssessed,  // no financial assessment yet: nothing can be said about who pays
  WeeklyAmount,    // a weekly amount towards the cost
  FullCost,        // the person pays the full cost (a self-funder the council arranges for)
};
std::span<const ContributionKind> contribution_kinds();
std::string_view contribution_code(ContributionKind k);  // "not_yet_assessed", "weekly_amount", "full_cost"
std::string_view contribution_label(ContributionKind k);
std::optional<ContributionKind> contribution_from_code(std::string_view code);

struct Contribution {
  ContributionKind kind = ContributionKind::NotYetAssessed;
  Money weekly;  // only for WeeklyAmount
};

// A financial assessment as recorded by finance.
struct FinancialAssessment {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  Contribution contribution;
  CivilDate assessed_on;
  std::string assessed_by;
};

// Reads contribution ("weekly_amount" or "full_cost"), weekly_contribution
// (for a weekly amount), assessed_on (today or earlier) and assessed_by.
Result<FinancialAssessment> financial_assessment_from_fields(const people::Fields& f, CivilDate today);

// An interim budget: set before the plan is final, to be looked at again.
struct Interim {
  std::string reason;
  CivilDate ends_on;
  CivilDate review_on;  // the automatic review date, on or before ends_on
};

// The automatic review date of an interim budget: two weeks before the interim
// period ends, so the lasting plan can be agreed and approved before the money
// stops; never before the period starts (a period of two weeks or less is
// reviewed on its first day). Interim budgets are short by design (after
// reablement, a crisis, while a personal assistant is recruited), and one that
// simply runs out harms the person most.
CivilDate interim_review_on(CivilDate starts, CivilDate ends);

// One version of a person's personal budget.
struct BudgetVersion {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::optional<std::int64_t> plan_id;  // the support plan it came from, if any
  int version = 0;                      // 1, 2, ... per person
  CivilDate effective_from;
  Money weekly;                         // s.26(1)(a): the cost to the council a week (£0.00 for a plan of one-off or free support)
  Money one_off;                        // s.26(1)(a) too: what the plan's one-off costs come to, paid once, never folded into `weekly`
  Contribution contribution;            // s.26(1)(b), from the latest financial assessment
  std::vector<Part> parts;              // amounts add up to `weekly`
  std::optional<Interim> interim;
  std::string basis;                    // where it came from, in plain words (the plan, the approval and its threshold)
  std::string recorded_at;
};

// A year is 52 weeks, as costing (domain/planning/costing.hpp) and the
// national code count it: exact, as the weekly amount is whole pence.
MoneyResult yearly(Money weekly);

// s.26(1)(c): what the council pays a week: the amount less the person's
// contribution, never below nothing (a contribution above the cost means the
// person pays it all). Nothing when the contribution is not yet assessed.
std::optional<Money> council_share(const BudgetVersion& b);
// What the person pays a week, at most the whole amount; nothing when not yet assessed.
std::optional<Money> person_share(const BudgetVersion& b);

// The national CLD `Client_Funding_Status` (release 1 and 2 spell it alike:
// "Fully social care funded", "Joint client and social care funded", "Fully
// client funded", as DHSC's code checks them), or "Unknown" while the
// contribution is not yet assessed: DHSC's data-quality check
// (create_GetDQValues_procedure.sql) scores a blank in this field as "Failed:
// Blank (Mandatory)" on service rows, and "Unknown" is one of its valid values.
std::string_view client_funding_status(const BudgetVersion& b);
inline constexpr std::string_view kFundingStatusUnknown = "Unknown";

// The version in effect on `date`: the latest effective_from on or before it,
// ties going to the higher version. Nothing before the first.
const BudgetVersion* budget_on(std::span<const BudgetVersion> versions, CivilDate date);

// Every problem with a version before it is stored, each naming its field:
// a weekly amount from £0.00 to allocation::kWeeklyAmountLimit (£0.00 when the
// plan's support is all one-off or free: s.26(1)(a) makes the budget the cost,
// whatever it is), a one-off amount from £0.00 to 52 times that limit (the
// one-off limit of costing), parts that add up to both amounts, a
// contribution that is not negative or absurd, at least one part (a budget
// says how it is managed; an empty plan never gets here, as a plan without
// support lines cannot be sent for approval), parts with distinct keys, no
// direct-payment part with money when the council pays nothing (the person
// pays the full cost: Care Act 2014 s.31(1)(a), s.32(1)(a);
// kFullCostDirectPayment), an interim budget's reason and dates.
FieldErrors budget_problems(const BudgetVersion& b);
extern const std::string_view kFullCostDirectPayment;
// The financial assessment found the person pays the full cost.
bool pays_full_cost(const Contribution& c);

// A direct payment agreement, one per direct-payment part of a budget version.
struct DirectPaymentAgreement {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::int64_t budget_id = 0;
  std::string part_key;
  CivilDate signed_on;
  std::string signed_by;
  std::optional<CivilDate> first_payment_on;
  CivilDate review_on;
  // The agreement first signed, when this one was carried to a later version
  // of the budget (carried_agreements); nothing when it was signed for this one.
  std::optional<std::int64_t> carried_from{};
};

// The agreements that carry from `previous` to `next` (a new version of the
// same budget: a changed plan, a new financial assessment): for each
// direct-payment part of `next` whose part of the same key in `previous` has an
// agreement and the same recipient and holding (agreement_change), the latest
// such agreement, for `next.id`, its dates unchanged and naming the first.
// A part whose recipient or holding changed needs a new agreement.
std::vector<DirectPaymentAgreement> carried_agreements(const BudgetVersion& previous, const BudgetVersion& next,
                                                       std::span<const DirectPaymentAgreement> agreements);

// The latest date the first review may be on: six months after the first
// payment (or, before it is paid, after signing), as reg. 7(1)(a) requires.
CivilDate first_review_due(const DirectPaymentAgreement& a);
// Twelve months after a review: the latest the next may be.
CivilDate next_review_due(CivilDate reviewed_on);
// `months` calendar months after `d`, on the last day of the month when it is shorter.
CivilDate plus_months(CivilDate d, int months);

// Reads part_key, signed_on, signed_by, first_payment_on (optional) and
// review_on, checking the review date against the regulation.
Result<DirectPaymentAgreement> agreement_from_fields(const people::Fields& f, CivilDate today);

}  // namespace patchwork::budgets
