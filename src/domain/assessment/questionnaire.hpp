#pragma once
// A council's supported self-assessment questionnaire, defined as data: domains
// of questions, each answer scoring points and, where it shows that an outcome in
// the eligibility regulations cannot be achieved, saying which and why.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/assessment/eligibility.hpp"

namespace patchwork::assessment {

struct AnswerOption {
  std::string value;
  std::string text;                       // in the person's own words: "I manage on my own"
  std::string text_for_representative;    // "{name} manages on their own"; empty when the version has none
  int points = 0;
  std::optional<UnableReason> unable_reason;  // set when this answer means the outcome is not achieved
};

struct Question {
  std::string id;
  std::string text;                       // to the person: "How do you manage washing and bathing?"
  std::string text_for_representative;    // "How does {name} manage washing and bathing?"
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


// Who is answering. A representative (an attorney, a family carer who may act)
// answers about the person, so the questions must not say "you" to them: each
// questionnaire version says, as data, how its questions read to a
// representative ("text_for_representative", with {name} for the person's first
// name). A version without that wording asks its questions as written.
enum class Respondent { Person, Representative };
bool has_representative_wording(const Questionnaire& q);
std::string question_text(const Question& q, Respondent who, std::string_view person_name);
std::string answer_text(const AnswerOption& a, Respondent who, std::string_view person_name);
// The wording rules a version must keep, as field errors with the path of the
// offending text: representative wording for every question and answer or for
// none; each question's wording names the person ({name}); {name} is the only
// placeholder.
FieldErrors check_representative_wording(const Questionnaire& q);

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
