#include "storage/repositories/assessment_repository.hpp"

#include "core/date.hpp"
#include "storage/repositories/assessment_encoding.hpp"
#include "storage/repositories/characteristics_repository.hpp"

namespace patchwork::storage {
namespace {

using namespace patchwork::assessment;

constexpr Statement kInsertQuestionnaire{"insert_questionnaire",
    "INSERT INTO questionnaires (council_id, version, name, definition, loaded_by, loaded_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
#define PW_DEFINITION_COLUMNS "id, council_id, version, name, definition, 0, loaded_at"
constexpr Statement kFindQuestionnaire{"find_questionnaire",
    "SELECT " PW_DEFINITION_COLUMNS " FROM questionnaires WHERE council_id = $1 AND id = $2"};
constexpr Statement kLatestQuestionnaire{"latest_questionnaire",
    "SELECT " PW_DEFINITION_COLUMNS " FROM questionnaires WHERE council_id = $1 ORDER BY version DESC LIMIT 1"};
constexpr Statement kListQuestionnaires{"list_questionnaires",
    "SELECT " PW_DEFINITION_COLUMNS " FROM questionnaires WHERE council_id = $1 ORDER BY version DESC"};
#undef PW_DEFINITION_COLUMNS

#define PW_ASSESSMENT_COLUMNS                                                                                   \
  "id, council_id, person_id, questionnaire_id, status, completed_with, person_answers, worker_answers, "       \
  "started_by, started_at, updated_at, submitted_at, confirmed_by, confirmed_at"
constexpr Statement kInsertAssessment{"insert_assessment",
    "INSERT INTO assessments (council_id, person_id, questionnaire_id, status, completed_with, person_answers, worker_answers, "
    "started_by, started_at, updated_at, submitted_at, confirmed_by, confirmed_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $12) RETURNING id"};
constexpr Statement kUpdateAssessment{"update_assessment",
    "UPDATE assessments SET status = $3, completed_with = $4, person_answers = $5, worker_answers = $6, updated_at = $7, "
    "submitted_at = $8, confirmed_by = $9, confirmed_at = $10 WHERE council_id = $1 AND id = $2"};
constexpr Statement kFindAssessment{"find_assessment",
    "SELECT " PW_ASSESSMENT_COLUMNS " FROM assessments WHERE council_id = $1 AND person_id = $2 AND id = $3"};
constexpr Statement kListAssessments{"list_assessments",
    "SELECT " PW_ASSESSMENT_COLUMNS " FROM assessments WHERE council_id = $1 AND person_id = $2 ORDER BY id DESC"};
#undef PW_ASSESSMENT_COLUMNS

constexpr Statement kInsertEligibility{"insert_eligibility",
    "INSERT INTO eligibility_decisions (council_id, person_id, assessment_id, eligible, findings, reasoning, decided_by, "
    "decided_on, recorded_at, case_event_id, characteristics) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"};
constexpr Statement kListEligibility{"list_eligibility",
    "SELECT id, council_id, person_id, assessment_id, eligible, findings, reasoning, decided_by, decided_on, case_event_id, "
    "superseded_by, characteristics FROM eligibility_decisions WHERE council_id = $1 AND person_id = $2 ORDER BY id DESC"};
constexpr Statement kSupersedeEligibility{"supersede_eligibility",
    "UPDATE eligibility_decisions SET superseded_by = $3 WHERE council_id = $1 AND id = $2 AND superseded_by IS NULL"};

constexpr Statement kInsertRas{"insert_ras_configuration",
    "INSERT INTO ras_configurations (council_id, version, name, definition, active, loaded_by, loaded_at) "
    "VALUES ($1, $2, $3, $4, 0, $5, $6) RETURNING id"};
#define PW_RAS_COLUMNS "id, council_id, version, name, definition, active, loaded_at"
constexpr Statement kFindRas{"find_ras_configuration", "SELECT " PW_RAS_COLUMNS " FROM ras_configurations WHERE council_id = $1 AND id = $2"};
constexpr Statement kActiveRas{"active_ras_configuration",
    "SELECT " PW_RAS_COLUMNS " FROM ras_configurations WHERE council_id = $1 AND active = 1"};
constexpr Statement kListRas{"list_ras_configurations",
    "SELECT " PW_RAS_COLUMNS " FROM ras_configurations WHERE council_id = $1 ORDER BY version DESC"};
#undef PW_RAS_COLUMNS
constexpr Statement kDeactivateRas{"deactivate_ras", "UPDATE ras_configurations SET active = 0 WHERE council_id = $1 AND active = 1"};
constexpr Statement kActivateRas{"activate_ras",
    "UPDATE ras_configurations SET active = 1, activated_at = $3 WHERE council_id = $1 AND id = $2"};

constexpr Statement kRetireAllocations{"retire_allocations",
    "UPDATE allocations SET is_current = 0 WHERE council_id = $1 AND person_id = $2 AND is_current = 1"};
constexpr Statement kInsertAllocation{"insert_allocation",
    "INSERT INTO allocations (council_id, person_id, assessment_id, ras_configuration_id, total_points, carer_answer, "
    "weekly_pence, explanation, is_current, created_by, created_at, carer_points, characteristics) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $11, $12) RETURNING id"};
constexpr Statement kListAllocations{"list_allocations",
    "SELECT id, council_id, person_id, assessment_id, ras_configuration_id, total_points, carer_answer, weekly_pence, "
    "explanation, is_current, created_by, created_at, carer_points, characteristics FROM allocations WHERE council_id = $1 AND person_id = $2 ORDER BY id DESC"};
constexpr Statement kCurrentAllocations{"current_allocations",
    "SELECT id, person_id, total_points, carer_answer, weekly_pence, carer_points FROM allocations "
    "WHERE council_id = $1 AND is_current = 1 ORDER BY id"};

constexpr Statement kInsertRecalibration{"insert_recalibration",
    "INSERT INTO recalibrations (council_id, ras_configuration_id, allocations, total_change_pence, run_by, run_at) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
constexpr Statement kSetRecalibrationTotals{"set_recalibration_totals",
    "UPDATE recalibrations SET allocations = $3, total_change_pence = $4 WHERE council_id = $1 AND id = $2"};
constexpr Statement kInsertRecalibrationResult{"insert_recalibration_result",
    "INSERT INTO recalibration_results (council_id, recalibration_id, allocation_id, person_id, old_weekly_pence, new_weekly_pence) "
    "VALUES ($1, $2, $3, $4, $5, $6)"};
constexpr Statement kRecalibrationResults{"recalibration_results",
    "SELECT allocation_id, person_id, old_weekly_pence, new_weekly_pence FROM recalibration_results "
    "WHERE council_id = $1 AND recalibration_id = $2 ORDER BY allocation_id LIMIT $3 OFFSET $4"};

StoredDefinition definition_from(const Row& r) {
  return {r.int64(0), r.id<CouncilId>(1), int(r.int64(2)), r.text(3), r.text(4), r.int64(5) != 0, r.text(6)};
}

std::optional<StoredDefinition> first_definition(const Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return definition_from(rows.front());
}

std::vector<StoredDefinition> definitions_from(const Rows& rows) {
  std::vector<StoredDefinition> out;
  for (const auto& r : rows) out.push_back(definition_from(r));
  return out;
}

AssessmentRecord assessment_from(const Row& r) {
  AssessmentRecord a;
  a.id = r.int64(0);
  a.council_id = r.id<CouncilId>(1);
  a.person_id = r.id<PersonId>(2);
  a.questionnaire_id = r.int64(3);
  a.status = status_from_code(r.text(4)).value_or(AssessmentStatus::Draft);
  a.completed_with = r.text(5);
  a.person_answers = answers_from_json(r.text(6)).value_or(Answers{});
  if (auto w = r.opt_text(7)) a.worker_answers = answers_from_json(*w);
  a.started_by = r.opt_id<UserId>(8);
  a.started_at = r.text(9);
  a.updated_at = r.text(10);
  a.submitted_at = r.opt_text(11);
  a.confirmed_by = r.opt_id<UserId>(12);
  a.confirmed_at = r.opt_text(13);
  return a;
}

Value snapshot_value(const std::optional<people::Characteristics>& ch) {
  return ch ? Value(characteristics_to_json(*ch)) : Value(Null{});
}

Value worker_answers_value(const AssessmentRecord& a) {
  return a.worker_answers ? Value(answers_to_json(*a.worker_answers)) : Value(Null{});
}

}  // namespace

std::int64_t insert_questionnaire(Connection& c, CouncilId council_id, int version, const std::string& name,
                                  const std::string& definition, std::optional<UserId> loaded_by) {
  return c.query(kInsertQuestionnaire, {council_id, std::int64_t(version), name, definition, opt(loaded_by), utc_timestamp_now()})
      .at(0).int64(0);
}
std::optional<StoredDefinition> find_questionnaire(Connection& c, CouncilId council_id, std::int64_t id) {
  return first_definition(c.query(kFindQuestionnaire, {council_id, id}));
}
std::optional<StoredDefinition> latest_questionnaire(Connection& c, CouncilId council_id) {
  return first_definition(c.query(kLatestQuestionnaire, {council_id}));
}
std::vector<StoredDefinition> list_questionnaires(Connection& c, CouncilId council_id) {
  return definitions_from(c.query(kListQuestionnaires, {council_id}));
}

std::int64_t insert_assessment(Connection& c, const AssessmentRecord& a) {
  return c.query(kInsertAssessment, {a.council_id, a.person_id, a.questionnaire_id, std::string(status_code(a.status)),
                                     a.completed_with, answers_to_json(a.person_answers), worker_answers_value(a),
                                     opt(a.started_by), a.started_at.empty() ? utc_timestamp_now() : a.started_at, opt(a.submitted_at), opt(a.confirmed_by),
                                     opt(a.confirmed_at)})
      .at(0).int64(0);
}
void update_assessment(Connection& c, const AssessmentRecord& a) {
  c.execute(kUpdateAssessment, {a.council_id, a.id, std::string(status_code(a.status)), a.completed_with,
                                answers_to_json(a.person_answers), worker_answers_value(a), a.updated_at.empty() ? utc_timestamp_now() : a.updated_at,
                                opt(a.submitted_at), opt(a.confirmed_by), opt(a.confirmed_at)});
}
std::optional<AssessmentRecord> find_assessment(Connection& c, CouncilId council_id, PersonId person_id, std::int64_t id) {
  Rows rows = c.query(kFindAssessment, {council_id, person_id, id});
  if (rows.empty()) return std::nullopt;
  return assessment_from(rows.front());
}
std::vector<AssessmentRecord> list_assessments(Connection& c, CouncilId council_id, PersonId person_id) {
  std::vector<AssessmentRecord> out;
  for (const auto& r : c.query(kListAssessments, {council_id, person_id})) out.push_back(assessment_from(r));
  return out;
}

std::int64_t insert_eligibility(Connection& c, const EligibilityRecord& e) {
  return c.query(kInsertEligibility, {e.council_id, e.person_id, e.assessment_id, std::int64_t(e.eligible ? 1 : 0),
                                      eligibility_input_to_json(e.findings), lines_to_json(e.reasoning), opt(e.decided_by),
                                      e.decided_on, utc_timestamp_now(), opt(e.case_event_id), snapshot_value(e.characteristics)})
      .at(0).int64(0);
}
void supersede_eligibility(Connection& c, CouncilId council_id, std::int64_t id, std::int64_t by_decision_id) {
  c.query(kSupersedeEligibility, {council_id, id, by_decision_id});
}
std::vector<EligibilityRecord> list_eligibility(Connection& c, CouncilId council_id, PersonId person_id) {
  std::vector<EligibilityRecord> out;
  for (const auto& r : c.query(kListEligibility, {council_id, person_id})) {
    EligibilityRecord e;
    e.id = r.int64(0);
    e.council_id = r.id<CouncilId>(1);
    e.person_id = r.id<PersonId>(2);
    e.assessment_id = r.int64(3);
    e.eligible = r.int64(4) != 0;
    e.findings = eligibility_input_from_json(r.text(5)).value_or(EligibilityInput{});
    e.reasoning = lines_from_json(r.text(6));
    e.decided_by = r.opt_id<UserId>(7);
    e.decided_on = r.date(8);
    e.case_event_id = r.opt_int64(9);
    e.superseded_by = r.opt_int64(10);
    if (auto snapshot = r.opt_text(11)) e.characteristics = characteristics_from_json(*snapshot);
    out.push_back(std::move(e));
  }
  return out;
}

std::int64_t insert_ras_configuration(Connection& c, CouncilId council_id, int version, const std::string& name,
                                      const std::string& definition, std::optional<UserId> loaded_by) {
  return c.query(kInsertRas, {council_id, std::int64_t(version), name, definition, opt(loaded_by), utc_timestamp_now()}).at(0).int64(0);
}
std::optional<StoredDefinition> find_ras_configuration(Connection& c, CouncilId council_id, std::int64_t id) {
  return first_definition(c.query(kFindRas, {council_id, id}));
}
std::optional<StoredDefinition> active_ras_configuration(Connection& c, CouncilId council_id) {
  return first_definition(c.query(kActiveRas, {council_id}));
}
std::vector<StoredDefinition> list_ras_configurations(Connection& c, CouncilId council_id) {
  return definitions_from(c.query(kListRas, {council_id}));
}
void activate_ras_configuration(Connection& c, CouncilId council_id, std::int64_t id) {
  c.execute(kDeactivateRas, {council_id});
  c.execute(kActivateRas, {council_id, id, utc_timestamp_now()});
}

std::int64_t insert_allocation(Connection& c, const AllocationRecord& a) {
  c.execute(kRetireAllocations, {a.council_id, a.person_id});
  return c.query(kInsertAllocation, {a.council_id, a.person_id, a.assessment_id, a.ras_configuration_id, std::int64_t(a.total_points),
                                     opt(a.carer_answer), a.weekly.pence(), lines_to_json(a.explanation), opt(a.created_by),
                                     a.created_at.empty() ? utc_timestamp_now() : a.created_at,
                                     a.carer_points ? Value(std::int64_t(*a.carer_points)) : Value(Null{}),
                                     snapshot_value(a.characteristics)})
      .at(0).int64(0);
}
std::vector<AllocationRecord> list_allocations(Connection& c, CouncilId council_id, PersonId person_id) {
  std::vector<AllocationRecord> out;
  for (const auto& r : c.query(kListAllocations, {council_id, person_id})) {
    out.push_back({r.int64(0), r.id<CouncilId>(1), r.id<PersonId>(2), r.int64(3), r.int64(4), int(r.int64(5)), r.opt_text(6), Money::from_pence(r.int64(7)),
                   lines_from_json(r.text(8)), r.int64(9) != 0, r.opt_id<UserId>(10), r.text(11),
                   r.opt_text(13) ? characteristics_from_json(*r.opt_text(13)) : std::nullopt});
    if (auto points = r.opt_int64(12)) out.back().carer_points = int(*points);
  }
  return out;
}

void for_each_current_allocation(Connection& c, CouncilId council_id, const std::function<void(const CurrentAllocation&)>& f) {
  c.for_each(kCurrentAllocations, {council_id}, [&f](const Row& r) {
    auto carer_points = r.opt_int64(5);
    f({r.int64(0), r.id<PersonId>(1), int(r.int64(2)), r.opt_text(3), Money::from_pence(r.int64(4)), int(carer_points.value_or(0))});
  });
}

std::int64_t insert_recalibration(Connection& c, CouncilId council_id, std::int64_t configuration_id, std::int64_t allocations,
                                  std::int64_t total_change_pence, std::optional<UserId> run_by) {
  return c.query(kInsertRecalibration, {council_id, configuration_id, allocations, total_change_pence, opt(run_by), utc_timestamp_now()})
      .at(0).int64(0);
}
void insert_recalibration_result(Connection& c, CouncilId council_id, std::int64_t recalibration_id, const RecalibrationRow& row) {
  c.execute(kInsertRecalibrationResult, {council_id, recalibration_id, row.allocation_id, row.person_id, row.old_weekly_pence,
                                         row.new_weekly_pence});
}
void set_recalibration_totals(Connection& c, CouncilId council_id, std::int64_t recalibration_id, std::int64_t allocations,
                              std::int64_t total_change_pence) {
  c.execute(kSetRecalibrationTotals, {council_id, recalibration_id, allocations, total_change_pence});
}
std::vector<RecalibrationRow> recalibration_results(Connection& c, CouncilId council_id, std::int64_t recalibration_id, int limit, int offset) {
  std::vector<RecalibrationRow> out;
  for (const auto& r : c.query(kRecalibrationResults, {council_id, recalibration_id, std::int64_t(limit), std::int64_t(offset)}))
    out.push_back({r.int64(0), r.id<PersonId>(1), r.int64(2), r.int64(3)});
  return out;
}

}  // namespace patchwork::storage
