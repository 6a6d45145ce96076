#pragma once
// A council's supported self-assessment questionnaire, defined as data: domains
// of questions, each answer scoring points and, where it shows that an outcome in
// the eligibility regulations cannot be achieved, saying which and why.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "domain/assessment/eligibility.hpp"

namespace patchwork::assessment {

struct AnswerOption {
  std::string value;
  std::string text;
  int points = 0;
  std::optional<UnableReason> unable_reason;  // set when this answer means the outcome is not achieved
};

struct Question {
  std::string id;
  std::string text;
  std::string hint;
  std::optional<Outcome> outcome;  // the eligibility outcome this question informs
  std::vector<AnswerOption> answers;
  const AnswerOption* answer(const std::string& value) const;
};

struct Domain {
  std::string id;
  std::string title;
  std::vector<Question> questions;
};

struct Questionnaire {
  std::string name;
  int version = 0;
  std::vector<Domain> domains;

  const Question* question(const std::string& id) const;
  const Domain* domain(const std::string& id) const;
  std::size_t question_count() const;
};


// Answers: question id -> chosen answer value.
using Answers = std::map<std::string, std::string>;

// Answers that name unknown questions or values, as field errors keyed by question id.
FieldErrors check_answers(const Questionnaire& q, const Answers& answers);

struct DomainScore {
  std::string domain_id;
  std::string title;
  int points = 0;
  int answered = 0;
  int questions = 0;
};

// The highest total anyone can score: the best-scoring answer of every question.
int max_points(const Questionnaire& q);

std::vector<DomainScore> score(const Questionnaire& q, const Answers& answers);
int total_points(const std::vector<DomainScore>& scores);

// What the answers say about the ten outcomes: an outcome is proposed as not
// achieved when any answer to a question about it carries a reason. The worker
// confirms or changes this proposal; it is never the decision by itself.
std::map<Outcome, OutcomeFinding> propose_outcomes(const Questionnaire& q, const Answers& answers);

}  // namespace patchwork::assessment
