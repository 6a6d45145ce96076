#include "services/assessment_service.hpp"

#include <fmt/format.h>

#include <map>
#include <memory>
#include <mutex>

#include "core/text.hpp"
#include "domain/people/codes.hpp"
#include "io/config/questionnaire_file.hpp"
#include "io/config/ras_file.hpp"
#include "storage/repositories/assessment_repository.hpp"
#include "storage/repositories/carers_repository.hpp"
#include "storage/repositories/characteristics_repository.hpp"
#include "storage/repositories/person_records_repository.hpp"
#include "storage/repositories/recalibration_repository.hpp"

namespace patchwork::services {

using namespace patchwork::assessment;

namespace {

// The highest score any of the council's questionnaires allows: assessments keep
// the version they started on, so every version still counts.
int highest_score(storage::Connection& c, CouncilId council_id) {
  int highest = 0;
  for (const auto& stored : storage::list_questionnaires(c, council_id))
    if (auto q = io::parse_questionnaire(stored.definition)) highest = std::max(highest, max_points(*q));
  return highest;
}

}  // namespace

Result<std::int64_t> load_questionnaire(storage::Connection& c, CouncilId council_id, const std::string& json,
                                        std::optional<UserId> user_id) {
  auto q = io::parse_questionnaire(json);
  if (!q) return std::unexpected(q.error());
  // A higher top score must not let the model in use pass the weekly limit.
  if (auto active = storage::active_ras_configuration(c, council_id))
    if (auto config = io::parse_ras_configuration(active->definition)) {
      auto errors = allocation::check_weekly_limit(*config, max_points(*q));
      if (!errors.empty())
        return fail("questionnaire", fmt::format("With this questionnaire the resource allocation model in use could give more "
                                                 "than {} a week: {}", allocation::kWeeklyAmountLimit.display(), errors[0].message));
    }
  if (auto latest = storage::latest_questionnaire(c, council_id); latest && latest->version >= q->version)
    return fail("questionnaire.version", fmt::format("Version {} is already loaded: a new questionnaire needs a version above {}",
                                                     q->version, latest->version));
  return storage::insert_questionnaire(c, council_id, q->version, q->name, json, user_id);
}

Result<std::int64_t> load_ras_configuration(storage::Connection& c, CouncilId council_id, const std::string& json,
                                            std::optional<UserId> user_id) {
  auto config = io::parse_ras_configuration(json, io::RasSource::NewFile);
  if (!config) return std::unexpected(config.error());
  // The highest score the council's questionnaires allow bounds what a price per
  // point can give; without a questionnaire yet, the ceiling (or each allocation's
  // own check) has to. Activation checks again, against what is loaded by then.
  if (auto errors = allocation::check_weekly_limit(*config, highest_score(c, council_id)); !errors.empty())
    return std::unexpected(errors);
  for (const auto& existing : storage::list_ras_configurations(c, council_id))
    if (existing.version >= config->version)
      return fail("version", fmt::format("Version {} is already loaded: a new configuration needs a version above {}",
                                         existing.version, existing.version));
  auto id = storage::insert_ras_configuration(c, council_id, config->version, config->name, json, user_id);
  // The first configuration a council loads is the one in use; later ones wait
  // until an administrator has seen their effect and applies them.
  if (!storage::active_ras_configuration(c, council_id)) storage::activate_ras_configuration(c, council_id, id);
  return id;
}

namespace {
// Parsed questionnaires, keyed by council and id and checked against the
// stored text, so an edited row is parsed afresh. Every answer saved and every
// assessment confirmed needs its questionnaire; parsing the JSON each time was
// a tenth of `patchwork generate`'s time. Bounded: cleared when it grows past
// a few hundred versions.
struct ParsedQuestionnaire {
  std::string definition;
  Questionnaire questionnaire;
};
std::mutex parsed_questionnaires_mutex;
std::map<std::pair<CouncilId, std::int64_t>, std::shared_ptr<const ParsedQuestionnaire>> parsed_questionnaires;
constexpr std::size_t kMaxParsedQuestionnaires = 256;
}  // namespace

Result<Questionnaire> questionnaire_for(storage::Connection& c, CouncilId council_id, std::int64_t questionnaire_id) {
  auto stored = storage::find_questionnaire(c, council_id, questionnaire_id);
  if (!stored) return fail("questionnaire", "The questionnaire for this assessment is missing");
  const auto key = std::make_pair(council_id, questionnaire_id);
  {
    std::lock_guard lock(parsed_questionnaires_mutex);
    if (auto it = parsed_questionnaires.find(key); it != parsed_questionnaires.end() && it->second->definition == stored->definition)
      return it->second->questionnaire;
  }
  auto parsed = io::parse_questionnaire(stored->definition);
  if (!parsed) return parsed;
  auto entry = std::make_shared<const ParsedQuestionnaire>(ParsedQuestionnaire{stored->definition, *parsed});
  std::lock_guard lock(parsed_questionnaires_mutex);
  if (parsed_questionnaires.size() >= kMaxParsedQuestionnaires) parsed_questionnaires.clear();
  parsed_questionnaires[key] = std::move(entry);
  return parsed;
}

Result<AssessmentRecord> start_assessment(storage::Connection& c, const people::Person& person, const std::string& completed_with,
                                          std::optional<UserId> user_id, const std::string& now) {
  auto latest = storage::latest_questionnaire(c, person.council_id);
  if (!latest) return fail("questionnaire", "The council has not loaded a self-assessment questionnaire yet");
  if (completed_with.empty()) return fail("completed_with", "Say who is filling in the assessment");
  if (completed_with.size() > 200) return fail("completed_with", "Who is filling in the assessment must be 200 characters or fewer");
  AssessmentRecord a;
  a.council_id = person.council_id;
  a.person_id = person.id;
  a.questionnaire_id = latest->id;
  a.completed_with = completed_with;
  a.started_by = user_id;
  a.started_at = now;
  a.updated_at = now;
  a.id = storage::insert_assessment(c, a);
  return a;
}

Result<AssessmentRecord> save_answers(storage::Connection& c, AssessmentRecord a, const Answers& answers, Submit submit,
                                      const std::string& now) {
  if (a.status == AssessmentStatus::Confirmed) return fail("status", "This assessment has been confirmed and can no longer be changed");
  auto q = questionnaire_for(c, a.council_id, a.questionnaire_id);
  if (!q) return std::unexpected(q.error());
  if (auto errors = check_answers(*q, answers); !errors.empty()) return std::unexpected(errors);
  for (const auto& [k, v] : answers) a.person_answers[k] = v;
  if (submit == Submit::Yes) {
    FieldErrors missing;
    for (const auto& d : q->domains)
      for (const auto& question : d.questions)
        if (!a.person_answers.contains(question.id)) missing.push_back({question.id, "Answer: " + question.text});
    if (!missing.empty()) return std::unexpected(missing);
    a.status = AssessmentStatus::Submitted;
    a.submitted_at = now;
  }
  a.updated_at = now;
  storage::update_assessment(c, a);
  return a;
}

namespace {

// Checks the statements against the person's recorded carers and the
// questionnaire, naming each wrong field; nothing is stored here.
Result<std::vector<people::WillingAndAbleStatement>> check_willing_and_able(storage::Connection& c, const AssessmentRecord& a,
                                                                           const Questionnaire& q,
                                                                           const std::vector<WillingAndAbleInput>& inputs, CivilDate today) {
  FieldErrors errors;
  std::vector<people::WillingAndAbleStatement> out;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto& in = inputs[i];
    const std::string at = "willing_and_able[" + std::to_string(i) + "].";
    people::WillingAndAbleStatement s;
    s.council_id = a.council_id;
    s.person_id = a.person_id;
    s.assessment_id = a.id;
    // Care Act s.18(7) counts a carer's help only where a carer recorded for
    // this person has said they are willing and able to go on giving it.
    auto carer = in.carer_id ? storage::find_carer(c, a.council_id, a.person_id, *in.carer_id) : std::nullopt;
    if (!carer)
      errors.push_back({at + "carer_id", "Choose a carer recorded for this person: a carer adjustment needs the carer's own statement "
                                         "that they are willing and able to go on helping"});
    else
      s.carer_id = carer->id;
    for (const auto& other : out)
      if (carer && other.carer_id == carer->id) errors.push_back({at + "carer_id", "Record each carer once, with all the needs they meet"});
    if (in.needs.empty()) errors.push_back({at + "needs", "Choose the needs the carer is willing and able to go on meeting"});
    for (const auto& need : in.needs) {
      if (!q.domain(need)) errors.push_back({at + "needs", "'" + need + "' is not one of the needs in this questionnaire"});
      else if (std::find(s.needs.begin(), s.needs.end(), need) == s.needs.end()) s.needs.push_back(need);
    }
    auto date = CivilDate::parse_iso(trim(in.stated_on));
    if (!date) errors.push_back({at + "stated_on", "Enter the date the carer said so, like 2026-11-27"});
    else if (*date > today) errors.push_back({at + "stated_on", "The date the carer said so must be today or in the past"});
    else s.stated_on = *date;
    out.push_back(std::move(s));
  }
  if (!errors.empty()) return std::unexpected(errors);
  return out;
}

}  // namespace

Result<AssessmentRecord> confirm_assessment(storage::Connection& c, AssessmentRecord a, const Answers& worker_answers, UserId user_id,
                                            const std::vector<WillingAndAbleInput>& willing_and_able, CivilDate today,
                                            const std::string& now) {
  if (a.status == AssessmentStatus::Confirmed) return fail("status", "This assessment is already confirmed");
  auto q = questionnaire_for(c, a.council_id, a.questionnaire_id);
  if (!q) return std::unexpected(q.error());
  Answers merged = a.person_answers;
  for (const auto& [k, v] : worker_answers) merged[k] = v;
  if (auto errors = check_answers(*q, merged); !errors.empty()) return std::unexpected(errors);
  FieldErrors missing;
  for (const auto& d : q->domains)
    for (const auto& question : d.questions)
      if (!merged.contains(question.id)) missing.push_back({question.id, "Answer: " + question.text});
  if (!missing.empty()) return std::unexpected(missing);
  auto statements = check_willing_and_able(c, a, *q, willing_and_able, today);
  if (!statements) return std::unexpected(statements.error());
  a.worker_answers = merged;
  a.status = AssessmentStatus::Confirmed;
  a.confirmed_by = user_id;
  a.confirmed_at = now;
  if (!a.submitted_at) a.submitted_at = a.confirmed_at;
  a.updated_at = now;
  storage::update_assessment(c, a);
  for (const auto& s : *statements) storage::insert_willing_and_able(c, s, user_id);
  return a;
}

Result<EligibilityInput> propose_eligibility(storage::Connection& c, const AssessmentRecord& a) {
  auto q = questionnaire_for(c, a.council_id, a.questionnaire_id);
  if (!q) return std::unexpected(q.error());
  EligibilityInput in;
  in.outcomes = propose_outcomes(*q, a.effective_answers());
  return in;
}

Result<EligibilityRecord> record_eligibility(storage::Connection& c, const AssessmentRecord& a, const EligibilityInput& given,
                                             UserId user_id, CivilDate today) {
  if (a.status != AssessmentStatus::Confirmed)
    return fail("assessment", "Confirm the self-assessment before deciding eligibility");
  EligibilityInput input = given;
  input.information_given = trim(input.information_given);
  FieldErrors errors = check_eligibility_input(input);
  // Method_of_Assessment is national data on the Assessment event this decision ends.
  auto method = people::canonical(people::methods_of_assessment(), input.method_of_assessment);
  if (!method) errors.push_back({"method_of_assessment", "Choose who took part in the assessment: the person, their carer, or both"});
  else input.method_of_assessment = *method;
  if (!errors.empty()) return std::unexpected(errors);
  auto decision = decide_eligibility(input);

  // Deciding again for the same assessment replaces the earlier decision and
  // its Assessment event: both stay in the history, marked with what replaced
  // them, so the timeline never holds two contradicting outcomes for one assessment.
  std::optional<EligibilityRecord> earlier;
  for (auto& d : storage::list_eligibility(c, a.council_id, a.person_id))
    if (d.assessment_id == a.id && d.current()) { earlier = std::move(d); break; }

  // The national timeline: an Assessment event ends with the decision. The CLD
  // guidance: an assessment that determines eligibility under the Care Act is a
  // long term assessment.
  people::CaseEvent event;
  event.council_id = a.council_id;
  event.person_id = a.person_id;
  event.event_type = "Assessment";
  event.start_date = CivilDate::parse_iso(a.started_at.substr(0, 10)).value_or(today);
  event.end_date = today;
  event.description = decision.eligible ? "Needs assessment: eligible needs identified" : "Needs assessment: no eligible needs";
  event.assessment_type = "Long term assessment";
  event.method_of_assessment = input.method_of_assessment;
  // "Information and advice" is the outcome only when the worker recorded what
  // was given; the check above requires it whenever needs are not eligible.
  if (decision.eligible) event.outcome = "Progress to support planning or services";
  else if (!input.information_given.empty()) event.outcome = "NFA: Information and advice or signposting";
  else event.outcome = "NFA: No services offered for other reason";
  event.id = storage::insert_case_event(c, event, user_id);

  EligibilityRecord e;
  e.council_id = a.council_id;
  e.person_id = a.person_id;
  e.assessment_id = a.id;
  e.eligible = decision.eligible;
  e.findings = input;
  e.reasoning = decision.reasoning;
  e.decided_by = user_id;
  e.decided_on = today;
  e.case_event_id = event.id;
  e.characteristics = storage::characteristics_as_at(c, a.council_id, a.person_id, today);
  e.id = storage::insert_eligibility(c, e);
  if (earlier) {
    storage::supersede_eligibility(c, a.council_id, earlier->id, e.id);
    if (earlier->case_event_id) storage::supersede_case_event(c, a.council_id, *earlier->case_event_id, event.id);
    else
      // Decisions recorded before events were linked: the earlier decision's
      // event is the current Assessment event ended by the same kind of decision.
      for (const auto& ev : storage::list_case_events(c, a.council_id, a.person_id))
        if (ev.id != event.id && ev.event_type == "Assessment" && !ev.superseded_by && ev.description.starts_with("Needs assessment:") &&
            ev.end_date == earlier->decided_on) {
          storage::supersede_case_event(c, a.council_id, ev.id, event.id);
          break;
        }
  }
  return e;
}

allocation::RasInput ras_input(storage::Connection& c, const Questionnaire& q, const AssessmentRecord& a) {
  allocation::RasInput in;
  auto scores = score(q, a.effective_answers());
  in.total_points = total_points(scores);
  std::vector<allocation::NeedPoints> needs;
  for (const auto& s : scores) {
    in.points_by_domain.emplace_back(s.title, s.points);
    needs.push_back({s.domain_id, s.title, s.points});
  }
  std::vector<allocation::WillingAndAble> statements;
  for (const auto& s : storage::list_willing_and_able(c, a.council_id, a.person_id, a.id))
    if (auto carer = storage::find_carer(c, a.council_id, a.person_id, s.carer_id))
      statements.push_back({carer->name, std::string(people::carer_is(carer->relationship)), s.needs});
  allocation::add_willing_and_able(in, needs, statements);
  return in;
}

// The effect seen must be the effect now: a run made before other budgets were
// worked out never showed what the model does to those people.
bool effect_seen(storage::Connection& c, CouncilId council_id, std::int64_t configuration_id) {
  auto run = storage::latest_recalibration(c, council_id, configuration_id);
  return run && storage::recalibration_covers_current_allocations(c, council_id, *run);
}

Result<storage::StoredDefinition> activate_ras_configuration(storage::Connection& c, CouncilId council_id,
                                                             std::int64_t configuration_id) {
  auto stored = storage::find_ras_configuration(c, council_id, configuration_id);
  if (!stored) return fail("configuration_id", "There is no such configuration in this council");
  auto config = io::parse_ras_configuration(stored->definition);
  if (!config) return fail("configuration_id", "That configuration cannot be read");
  // Questionnaires loaded since this model was may allow higher scores.
  if (auto errors = allocation::check_weekly_limit(*config, highest_score(c, council_id)); !errors.empty())
    return std::unexpected(errors);
  // A new model changes what people are told their support costs: its effect on
  // every current allocation is worked out and seen before it is applied.
  if (!stored->active && !effect_seen(c, council_id, configuration_id))
    return fail("recalibration", "The effect of this model on the current allocations has not been worked out, or budgets have been "
                                 "worked out since it was: see the effect again (POST …/recalibrations, or See the effect on the "
                                 "Configuration page), then apply it");
  storage::activate_ras_configuration(c, council_id, configuration_id);
  return *storage::find_ras_configuration(c, council_id, configuration_id);
}

Result<AllocationRecord> allocate(storage::Connection& c, const AssessmentRecord& a, UserId user_id, const std::string& now) {
  if (a.status != AssessmentStatus::Confirmed) return fail("assessment", "Confirm the self-assessment first");
  auto decisions = storage::list_eligibility(c, a.council_id, a.person_id);
  const EligibilityRecord* decision = nullptr;
  for (const auto& d : decisions) if (d.assessment_id == a.id && d.current()) { decision = &d; break; }
  if (!decision) return fail("eligibility", "Record the eligibility decision first");
  if (!decision->eligible) return fail("eligibility", "The person was found not to have eligible needs, so there is no personal budget");
  auto stored = storage::active_ras_configuration(c, a.council_id);
  if (!stored) return fail("ras_configuration", "The council has not loaded a resource allocation configuration yet");
  auto config = io::parse_ras_configuration(stored->definition);
  if (!config) return fail("ras_configuration", "The council's resource allocation configuration cannot be read");
  auto q = questionnaire_for(c, a.council_id, a.questionnaire_id);
  if (!q) return std::unexpected(q.error());
  auto input = ras_input(c, *q, a);
  auto result = allocation::allocate(*config, input);
  if (!result) return std::unexpected(result.error());
  AllocationRecord r;
  r.council_id = a.council_id;
  r.person_id = a.person_id;
  r.assessment_id = a.id;
  r.ras_configuration_id = stored->id;
  r.total_points = input.total_points;
  if (input.carer_points > 0) r.carer_points = input.carer_points;  // kept whatever the model, for a later model's effect
  r.weekly = result->weekly;
  r.explanation = result->explanation;
  r.created_by = user_id;
  r.is_current = true;
  r.created_at = now;
  r.characteristics = storage::characteristics_as_at(c, a.council_id, a.person_id, *CivilDate::parse_iso(r.created_at.substr(0, 10)));
  r.id = storage::insert_allocation(c, r);
  return r;
}

Result<RecalibrationSummary> recalibrate(storage::Connection& c, CouncilId council_id, std::int64_t configuration_id,
                                         std::optional<UserId> user_id) {
  auto stored = storage::find_ras_configuration(c, council_id, configuration_id);
  if (!stored) return fail("configuration_id", "There is no such configuration in this council");
  auto config = io::parse_ras_configuration(stored->definition);
  if (!config) return fail("configuration_id", "That configuration cannot be read");
  // Read first, then write: PostgreSQL cannot take new statements on a
  // connection while it is still streaming a result.
  std::vector<storage::CurrentAllocation> current;
  storage::for_each_current_allocation(c, council_id, [&current](const storage::CurrentAllocation& a) { current.push_back(a); });
  RecalibrationSummary s;
  s.recalibration_id = storage::insert_recalibration(c, council_id, configuration_id, 0, 0, user_id);
  for (const auto& a : current) {
    allocation::RasInput in;
    in.total_points = a.total_points;
    in.carer_points = a.carer_points;
    auto result = allocation::allocate(*config, in, allocation::Explain::No);
    if (!result) return std::unexpected(result.error());
    std::int64_t now = result->weekly.pence();
    storage::insert_recalibration_result(c, council_id, s.recalibration_id, {a.id, a.person_id, a.weekly.pence(), now});
    ++s.allocations;
    // Checked: allocations stored before the weekly limit existed may be any size.
    auto old_total = Money::from_pence(s.total_old_pence).plus(a.weekly);
    auto new_total = Money::from_pence(s.total_new_pence).plus(Money::from_pence(now));
    // Every difference shown later (each row's and the totals') is checked here, once.
    if (!old_total || !new_total || !new_total->minus(*old_total) || !Money::from_pence(now).minus(a.weekly))
      return fail("configuration_id", "The council's allocations add up to more than Patchwork can count; check them for absurd amounts");
    s.total_old_pence = old_total->pence();
    s.total_new_pence = new_total->pence();
    if (now > a.weekly.pence()) ++s.increased;
    if (now < a.weekly.pence()) ++s.decreased;
  }
  storage::set_recalibration_totals(c, council_id, s.recalibration_id, s.allocations, s.total_new_pence - s.total_old_pence);
  return s;
}

}  // namespace patchwork::services
