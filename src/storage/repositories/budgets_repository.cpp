#include "storage/repositories/budgets_repository.hpp"

#include <map>

#include "core/date.hpp"
#include "storage/repositories/direct_payment_encoding.hpp"

namespace patchwork::storage {
namespace {

using namespace budgets;

// A version's columns (0-13) followed by one part's (14-23, then its direct
// payment's conditions 24-33), then the one-off amounts of the version (34)
// and of the part (35): a version with
// several parts comes back as several rows, and one with none (never stored,
// but read safely) as one row with the part's columns NULL.
#define PW_BUDGET_COLUMNS                                                                                              \
  "b.id, b.council_id, b.person_id, b.version, b.plan_id, b.effective_from, b.weekly_pence, b.contribution_kind, "     \
  "b.contribution_pence, b.interim_reason, b.interim_ends_on, b.interim_review_on, b.basis, b.recorded_at, "          \
  "p.part_key, p.mechanism, p.weekly_pence, p.recipient, p.recipient_name, p.held_in, p.organisation, p.provider_id, " \
  "p.terms, p.id, p.managing, p.managing_help, p.managing_decided_by, p.managing_decided_on, p.recipient_agreed_on, "      \
  "p.authorised_as, p.representative_id, p.suitable_decided_by, p.suitable_decided_on, p.supported_by_id, "                \
  "b.one_off_pence, p.one_off_pence"
#define PW_BUDGET_FROM " FROM personal_budgets b LEFT JOIN budget_parts p ON p.council_id = b.council_id AND p.budget_id = b.id "

constexpr Statement kInsertBudget{"insert_budget",
    "INSERT INTO personal_budgets (council_id, person_id, version, plan_id, effective_from, weekly_pence, contribution_kind, "
    "contribution_pence, interim_reason, interim_ends_on, interim_review_on, basis, recorded_by, recorded_at, one_off_pence) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id"};
constexpr Statement kInsertPart{"insert_budget_part",
    "INSERT INTO budget_parts (council_id, budget_id, part_key, mechanism, weekly_pence, recipient, recipient_name, held_in, "
    "organisation, provider_id, terms, one_off_pence, " PW_DIRECT_PAYMENT_CONDITION_COLUMNS ") "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)"};
constexpr Statement kListBudgets{"list_budgets",
    "SELECT " PW_BUDGET_COLUMNS PW_BUDGET_FROM "WHERE b.council_id = $1 AND b.person_id = $2 ORDER BY b.version, p.id"};
// One query: the version picked on the (council_id, person_id, effective_from,
// version) index, joined to its parts.
constexpr Statement kBudgetOn{"budget_on",
    "SELECT " PW_BUDGET_COLUMNS PW_BUDGET_FROM
    "WHERE b.council_id = $1 AND b.id = (SELECT x.id FROM personal_budgets x WHERE x.council_id = $1 AND x.person_id = $2 "
    "AND x.effective_from <= $3 ORDER BY x.effective_from DESC, x.version DESC LIMIT 1) ORDER BY p.id"};
constexpr Statement kBudgetVersion{"budget_version",
    "SELECT " PW_BUDGET_COLUMNS PW_BUDGET_FROM "WHERE b.council_id = $1 AND b.person_id = $2 AND b.version = $3 ORDER BY p.id"};
constexpr Statement kScheduledBudgets{"list_scheduled_budgets",
    "SELECT " PW_BUDGET_COLUMNS PW_BUDGET_FROM "WHERE b.council_id = $1 AND b.person_id IN (SELECT s.person_id FROM payment_schedules s "
    "WHERE s.council_id = $1) ORDER BY b.person_id, b.version, p.id"};
#undef PW_BUDGET_COLUMNS
#undef PW_BUDGET_FROM
constexpr Statement kLatestVersion{"latest_budget_version",
    "SELECT COALESCE(MAX(version), 0) FROM personal_budgets WHERE council_id = $1 AND person_id = $2"};

constexpr Statement kInsertAssessment{"insert_financial_assessment",
    "INSERT INTO financial_assessments (council_id, person_id, contribution_kind, contribution_pence, assessed_on, assessed_by, "
    "recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"};
constexpr Statement kListAssessments{"list_financial_assessments",
    "SELECT id, council_id, person_id, contribution_kind, contribution_pence, assessed_on, assessed_by FROM financial_assessments "
    "WHERE council_id = $1 AND person_id = $2 ORDER BY assessed_on DESC, id DESC"};

constexpr Statement kInsertAgreement{"insert_direct_payment_agreement",
    "INSERT INTO direct_payment_agreements (council_id, person_id, budget_id, part_key, signed_on, signed_by, first_payment_on, "
    "review_on, recorded_by, recorded_at, carried_from) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"};
constexpr Statement kListAgreements{"list_direct_payment_agreements",
    "SELECT id, council_id, person_id, budget_id, part_key, signed_on, signed_by, first_payment_on, review_on, carried_from "
    "FROM direct_payment_agreements WHERE council_id = $1 AND person_id = $2 ORDER BY id"};

// The budget in effect today for each person, kept when it is interim, unless
// their support has ended (a death, a move, needs met): nothing is left to review.
#define PW_CURRENT_INTERIM                                                                                          \
  "b.interim_review_on IS NOT NULL AND b.id = (SELECT x.id FROM personal_budgets x WHERE x.council_id = b.council_id " \
  "AND x.person_id = b.person_id AND x.effective_from <= $2 ORDER BY x.effective_from DESC, x.version DESC LIMIT 1) "    \
  "AND NOT EXISTS (SELECT 1 FROM support_endings e WHERE e.council_id = b.council_id AND e.person_id = b.person_id) "
constexpr Statement kInterimCouncil{"interim_reviews_council",
    "SELECT b.person_id, b.interim_review_on, b.interim_ends_on, b.version FROM personal_budgets b WHERE b.council_id = $1 AND "
    PW_CURRENT_INTERIM "ORDER BY b.interim_review_on, b.person_id"};
constexpr Statement kInterimWorker{"interim_reviews_worker",
    "SELECT b.person_id, b.interim_review_on, b.interim_ends_on, b.version FROM personal_budgets b "
    "JOIN worker_allocations w ON w.council_id = b.council_id AND w.person_id = b.person_id "
    "WHERE b.council_id = $1 AND w.user_id = $3 AND " PW_CURRENT_INTERIM "ORDER BY b.interim_review_on, b.person_id"};
#undef PW_CURRENT_INTERIM

Contribution contribution_from(const Row& r, std::size_t kind, std::size_t pence) {
  Contribution c;
  c.kind = contribution_from_code(r.text(kind)).value_or(ContributionKind::NotYetAssessed);
  c.weekly = Money::from_pence(r.int64(pence));
  return c;
}

std::optional<std::string> text_or_null(const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); }

// Rows of versions joined to parts, in version order, folded into versions.
std::vector<BudgetVersion> budgets_from(const Rows& rows) {
  std::vector<BudgetVersion> out;
  for (const auto& r : rows) {
    if (out.empty() || out.back().id != r.int64(0)) {
      BudgetVersion b;
      b.id = r.int64(0);
      b.council_id = r.id<CouncilId>(1);
      b.person_id = r.id<PersonId>(2);
      b.version = int(r.int64(3));
      b.plan_id = r.opt_int64(4);
      b.effective_from = r.date(5);
      b.weekly = Money::from_pence(r.int64(6));
      b.contribution = contribution_from(r, 7, 8);
      if (!r.is_null(9)) b.interim = Interim{r.text(9), r.date(10), r.date(11)};
      b.basis = r.text(12);
      b.recorded_at = r.text(13);
      b.one_off = Money::from_pence(r.int64(34));
      out.push_back(std::move(b));
    }
    if (r.is_null(14)) continue;
    Part p;
    p.key = r.text(14);
    p.mechanism = mechanism_from_code(r.text(15)).value_or(Mechanism::CouncilManaged);
    p.weekly = Money::from_pence(r.int64(16));
    p.one_off = Money::from_pence(r.int64(35));
    if (p.mechanism == Mechanism::DirectPayment) {
      DirectPaymentDetails dp;
      dp.recipient = recipient_from_code(r.text(17)).value_or(Recipient::Person);
      dp.recipient_name = r.text(18);
      dp.held_in = held_in_from_code(r.text(19)).value_or(HeldIn::BankAccount);
      dp.organisation = r.text(20);
      read_direct_payment_conditions(r, 24, dp);
      p.direct_payment = dp;
    }
    if (p.mechanism == Mechanism::IndividualServiceFund)
      p.service_fund = IndividualServiceFundDetails{r.opt_int64(21).value_or(0), r.text(22)};
    out.back().parts.push_back(std::move(p));
  }
  return out;
}

std::optional<BudgetVersion> one(const Rows& rows) {
  auto v = budgets_from(rows);
  if (v.empty()) return std::nullopt;
  return std::move(v.front());
}

}  // namespace

std::int64_t insert_budget(Connection& c, const BudgetVersion& b, std::optional<UserId> by) {
  const bool interim = b.interim.has_value();
  const auto id = c.query(kInsertBudget, {b.council_id, b.person_id, std::int64_t(b.version), opt(b.plan_id), b.effective_from,
                                          b.weekly.pence(), std::string(contribution_code(b.contribution.kind)),
                                          b.contribution.kind == ContributionKind::WeeklyAmount ? b.contribution.weekly.pence() : std::int64_t(0),
                                          interim ? Param(b.interim->reason) : Param(Null{}),
                                          interim ? Param(b.interim->ends_on) : Param(Null{}),
                                          interim ? Param(b.interim->review_on) : Param(Null{}), b.basis, opt(by), utc_timestamp_now(),
                                          b.one_off.pence()})
                      .at(0).int64(0);
  for (const auto& p : b.parts) {
    const auto& dp = p.direct_payment;
    const auto& isf = p.service_fund;
    Params params{b.council_id, id, p.key, std::string(mechanism_code(p.mechanism)), p.weekly.pence(),
                  dp ? opt(std::optional<std::string>(std::string(recipient_code(dp->recipient)))) : Param(Null{}),
                  dp ? opt(text_or_null(dp->recipient_name)) : Param(Null{}),
                  dp ? opt(std::optional<std::string>(std::string(held_in_code(dp->held_in)))) : Param(Null{}),
                  dp ? opt(text_or_null(dp->organisation)) : Param(Null{}),
                  isf ? Param(isf->provider_id) : Param(Null{}), isf ? Param(isf->terms) : Param(Null{}),
                  p.one_off.pence()};
    append_direct_payment_values(params, dp);
    c.execute(kInsertPart, params);
  }
  return id;
}

std::vector<BudgetVersion> list_budgets(Connection& c, CouncilId council_id, PersonId person_id) {
  return budgets_from(c.query(kListBudgets, {council_id, person_id}));
}

std::optional<BudgetVersion> find_budget_on(Connection& c, CouncilId council_id, PersonId person_id, CivilDate date) {
  return one(c.query(kBudgetOn, {council_id, person_id, date}));
}

std::vector<BudgetVersion> list_scheduled_budgets(Connection& c, CouncilId council_id) {
  return budgets_from(c.query(kScheduledBudgets, {council_id}));
}

std::optional<BudgetVersion> find_budget_version(Connection& c, CouncilId council_id, PersonId person_id, int version) {
  return one(c.query(kBudgetVersion, {council_id, person_id, std::int64_t(version)}));
}

int latest_budget_version(Connection& c, CouncilId council_id, PersonId person_id) {
  return int(c.query(kLatestVersion, {council_id, person_id}).at(0).int64(0));
}

std::int64_t insert_financial_assessment(Connection& c, const FinancialAssessment& a, std::optional<UserId> by) {
  return c.query(kInsertAssessment, {a.council_id, a.person_id, std::string(contribution_code(a.contribution.kind)),
                                     a.contribution.kind == ContributionKind::WeeklyAmount ? a.contribution.weekly.pence() : std::int64_t(0),
                                     a.assessed_on, a.assessed_by, opt(by), utc_timestamp_now()})
      .at(0).int64(0);
}

std::vector<FinancialAssessment> list_financial_assessments(Connection& c, CouncilId council_id, PersonId person_id) {
  std::vector<FinancialAssessment> out;
  for (const auto& r : c.query(kListAssessments, {council_id, person_id}))
    out.push_back({r.int64(0), r.id<CouncilId>(1), r.id<PersonId>(2), contribution_from(r, 3, 4), r.date(5), r.text(6)});
  return out;
}

std::int64_t insert_direct_payment_agreement(Connection& c, const DirectPaymentAgreement& a, std::optional<UserId> by) {
  return c.query(kInsertAgreement, {a.council_id, a.person_id, a.budget_id, a.part_key, a.signed_on, a.signed_by,
                                    opt(a.first_payment_on), a.review_on, opt(by), utc_timestamp_now(), opt(a.carried_from)})
      .at(0).int64(0);
}

std::vector<DirectPaymentAgreement> list_direct_payment_agreements(Connection& c, CouncilId council_id, PersonId person_id) {
  std::vector<DirectPaymentAgreement> out;
  for (const auto& r : c.query(kListAgreements, {council_id, person_id}))
    out.push_back({r.int64(0), r.id<CouncilId>(1), r.id<PersonId>(2), r.int64(3), r.text(4), r.date(5), r.text(6), r.opt_date(7),
                   r.date(8), r.opt_int64(9)});
  return out;
}

std::vector<InterimReview> interim_reviews(Connection& c, CouncilId council_id, std::optional<UserId> worker, CivilDate today) {
  std::vector<InterimReview> out;
  auto rows = worker ? c.query(kInterimWorker, {council_id, today, *worker}) : c.query(kInterimCouncil, {council_id, today});
  for (const auto& r : rows) out.push_back({r.id<PersonId>(0), r.date(1), r.date(2), int(r.int64(3))});
  return out;
}

}  // namespace patchwork::storage
