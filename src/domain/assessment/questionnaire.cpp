#include "domain/assessment/questionnaire.hpp"

#include <fmt/format.h>

#include <set>

namespace patchwork::assessment {

const AnswerOption* Question::answer(const std::string& value) const {
  for (const auto& a : answers) if (a.value == value) return &a;
  return nullptr;
}

const Question* Questionnaire::question(const std::string& id) const {
  for (const auto& d : domains)
    for (const auto& q : d.questions) if (q.id == id) return &q;
  return nullptr;
}

const Domain* Questionnaire::domain(const std::string& id) const {
  for (const auto& d : domains) if (d.id == id) return &d;
  return nullptr;
}

std::size_t Questionnaire::question_count() const {
  std::size_t n = 0;
  for (const auto& d : domains) n += d.questions.size();
  return n;
}


FieldErrors check_answers(const Questionnaire& q, const Answers& answers) {
  FieldErrors errors;
  for (const auto& [id, value] : answers) {
    const Question* question = q.question(id);
    if (!question) errors.push_back({id, "There is no question '" + id + "' in this questionnaire"});
    else if (!question->answer(value)) errors.push_back({id, "'" + value + "' is not one of the answers to: " + question->text});
  }
  return errors;
}

int max_points(const Questionnaire& q) {
  int total = 0;
  for (const auto& d : q.domains)
    for (const auto& question : d.questions) {
      int best = 0;
      for (const auto& a : question.answers) best = std::max(best, a.points);
      total += best;
    }
  return total;
}

std::vector<DomainScore> score(const Questionnaire& q, const Answers& answers) {
  std::vector<DomainScore> out;
  for (const auto& d : q.domains) {
    DomainScore s{d.id, d.title, 0, 0, int(d.questions.size())};
    for (const auto& question : d.questions) {
      auto it = answers.find(question.id);
      if (it == answers.end()) continue;
      if (const auto* a = question.answer(it->second)) {
        s.points += a->points;
        ++s.answered;
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

int total_points(const std::vector<DomainScore>& scores) {
  int total = 0;
  for (const auto& s : scores) total += s.points;
  return total;
}

std::map<Outcome, OutcomeFinding> propose_outcomes(const Questionnaire& q, const Answers& answers) {
  std::map<Outcome, OutcomeFinding> findings;
  for (Outcome o : all_outcomes()) findings[o] = OutcomeFinding{};
  for (const auto& d : q.domains) {
    for (const auto& question : d.questions) {
      if (!question.outcome) continue;
      auto it = answers.find(question.id);
      if (it == answers.end()) continue;
      const auto* a = question.answer(it->second);
      if (!a || !a->unable_reason) continue;
      auto& f = findings[*question.outcome];
      f.achieved = false;
      f.reasons.insert(*a->unable_reason);
      f.note += (f.note.empty() ? "" : " ") + question.text + " " + a->text + ".";
    }
  }
  return findings;
}

}  // namespace patchwork::assessment
