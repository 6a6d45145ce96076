#include "storage/repositories/plans_repository.hpp"

#include "core/date.hpp"
#include "storage/repositories/assessment_encoding.hpp"
#include "storage/repositories/direct_payment_encoding.hpp"

namespace patchwork::storage {
namespace {

#define PW_PLAN_COLUMNS                                                                                                  \
  "id, council_id, person_id, plan_number, version, status, effective_from, drafted_by_kind, helped_by, views_included, " \
  "interim, interim_reason, interim_ends_on, eligibility_decision_id, eligible_needs, indicative_allocation_id, "        \
  "indicative_weekly, backup_cover, who_to_call, contingency_amount, agreed_by_kind, agreed_by_name, agreed_on, "        \
  "previous_version_id, submitted_at, decided_at, created_at, wellbeing, prevention_advice"
constexpr Statement kInsertPlan{"insert_support_plan",
    "INSERT INTO support_plans (council_id, person_id, plan_number, version, status, effective_from, drafted_by_kind, helped_by, "
    "views_included, interim, interim_reason, interim_ends_on, eligibility_decision_id, eligible_needs, indicative_allocation_id, "
    "indicative_weekly, backup_cover, who_to_call, contingency_amount, weekly_cost, yearly_cost, one_off_cost, agreed_by_kind, "
    "agreed_by_name, agreed_on, previous_version_id, created_by, created_at, updated_at, submitted_at, decided_at, wellbeing, "
    "prevention_advice) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, "
    "$27, $28, $28, '', '', $29, $30) RETURNING id"};
constexpr Statement kUpdatePlan{"update_support_plan",
    "UPDATE support_plans SET effective_from = $3, drafted_by_kind = $4, helped_by = $5, views_included = $6, interim = $7, "
    "interim_reason = $8, interim_ends_on = $9, backup_cover = $10, who_to_call = $11, contingency_amount = $12, weekly_cost = $13, "
    "yearly_cost = $14, one_off_cost = $15, agreed_by_kind = $16, agreed_by_name = $17, agreed_on = $18, updated_at = $19, "
    "wellbeing = $20, prevention_advice = $21 WHERE council_id = $1 AND id = $2"};
constexpr Statement kSubmitPlan{"submit_support_plan",
    "UPDATE support_plans SET status = 'submitted', submitted_by = $3, submitted_at = $4, updated_at = $4 WHERE council_id = $1 AND id = $2"};
constexpr Statement kSetPlanStatus{"set_support_plan_status",
    "UPDATE support_plans SET status = $3, effective_from = $4, decided_at = $5, updated_at = $5 WHERE council_id = $1 AND id = $2"};
constexpr Statement kSetAgreement{"set_support_plan_agreement",
    "UPDATE support_plans SET agreed_by_kind = $3, agreed_by_name = $4, agreed_on = $5, agreement_recorded_by = $6, updated_at = $7 "
    "WHERE council_id = $1 AND id = $2"};
constexpr Statement kSupersede{"supersede_support_plans",
    "UPDATE support_plans SET status = 'superseded', updated_at = $5 WHERE council_id = $1 AND person_id = $2 AND plan_number = $3 "
    "AND status = 'approved' AND id <> $4"};
constexpr Statement kFindPlan{"find_support_plan",
    "SELECT " PW_PLAN_COLUMNS " FROM support_plans WHERE council_id = $1 AND person_id = $2 AND id = $3"};
constexpr Statement kFindPlanInCouncil{"find_support_plan_in_council",
    "SELECT " PW_PLAN_COLUMNS " FROM support_plans WHERE council_id = $1 AND id = $2"};
constexpr Statement kListPlans{"list_support_plans",
    "SELECT " PW_PLAN_COLUMNS " FROM support_plans WHERE council_id = $1 AND person_id = $2 ORDER BY plan_number DESC, version DESC"};
// An interim plan is in force only until its end date (docs/planning.md,
// "Interim plans after their end date"): after it, the plan is no longer in
// force (no provider is engaged through it and no page calls it the plan in
// force) until a later version starts; the version that started last is not
// replaced by an older one. `on` is the statement's date parameter.
#define PW_NOT_ENDED_INTERIM(on) "AND NOT (p.interim = 1 AND p.interim_ends_on IS NOT NULL AND p.interim_ends_on < " on ") "
// The version of each of the person's plans in force on a date: among its
// approved versions (a superseded one was approved too, and stays in force until
// the next one starts), the one that started last on or before the date.
constexpr Statement kPlansInForce{"support_plans_in_force",
    "SELECT " PW_PLAN_COLUMNS " FROM support_plans p WHERE p.council_id = $1 AND p.person_id = $2 AND p.id = ("
    "SELECT q.id FROM support_plans q WHERE q.council_id = p.council_id AND q.person_id = p.person_id AND q.plan_number = p.plan_number "
    "AND q.status IN ('approved', 'superseded') AND q.effective_from <= $3 ORDER BY q.effective_from DESC, q.version DESC LIMIT 1) "
    PW_NOT_ENDED_INTERIM("$3") "ORDER BY p.plan_number"};
#undef PW_PLAN_COLUMNS
constexpr Statement kPlanCreatedBy{"support_plan_created_by", "SELECT created_by FROM support_plans WHERE council_id = $1 AND id = $2"};
constexpr Statement kPeopleEverNamingProvider{"people_ever_naming_provider",
    "SELECT DISTINCT p.person_id FROM support_plans p WHERE p.council_id = $1 AND p.status IN ('approved', 'superseded') AND ("
    "EXISTS (SELECT 1 FROM support_plan_lines l WHERE l.council_id = p.council_id AND l.plan_id = p.id AND l.provider_id = $2) OR "
    "EXISTS (SELECT 1 FROM support_plan_parts t WHERE t.council_id = p.council_id AND t.plan_id = p.id AND t.provider_id = $2)) "
    "ORDER BY p.person_id"};
// Every plan of the council in force on a date, as kPlansInForce picks the
// version, with what the RAS learning needs of it.
constexpr Statement kAgreedPlansInForce{"agreed_support_plans_in_force",
    "SELECT p.id, p.person_id, p.indicative_allocation_id, p.weekly_cost, p.effective_from FROM support_plans p "
    "WHERE p.council_id = $1 AND p.id = ("
    "SELECT q.id FROM support_plans q WHERE q.council_id = p.council_id AND q.person_id = p.person_id AND q.plan_number = p.plan_number "
    "AND q.status IN ('approved', 'superseded') AND q.effective_from <= $2 ORDER BY q.effective_from DESC, q.version DESC LIMIT 1) "
    PW_NOT_ENDED_INTERIM("$2") "ORDER BY p.person_id, p.plan_number"};
#undef PW_NOT_ENDED_INTERIM
constexpr Statement kNextPlanNumber{"next_support_plan_number",
    "SELECT COALESCE(MAX(plan_number), 0) + 1 FROM support_plans WHERE council_id = $1 AND person_id = $2"};

constexpr Statement kDeleteOutcomes{"delete_support_plan_outcomes", "DELETE FROM support_plan_outcomes WHERE council_id = $1 AND plan_id = $2"};
constexpr Statement kDeleteParts{"delete_support_plan_parts", "DELETE FROM support_plan_parts WHERE council_id = $1 AND plan_id = $2"};
constexpr Statement kDeleteLines{"delete_support_plan_lines", "DELETE FROM support_plan_lines WHERE council_id = $1 AND plan_id = $2"};
constexpr Statement kDeleteUnmet{"delete_support_plan_unmet", "DELETE FROM support_plan_unmet_needs WHERE council_id = $1 AND plan_id = $2"};
// Involvement and agreement (migration 0016), read and written beside the
// plan's other children so the older statements above stay as they were.
constexpr Statement kDeleteInvolvement{"delete_support_plan_involvement",
    "DELETE FROM support_plan_involvement WHERE council_id = $1 AND plan_id = $2"};
constexpr Statement kInsertInvolvement{"insert_support_plan_involvement",
    "INSERT INTO support_plan_involvement (council_id, plan_id, number, kind, name, how) VALUES ($1, $2, $3, $4, $5, $6)"};
constexpr Statement kListInvolvement{"list_support_plan_involvement",
    "SELECT number, kind, name, how FROM support_plan_involvement WHERE council_id = $1 AND plan_id = $2 ORDER BY number"};
constexpr Statement kSetNoAgreement{"set_support_plan_no_agreement",
    "UPDATE support_plans SET no_agreement_reason = $3, no_agreement_on = $4 WHERE council_id = $1 AND id = $2"};
constexpr Statement kGetNoAgreement{"get_support_plan_no_agreement",
    "SELECT no_agreement_reason, no_agreement_on FROM support_plans WHERE council_id = $1 AND id = $2"};
constexpr Statement kDeleteRisks{"delete_support_plan_risks", "DELETE FROM support_plan_risks WHERE council_id = $1 AND plan_id = $2"};

constexpr Statement kInsertOutcome{"insert_support_plan_outcome",
    "INSERT INTO support_plan_outcomes (council_id, plan_id, number, words, aim, needs) VALUES ($1, $2, $3, $4, $5, $6)"};
constexpr Statement kInsertPart{"insert_support_plan_part",
    "INSERT INTO support_plan_parts (council_id, plan_id, part_key, position, mechanism, recipient, recipient_name, held_in, organisation, "
    "provider_id, terms, " PW_DIRECT_PAYMENT_CONDITION_COLUMNS ") "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)"};
constexpr Statement kInsertLine{"insert_support_plan_line",
    "INSERT INTO support_plan_lines (council_id, plan_id, number, description, supplier_kind, supplier_name, provider_id, unit_cost, "
    "cost_frequency, units_quarters, service_type, service_component, part_key, outcomes, family_in_household, necessity_reason, "
    "necessity_decided_by, necessity_decided_on, weekly, yearly, one_off, payee_relationship) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)"};
constexpr Statement kInsertUnmet{"insert_support_plan_unmet",
    "INSERT INTO support_plan_unmet_needs (council_id, plan_id, need, reason) VALUES ($1, $2, $3, $4)"};
constexpr Statement kInsertRisk{"insert_support_plan_risk",
    "INSERT INTO support_plan_risks (council_id, plan_id, number, risk, agreed, agreed_by) VALUES ($1, $2, $3, $4, $5, $6)"};

constexpr Statement kListOutcomes{"list_support_plan_outcomes",
    "SELECT number, words, aim, needs FROM support_plan_outcomes WHERE council_id = $1 AND plan_id = $2 ORDER BY number"};
constexpr Statement kListParts{"list_support_plan_parts",
    "SELECT part_key, mechanism, recipient, recipient_name, held_in, organisation, provider_id, terms, " PW_DIRECT_PAYMENT_CONDITION_COLUMNS
    " FROM support_plan_parts "
    "WHERE council_id = $1 AND plan_id = $2 ORDER BY position"};
constexpr Statement kListLines{"list_support_plan_lines",
    "SELECT number, description, supplier_kind, supplier_name, provider_id, unit_cost, cost_frequency, units_quarters, service_type, "
    "service_component, part_key, outcomes, family_in_household, necessity_reason, necessity_decided_by, necessity_decided_on, "
    "weekly, yearly, one_off, payee_relationship FROM support_plan_lines WHERE council_id = $1 AND plan_id = $2 ORDER BY number"};
constexpr Statement kListUnmet{"list_support_plan_unmet",
    "SELECT need, reason FROM support_plan_unmet_needs WHERE council_id = $1 AND plan_id = $2 ORDER BY need"};
constexpr Statement kListRisks{"list_support_plan_risks",
    "SELECT number, risk, agreed, agreed_by FROM support_plan_risks WHERE council_id = $1 AND plan_id = $2 ORDER BY number"};

std::string numbers_to_text(const std::vector<int>& v) {
  std::string s;
  for (int n : v) s += (s.empty() ? "" : ",") + std::to_string(n);
  return s;
}

std::vector<int> numbers_from_text(const std::string& s) {
  std::vector<int> out;
  std::size_t start = 0;
  while (start < s.size()) {
    auto comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    out.push_back(std::stoi(s.substr(start, comma - start)));
    start = comma + 1;
  }
  return out;
}

planning::SupportPlan plan_from(const Row& r) {
  planning::SupportPlan p;
  p.id = r.int64(0);
  p.council_id = r.id<CouncilId>(1);
  p.person_id = r.id<PersonId>(2);
  p.plan_number = int(r.int64(3));
  p.version = int(r.int64(4));
  p.status = r.text(5);
  p.effective_from = r.opt_date(6);
  p.drafted_by_kind = r.text(7);
  p.helped_by = r.text(8);
  p.views_included = r.text(9);
  p.interim = r.int64(10) != 0;
  p.interim_reason = r.text(11);
  p.interim_ends_on = r.opt_date(12);
  p.eligibility_decision_id = r.opt_int64(13);
  p.eligible_needs = lines_from_json(r.text(14));
  p.indicative_allocation_id = r.opt_int64(15);
  if (auto w = r.opt_int64(16)) p.indicative_weekly = Money::from_pence(*w);
  p.backup_cover = r.text(17);
  p.who_to_call = r.text(18);
  p.contingency_amount = Money::from_pence(r.int64(19));
  p.agreed_by_kind = r.text(20);
  p.agreed_by_name = r.text(21);
  p.agreed_on = r.opt_date(22);
  p.previous_version_id = r.opt_int64(23);
  p.submitted_at = r.text(24);
  p.decided_at = r.text(25);
  p.created_at = r.text(26);
  p.wellbeing = r.text(27);
  p.prevention_advice = r.text(28);
  return p;
}

void load_children(Connection& c, planning::SupportPlan& p) {
  for (const auto& r : c.query(kListOutcomes, {p.council_id, p.id}))
    p.outcomes.push_back({int(r.int64(0)), r.text(1), r.text(2), lines_from_json(r.text(3))});
  for (const auto& r : c.query(kListParts, {p.council_id, p.id})) {
    budgets::Part part;
    part.key = r.text(0);
    part.mechanism = budgets::mechanism_from_code(r.text(1)).value_or(budgets::Mechanism::CouncilManaged);
    if (part.mechanism == budgets::Mechanism::DirectPayment) {
      budgets::DirectPaymentDetails dp;
      dp.recipient = budgets::recipient_from_code(r.text(2)).value_or(budgets::Recipient::Person);
      dp.recipient_name = r.text(3);
      dp.held_in = budgets::held_in_from_code(r.text(4)).value_or(budgets::HeldIn::BankAccount);
      dp.organisation = r.text(5);
      read_direct_payment_conditions(r, 8, dp);
      part.direct_payment = dp;
    }
    if (part.mechanism == budgets::Mechanism::IndividualServiceFund)
      part.service_fund = budgets::IndividualServiceFundDetails{r.opt_int64(6).value_or(0), r.text(7)};
    p.parts.push_back(part);
  }
  for (const auto& r : c.query(kListLines, {p.council_id, p.id})) {
    planning::SupportLine l;
    l.number = int(r.int64(0));
    l.description = r.text(1);
    l.supplier_kind = r.text(2);
    l.supplier_name = r.text(3);
    l.provider_id = r.opt_int64(4);
    l.cost_input.unit_cost = Money::from_pence(r.int64(5));
    l.cost_input.frequency = planning::parse_cost_frequency(r.text(6));
    if (auto q = r.opt_int64(7)) l.cost_input.units_per_week = planning::UnitsPerWeek::from_quarters(*q);
    l.service_type = r.text(8);
    l.service_component = r.text(9);
    l.part_key = r.text(10);
    l.outcomes = numbers_from_text(r.text(11));
    l.family_in_household = r.int64(12) != 0;
    if (!r.is_null(13)) l.necessity = budgets::NecessityDecision{r.text(13), r.text(14), r.date(15)};
    l.cost.frequency = l.cost_input.frequency.value_or(planning::CostFrequency::Weekly);
    l.cost.weekly = Money::from_pence(r.int64(16));
    l.cost.yearly = Money::from_pence(r.int64(17));
    l.cost.one_off = Money::from_pence(r.int64(18));
    if (!r.is_null(19)) l.payee = budgets::payee_relationship_from_code(r.text(19));
    p.lines.push_back(l);
  }
  for (const auto& r : c.query(kListUnmet, {p.council_id, p.id})) p.unmet.push_back({r.text(0), r.text(1)});
  for (const auto& r : c.query(kListRisks, {p.council_id, p.id}))
    p.risks.push_back({int(r.int64(0)), r.text(1), r.text(2), r.text(3)});
  for (const auto& r : c.query(kListInvolvement, {p.council_id, p.id}))
    p.involved.push_back({int(r.int64(0)), r.text(1), r.text(2), r.text(3)});
  for (const auto& r : c.query(kGetNoAgreement, {p.council_id, p.id})) {
    p.no_agreement_reason = r.text(0);
    p.no_agreement_on = r.opt_date(1);
  }
}

void insert_children(Connection& c, const planning::SupportPlan& p, std::int64_t id) {
  for (const auto& o : p.outcomes) c.execute(kInsertOutcome, {p.council_id, id, o.number, o.words, o.aim, lines_to_json(o.needs)});
  int position = 0;
  for (const auto& part : p.parts) {
    Value recipient = Null{}, held_in = Null{}, provider = Null{};
    std::string recipient_name, organisation, terms;
    if (part.direct_payment) {
      recipient = std::string(budgets::recipient_code(part.direct_payment->recipient));
      recipient_name = part.direct_payment->recipient_name;
      held_in = std::string(budgets::held_in_code(part.direct_payment->held_in));
      organisation = part.direct_payment->organisation;
    }
    if (part.service_fund) {
      provider = part.service_fund->provider_id;
      terms = part.service_fund->terms;
    }
    Params params{p.council_id, id, part.key, ++position, std::string(budgets::mechanism_code(part.mechanism)), recipient,
                  recipient_name, held_in, organisation, provider, terms};
    append_direct_payment_values(params, part.direct_payment);
    c.execute(kInsertPart, params);
  }
  for (const auto& l : p.lines) {
    Value units = Null{};
    if (l.cost_input.units_per_week) units = l.cost_input.units_per_week->quarters();
    Value reason = Null{}, by = Null{}, on = Null{};
    if (l.necessity) { reason = l.necessity->reason; by = l.necessity->decided_by; on = l.necessity->decided_on.iso(); }
    c.execute(kInsertLine, {p.council_id, id, l.number, l.description, l.supplier_kind, l.supplier_name, opt(l.provider_id),
                            l.cost_input.unit_cost.value_or(Money{}).pence(),
                            std::string(planning::national_code(l.cost_input.frequency.value_or(planning::CostFrequency::Weekly))), units,
                            l.service_type, l.service_component, l.part_key, numbers_to_text(l.outcomes),
                            std::int64_t(l.family_in_household ? 1 : 0), reason, by, on, l.cost.weekly.pence(), l.cost.yearly.pence(),
                            l.cost.one_off.pence(),
                            l.payee ? Value(std::string(budgets::payee_relationship_code(*l.payee))) : Value(Null{})});
  }
  for (const auto& u : p.unmet) c.execute(kInsertUnmet, {p.council_id, id, u.need, u.reason});
  for (const auto& k : p.risks) c.execute(kInsertRisk, {p.council_id, id, k.number, k.risk, k.agreed, k.agreed_by});
  for (const auto& i : p.involved) c.execute(kInsertInvolvement, {p.council_id, id, i.number, i.kind, i.name, i.how});
  c.execute(kSetNoAgreement, {p.council_id, id, p.no_agreement_reason, opt(p.no_agreement_on)});
}

planning::PlanCost totals_or_zero(const planning::SupportPlan& p) {
  auto t = planning::plan_totals(p);
  return t ? t->plan : planning::PlanCost{};
}

}  // namespace

std::int64_t insert_plan(Connection& c, const planning::SupportPlan& p, std::optional<UserId> by) {
  auto t = totals_or_zero(p);
  auto now = utc_timestamp_now();
  Value indicative = Null{};
  if (p.indicative_weekly) indicative = p.indicative_weekly->pence();
  auto id = c.query(kInsertPlan, {p.council_id, p.person_id, p.plan_number, p.version, p.status, opt(p.effective_from), p.drafted_by_kind,
                                  p.helped_by, p.views_included, std::int64_t(p.interim ? 1 : 0), p.interim_reason, opt(p.interim_ends_on),
                                  opt(p.eligibility_decision_id), lines_to_json(p.eligible_needs), opt(p.indicative_allocation_id),
                                  indicative, p.backup_cover, p.who_to_call, p.contingency_amount.pence(), t.weekly.pence(),
                                  t.yearly.pence(), t.one_off.pence(), p.agreed_by_kind, p.agreed_by_name, opt(p.agreed_on),
                                  opt(p.previous_version_id), opt(by), now, p.wellbeing, p.prevention_advice})
                .at(0).int64(0);
  insert_children(c, p, id);
  return id;
}

void save_plan(Connection& c, const planning::SupportPlan& p) {
  auto t = totals_or_zero(p);
  c.execute(kUpdatePlan, {p.council_id, p.id, opt(p.effective_from), p.drafted_by_kind, p.helped_by, p.views_included,
                          std::int64_t(p.interim ? 1 : 0), p.interim_reason, opt(p.interim_ends_on), p.backup_cover, p.who_to_call,
                          p.contingency_amount.pence(), t.weekly.pence(), t.yearly.pence(), t.one_off.pence(), p.agreed_by_kind,
                          p.agreed_by_name, opt(p.agreed_on), utc_timestamp_now(), p.wellbeing, p.prevention_advice});
  for (const auto* s : {&kDeleteOutcomes, &kDeleteParts, &kDeleteLines, &kDeleteUnmet, &kDeleteRisks, &kDeleteInvolvement}) c.execute(*s, {p.council_id, p.id});
  insert_children(c, p, p.id);
}

void set_plan_submitted(Connection& c, CouncilId council_id, std::int64_t plan_id, UserId by, const std::string& at) {
  c.execute(kSubmitPlan, {council_id, plan_id, by, at});
}

void set_plan_status(Connection& c, CouncilId council_id, std::int64_t plan_id, const std::string& status,
                     const std::optional<CivilDate>& effective_from, const std::string& decided_at) {
  c.execute(kSetPlanStatus, {council_id, plan_id, status, opt(effective_from), decided_at});
}

void set_plan_agreement(Connection& c, const planning::SupportPlan& p, std::optional<UserId> recorded_by) {
  c.execute(kSetAgreement, {p.council_id, p.id, p.agreed_by_kind, p.agreed_by_name, opt(p.agreed_on), opt(recorded_by), utc_timestamp_now()});
  c.execute(kSetNoAgreement, {p.council_id, p.id, p.no_agreement_reason, opt(p.no_agreement_on)});
}

void supersede_earlier_versions(Connection& c, const planning::SupportPlan& p) {
  c.execute(kSupersede, {p.council_id, p.person_id, p.plan_number, p.id, utc_timestamp_now()});
}

std::optional<planning::SupportPlan> find_plan(Connection& c, CouncilId council_id, PersonId person_id, std::int64_t plan_id) {
  auto rows = c.query(kFindPlan, {council_id, person_id, plan_id});
  if (rows.empty()) return std::nullopt;
  auto p = plan_from(rows.front());
  load_children(c, p);
  return p;
}

std::optional<UserId> plan_created_by(Connection& c, CouncilId council_id, std::int64_t plan_id) {
  auto rows = c.query(kPlanCreatedBy, {council_id, plan_id});
  if (rows.empty() || rows.front().is_null(0)) return std::nullopt;
  return UserId(rows.front().int64(0));
}

std::optional<planning::SupportPlan> find_plan_in_council(Connection& c, CouncilId council_id, std::int64_t plan_id) {
  auto rows = c.query(kFindPlanInCouncil, {council_id, plan_id});
  if (rows.empty()) return std::nullopt;
  auto p = plan_from(rows.front());
  load_children(c, p);
  return p;
}

std::vector<planning::SupportPlan> list_plans(Connection& c, CouncilId council_id, PersonId person_id) {
  std::vector<planning::SupportPlan> out;
  for (const auto& r : c.query(kListPlans, {council_id, person_id})) out.push_back(plan_from(r));
  return out;
}

std::vector<planning::SupportPlan> plans_in_force(Connection& c, CouncilId council_id, PersonId person_id, CivilDate on) {
  std::vector<planning::SupportPlan> out;
  for (const auto& r : c.query(kPlansInForce, {council_id, person_id, on})) {
    out.push_back(plan_from(r));
    load_children(c, out.back());
  }
  return out;
}

bool provider_named_in_force(Connection& c, CouncilId council_id, PersonId person_id, std::int64_t provider_id, CivilDate on) {
  // Named on a line (it delivers support), or holding an individual service
  // fund part (it holds the money and arranges the support the person chooses):
  // either way it works with the person and needs to reach them.
  for (const auto& p : plans_in_force(c, council_id, person_id, on)) {
    for (const auto& l : p.lines)
      if (l.provider_id == provider_id) return true;
    for (const auto& part : p.parts)
      if (part.service_fund && part.service_fund->provider_id == provider_id) return true;
  }
  return false;
}

std::vector<PersonId> people_naming_provider_in_force(Connection& c, CouncilId council_id, std::int64_t provider_id, CivilDate on) {
  // The people whose plans have ever named the provider, then each checked with
  // provider_named_in_force: one rule decides engagement, here as in the policy.
  std::vector<PersonId> out;
  for (const auto& r : c.query(kPeopleEverNamingProvider, {council_id, provider_id})) {
    PersonId id = r.id<PersonId>(0);
    if (provider_named_in_force(c, council_id, id, provider_id, on)) out.push_back(id);
  }
  return out;
}

std::vector<AgreedPlanInForce> agreed_plans_in_force(Connection& c, CouncilId council_id, CivilDate on) {
  std::vector<AgreedPlanInForce> out;
  for (const auto& r : c.query(kAgreedPlansInForce, {council_id, on}))
    out.push_back({r.int64(0), r.id<PersonId>(1), r.opt_int64(2), Money::from_pence(r.int64(3)), r.date(4)});
  return out;
}

int next_plan_number(Connection& c, CouncilId council_id, PersonId person_id) {
  return int(c.query(kNextPlanNumber, {council_id, person_id}).at(0).int64(0));
}

namespace {
// On the index support_plans_status (council_id, status).
#define PW_DECIDED_BACK                                                                                                     \
  "SELECT p.person_id, p.id, p.plan_number, p.version, (SELECT MAX(q.version) FROM support_plans q WHERE q.council_id = " \
  "p.council_id AND q.person_id = p.person_id AND q.plan_number = p.plan_number), p.status, p.decided_at FROM support_plans p "
constexpr Statement kDecidedBackCouncil{"plans_returned_or_refused_council",
    PW_DECIDED_BACK "WHERE p.council_id = $1 AND p.status IN ('returned', 'refused') ORDER BY p.decided_at, p.id"};
constexpr Statement kDecidedBackWorker{"plans_returned_or_refused_worker",
    PW_DECIDED_BACK "JOIN worker_allocations w ON w.council_id = p.council_id AND w.person_id = p.person_id "
    "WHERE p.council_id = $1 AND w.user_id = $2 AND p.status IN ('returned', 'refused') ORDER BY p.decided_at, p.id"};
#undef PW_DECIDED_BACK
}  // namespace

std::vector<PlanDecidedBack> plans_returned_or_refused(Connection& c, CouncilId council_id, std::optional<UserId> worker) {
  std::vector<PlanDecidedBack> out;
  auto rows = worker ? c.query(kDecidedBackWorker, {council_id, *worker}) : c.query(kDecidedBackCouncil, {council_id});
  for (const auto& r : rows)
    out.push_back({r.id<PersonId>(0), r.int64(1), int(r.int64(2)), int(r.int64(3)), int(r.int64(4)), r.text(5), r.text(6)});
  return out;
}

}  // namespace patchwork::storage
