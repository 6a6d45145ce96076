#pragma once
// The steps from a person's self-assessment to their indicative budget, shared by
// the pages and the API. Each runs inside the caller's transaction; the caller
// has already asked the policy. Expected failures come back as field errors.
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "domain/allocation/ras.hpp"
#include "domain/assessment/records.hpp"
#include "domain/people/person.hpp"
#include "storage/db.hpp"
#include "storage/repositories/assessment_repository.hpp"

namespace patchwork::services {

// Loading council configuration (administrators). Refused whole when the file is
// wrong or its version is not newer than every version already loaded.
Result<std::int64_t> load_questionnaire(storage::Connection& c, CouncilId council_id, const std::string& json,
                                        std::optional<UserId> user_id);
Result<std::int64_t> load_ras_configuration(storage::Connection& c, CouncilId council_id, const std::string& json,
                                            std::optional<UserId> user_id);

// The questionnaire an assessment was started on (its own version, for ever).
Result<assessment::Questionnaire> questionnaire_for(storage::Connection& c, CouncilId council_id, std::int64_t questionnaire_id);

// `now` is when each step happened: the pages and the API pass nothing (now),
// and `patchwork generate` the day its synthetic history says.
Result<assessment::AssessmentRecord> start_assessment(storage::Connection& c, const people::Person& person,
                                                      const std::string& completed_with, std::optional<UserId> user_id,
                                                      const std::string& now = utc_timestamp_now());

enum class Submit { No, Yes };
// Saves answers (a sitting); with Submit::Yes the assessment is handed to the social worker.
Result<assessment::AssessmentRecord> save_answers(storage::Connection& c, assessment::AssessmentRecord a,
                                                  const assessment::Answers& answers, Submit submit,
                                                  const std::string& now = utc_timestamp_now());

// A willing-and-able statement as the worker gives it at confirmation: a carer
// recorded for this person, the needs (questionnaire domain ids) they are
// willing and able to go on meeting, and the date they said so (ISO text).
struct WillingAndAbleInput {
  std::optional<std::int64_t> carer_id;
  std::vector<std::string> needs;
  std::string stated_on;
};

// The social worker confirms the answers, changing any; the person's own answers
// are kept beside them. With them, any willing-and-able statements (Care Act
// s.18(7)): each names a carer recorded for this person, at least one need of
// this questionnaire and a real date not in the future, or the whole
// confirmation is refused with the field named (willing_and_able[0].carer_id…).
Result<assessment::AssessmentRecord> confirm_assessment(storage::Connection& c, assessment::AssessmentRecord a,
                                                        const assessment::Answers& worker_answers, UserId user_id,
                                                        const std::vector<WillingAndAbleInput>& willing_and_able = {},
                                                        CivilDate today = CivilDate::today_utc(),
                                                        const std::string& now = utc_timestamp_now());

// The eligibility proposal the answers make, for the worker to confirm or change.
Result<assessment::EligibilityInput> propose_eligibility(storage::Connection& c, const assessment::AssessmentRecord& a);

Result<assessment::EligibilityRecord> record_eligibility(storage::Connection& c, const assessment::AssessmentRecord& a,
                                                         const assessment::EligibilityInput& input, UserId user_id,
                                                         CivilDate today);

// The indicative budget for a confirmed assessment of a person found eligible,
// under the council's active RAS configuration.
// Puts a council's RAS model in use for allocations from now on, unless the
// council's questionnaires would let it pass the weekly limit. The caller checks
// first that the council has a model with that id.
Result<storage::StoredDefinition> activate_ras_configuration(storage::Connection& c, CouncilId council_id,
                                                                    std::int64_t configuration_id);

Result<assessment::AllocationRecord> allocate(storage::Connection& c, const assessment::AssessmentRecord& a, UserId user_id,
                                              const std::string& now = utc_timestamp_now());

// Recalculates every current allocation under `configuration_id` (not yet
// applied) and records old and new amounts side by side.
struct RecalibrationSummary {
  std::int64_t recalibration_id = 0;
  std::int64_t allocations = 0;
  std::int64_t increased = 0;
  std::int64_t decreased = 0;
  std::int64_t total_old_pence = 0;
  std::int64_t total_new_pence = 0;
};
Result<RecalibrationSummary> recalibrate(storage::Connection& c, CouncilId council_id, std::int64_t configuration_id,
                                         std::optional<UserId> user_id);

// What the RAS needs from an assessment: points by domain, and the needs that
// willing-and-able carers meet (from the statements recorded at confirmation).
allocation::RasInput ras_input(storage::Connection& c, const assessment::Questionnaire& q, const assessment::AssessmentRecord& a);

// Whether the effect of this model on the current allocations has been worked
// out (a recalibration recorded): a model is applied only after that.
bool effect_seen(storage::Connection& c, CouncilId council_id, std::int64_t configuration_id);

}  // namespace patchwork::services
