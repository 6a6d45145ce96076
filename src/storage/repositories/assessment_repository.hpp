#pragma once
// Questionnaires, self-assessments, eligibility decisions, RAS configurations,
// allocations and recalibrations.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/assessment/records.hpp"
#include "core/money.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

struct StoredDefinition {  // a questionnaire or a RAS configuration as loaded
  std::int64_t id = 0;
  CouncilId council_id{};
  int version = 0;
  std::string name;
  std::string definition;  // the JSON as loaded
  bool active = false;     // RAS configurations only
  std::string loaded_at;
};

std::int64_t insert_questionnaire(Connection& c, CouncilId council_id, int version, const std::string& name,
                                  const std::string& definition, std::optional<UserId> loaded_by);
std::optional<StoredDefinition> find_questionnaire(Connection& c, CouncilId council_id, std::int64_t id);
std::optional<StoredDefinition> latest_questionnaire(Connection& c, CouncilId council_id);
std::vector<StoredDefinition> list_questionnaires(Connection& c, CouncilId council_id);

std::int64_t insert_assessment(Connection& c, const assessment::AssessmentRecord& a);
void update_assessment(Connection& c, const assessment::AssessmentRecord& a);
// This person's assessment with this id, in this council, or nothing.
std::optional<assessment::AssessmentRecord> find_assessment(Connection& c, CouncilId council_id, PersonId person_id,
                                                            std::int64_t id);
std::vector<assessment::AssessmentRecord> list_assessments(Connection& c, CouncilId council_id, PersonId person_id);

std::int64_t insert_eligibility(Connection& c, const assessment::EligibilityRecord& e);
// Marks a decision as replaced by a later one for the same assessment; it stays in the history.
void supersede_eligibility(Connection& c, CouncilId council_id, std::int64_t id, std::int64_t by_decision_id);
// Newest first, superseded decisions included (each says what replaced it).
std::vector<assessment::EligibilityRecord> list_eligibility(Connection& c, CouncilId council_id, PersonId person_id);

std::int64_t insert_ras_configuration(Connection& c, CouncilId council_id, int version, const std::string& name,
                                      const std::string& definition, std::optional<UserId> loaded_by);
std::optional<StoredDefinition> find_ras_configuration(Connection& c, CouncilId council_id, std::int64_t id);
std::optional<StoredDefinition> active_ras_configuration(Connection& c, CouncilId council_id);
std::vector<StoredDefinition> list_ras_configurations(Connection& c, CouncilId council_id);
void activate_ras_configuration(Connection& c, CouncilId council_id, std::int64_t id);

// Adds an allocation and makes it the person's current one.
std::int64_t insert_allocation(Connection& c, const assessment::AllocationRecord& a);
std::vector<assessment::AllocationRecord> list_allocations(Connection& c, CouncilId council_id, PersonId person_id);

// Every current allocation of a council, streamed: id, person, points, carer answer, weekly pence.
struct CurrentAllocation {
  std::int64_t id;
  PersonId person_id;
  int total_points;
  std::optional<std::string> carer_answer;
  Money weekly;
  int carer_points = 0;  // points of needs willing-and-able carers meet (0: none)
};
void for_each_current_allocation(Connection& c, CouncilId council_id, const std::function<void(const CurrentAllocation&)>& f);

struct RecalibrationRow {
  std::int64_t allocation_id;
  PersonId person_id;
  std::int64_t old_weekly_pence;
  std::int64_t new_weekly_pence;
};
std::int64_t insert_recalibration(Connection& c, CouncilId council_id, std::int64_t configuration_id, std::int64_t allocations,
                                  std::int64_t total_change_pence, std::optional<UserId> run_by);
void insert_recalibration_result(Connection& c, CouncilId council_id, std::int64_t recalibration_id, const RecalibrationRow& row);
void set_recalibration_totals(Connection& c, CouncilId council_id, std::int64_t recalibration_id, std::int64_t allocations,
                              std::int64_t total_change_pence);
std::vector<RecalibrationRow> recalibration_results(Connection& c, CouncilId council_id, std::int64_t recalibration_id, int limit, int offset);

}  // namespace patchwork::storage
