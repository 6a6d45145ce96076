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


namespace {

std::string with_name(const std::string& text, std::string_view name) {
  std::string out = text;
  for (std::size_t pos; (pos = out.find("{name}")) != std::string::npos;) out.replace(pos, 6, name);
  return out;
}

// Any brace left once every "{name}" is taken out: a placeholder that would be shown as typed.
bool has_unknown_placeholder(const std::string& text) {
  std::string rest = with_name(text, "");
  return rest.find('{') != std::string::npos || rest.find('}') != std::string::npos;
}

}  // namespace

bool has_representative_wording(const Questionnaire& q) {
  for (const auto& d : q.domains)
    for (const auto& question : d.questions)
      if (!question.text_for_representative.empty()) return true;
  return false;
}

std::string question_text(const Question& q, Respondent who, std::string_view person_name) {
  if (who == Respondent::Representative && !q.text_for_representative.empty()) return with_name(q.text_for_representative, person_name);
  return q.text;
}

std::string answer_text(const AnswerOption& a, Respondent who, std::string_view person_name) {
  if (who == Respondent::Representative && !a.text_for_representative.empty()) return with_name(a.text_for_representative, person_name);
  return a.text;
}

FieldErrors check_representative_wording(const Questionnaire& q) {
  FieldErrors errors;
  const bool any = has_representative_wording(q);
  for (std::size_t di = 0; di < q.domains.size(); ++di)
    for (std::size_t qi = 0; qi < q.domains[di].questions.size(); ++qi) {
      const auto& question = q.domains[di].questions[qi];
      const std::string qpath = fmt::format("domains[{}].questions[{}]", di, qi);
      if (any && question.text_for_representative.empty())
        errors.push_back({qpath + ".text_for_representative",
                          "is missing: when one question says how it reads to a representative, every question must"});
      else if (any && question.text_for_representative.find("{name}") == std::string::npos)
        errors.push_back({qpath + ".text_for_representative", "must name the person with {name}, so it is clear whom it asks about"});
      if (has_unknown_placeholder(question.text_for_representative))
        errors.push_back({qpath + ".text_for_representative", "has a placeholder other than {name}"});
      for (std::size_t ai = 0; ai < question.answers.size(); ++ai) {
        const auto& a = question.answers[ai];
        const std::string apath = fmt::format("{}.answers[{}].text_for_representative", qpath, ai);
        if (any && a.text_for_representative.empty())
          errors.push_back({apath, "is missing: every answer needs its wording for a representative too"});
        else if (!any && !a.text_for_representative.empty())
          errors.push_back({apath, "is given, but the questions have no wording for a representative"});
        if (has_unknown_placeholder(a.text_for_representative)) errors.push_back({apath, "has a placeholder other than {name}"});
      }
    }
  return errors;
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
