#pragma once
// What is kept of a self-assessment, an eligibility decision and an allocation,
// and their JSON forms (the same in the database and in the API).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "domain/assessment/eligibility.hpp"
#include "domain/assessment/questionnaire.hpp"
#include "domain/people/characteristics.hpp"

namespace patchwork::assessment {

enum class AssessmentStatus { Draft, Submitted, Confirmed };
std::string_view status_code(AssessmentStatus s);  // draft, submitted, confirmed
std::optional<AssessmentStatus> status_from_code(std::string_view code);

struct AssessmentRecord {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::int64_t questionnaire_id = 0;
  AssessmentStatus status = AssessmentStatus::Draft;
  std::string completed_with;          // who helped: "the person alone", "their daughter"...
  Answers person_answers;              // as the person (and whoever helped) gave them
  std::optional<Answers> worker_answers;  // as the social worker confirmed or changed them; both are kept
  std::optional<UserId> started_by;
  std::string started_at;
  std::string updated_at;
  std::optional<std::string> submitted_at;
  std::optional<UserId> confirmed_by;
  std::optional<std::string> confirmed_at;

  // The answers that count: the worker's once confirmed, else the person's.
  const Answers& effective_answers() const { return worker_answers ? *worker_answers : person_answers; }
};


struct EligibilityRecord {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::int64_t assessment_id = 0;
  bool eligible = false;
  EligibilityInput findings;
  std::vector<std::string> reasoning;
  std::optional<UserId> decided_by;
  CivilDate decided_on;
  std::optional<std::int64_t> case_event_id;  // the Assessment event it ended
  std::optional<std::int64_t> superseded_by;  // a later decision for the same assessment
  bool current() const { return !superseded_by; }
  // The person's characteristics as they were on decided_on, kept with the
  // decision so figures split by them count it as it was.
  std::optional<people::Characteristics> characteristics{};
};

struct AllocationRecord {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::int64_t assessment_id = 0;
  std::int64_t ras_configuration_id = 0;
  int total_points = 0;
  std::optional<std::string> carer_answer;  // the old rule's questionnaire answer: kept on allocations made before it changed
  Money weekly;  // the indicative weekly amount
  std::vector<std::string> explanation;
  bool is_current = true;
  std::optional<UserId> created_by;
  std::string created_at;
  // The person's characteristics on the day it was worked out (as for decisions).
  std::optional<people::Characteristics> characteristics{};
  // Points of the needs willing-and-able carers meet (Care Act s.18(7)); none: no carer counted.
  std::optional<int> carer_points{};
};

}  // namespace patchwork::assessment
