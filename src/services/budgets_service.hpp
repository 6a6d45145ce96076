#pragma once
// The personal budget's writes, shared by the pages, the API and (through
// create_budget) the approval of a support plan. The caller has asked the
// policy; each runs in the caller's transaction and stores nothing when it
// refuses.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/budgets/budget.hpp"
#include "domain/people/person.hpp"
#include "storage/db.hpp"

namespace patchwork::services {

// A budget as an approved plan gives it: the parts with their amounts (the
// budget's weekly and one-off amounts are their sums), the date it starts, and, for an
// interim budget, why and until when. The contribution is not given: it is
// taken from the person's latest financial assessment ("not yet assessed"
// when there is none).
struct NewBudget {
  std::optional<std::int64_t> plan_id;
  CivilDate effective_from;
  std::vector<budgets::Part> parts;
  std::optional<budgets::Interim> interim;
  std::string basis;  // where it came from, in plain words: "Support plan 3, version 2, approved by ... (threshold ...)"
};

// Every way the direct-payment parts among `parts` do not meet the law on
// `on`, as the person's record stands (budgets::direct_payment_refused, with
// people::capacity_for(..., "requesting_direct_payment", on) and the person's
// relationships), each field named with "parts[i]." before it when `indexed`.
FieldErrors direct_payment_problems(storage::Connection& c, const people::Person& person, std::span<const budgets::Part> parts,
                                    CivilDate on, bool indexed = true);

// Stores the next version of the person's budget. Refused, naming the field,
// when the amounts are out of range or do not add up, an interim budget's
// dates do not fit, a direct payment does not meet the law on the start date
// (direct_payment_problems), or a direct-payment part has money while the
// person pays the full cost (budgets::budget_problems). The direct payment
// agreements of the version it follows carry over to parts whose recipient
// and holding did not change (budgets::carried_agreements).
Result<budgets::BudgetVersion> create_budget(storage::Connection& c, const people::Person& person, const NewBudget& budget,
                                             std::optional<UserId> recorded_by);

// A change to the budget from a date: a new version copied from the one in
// effect on that date (the latest version when none is yet), with new parts
// if given, and the contribution from the latest financial assessment. Copied
// parts keep their weekly amounts but not their one-off amounts: a one-off
// cost belongs to the version its plan made (docs/budgets.md, "One-off costs").
struct BudgetChange {
  CivilDate effective_from;
  std::optional<std::vector<budgets::Part>> parts;  // the new parts; the amount becomes their sum
  std::optional<std::int64_t> plan_id;              // a new plan it came from; the old one otherwise
  std::optional<budgets::Interim> interim;          // set a new interim period
  bool end_interim = false;                         // or end the interim period (neither: keep it)
  std::string basis;
};
Result<budgets::BudgetVersion> change_budget(storage::Connection& c, const people::Person& person, const BudgetChange& change,
                                             std::optional<UserId> recorded_by);

// A financial assessment from fields (see budgets::financial_assessment_from_fields).
// When the person has a budget, `effective_from` is required and a new budget
// version with the new contribution starts on it.
struct RecordedAssessment {
  budgets::FinancialAssessment assessment;
  std::optional<budgets::BudgetVersion> new_version;
};
Result<RecordedAssessment> record_financial_assessment(storage::Connection& c, const people::Person& person,
                                                       const people::Fields& fields, CivilDate today,
                                                       std::optional<UserId> recorded_by);

// The agreement for one direct-payment part of a budget version.
Result<budgets::DirectPaymentAgreement> record_direct_payment_agreement(storage::Connection& c, const people::Person& person,
                                                                        int version, const people::Fields& fields, CivilDate today,
                                                                        std::optional<UserId> recorded_by);

}  // namespace patchwork::services
