#pragma once
// Personal budgets (dated versions with their parts), financial assessments and
// direct payment agreements. Every function takes the council and filters by it.
#include <optional>
#include <vector>

#include "domain/budgets/budget.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

// Stores a version and its parts; returns the version's id.
std::int64_t insert_budget(Connection& c, const budgets::BudgetVersion& b, std::optional<UserId> recorded_by);
// Every version of the person's budget, oldest first, with its parts.
std::vector<budgets::BudgetVersion> list_budgets(Connection& c, CouncilId council_id, PersonId person_id);
// The version in effect on `date`, with its parts: one query on personal_budgets_as_at.
std::optional<budgets::BudgetVersion> find_budget_on(Connection& c, CouncilId council_id, PersonId person_id, CivilDate date);
// Every version of every budget in the council whose person has a payment
// schedule, by person then version, in one query: what a payment run reads.
std::vector<budgets::BudgetVersion> list_scheduled_budgets(Connection& c, CouncilId council_id);
std::optional<budgets::BudgetVersion> find_budget_version(Connection& c, CouncilId council_id, PersonId person_id, int version);
// The highest version number so far (0 when there is none).
int latest_budget_version(Connection& c, CouncilId council_id, PersonId person_id);

std::int64_t insert_financial_assessment(Connection& c, const budgets::FinancialAssessment& a, std::optional<UserId> recorded_by);
// Newest first (by date assessed, then as recorded).
std::vector<budgets::FinancialAssessment> list_financial_assessments(Connection& c, CouncilId council_id, PersonId person_id);

std::int64_t insert_direct_payment_agreement(Connection& c, const budgets::DirectPaymentAgreement& a, std::optional<UserId> recorded_by);
std::vector<budgets::DirectPaymentAgreement> list_direct_payment_agreements(Connection& c, CouncilId council_id, PersonId person_id);

// People whose budget in effect on `today` is interim, with its review date,
// earliest review first: a social worker's caseload (`worker`), or the council's.
struct InterimReview {
  PersonId person_id{};
  CivilDate review_on;
  CivilDate ends_on;
  int version = 0;
};
std::vector<InterimReview> interim_reviews(Connection& c, CouncilId council_id, std::optional<UserId> worker, CivilDate today);

}  // namespace patchwork::storage
