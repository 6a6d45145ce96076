#include "domain/assessment/questionnaire.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <set>

namespace patchwork::assessment {

namespace json = boost::json;

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

// Reads members of one JSON object, collecting errors with their path.
struct Reader {
  FieldErrors& errors;

  std::string text(const json::object& o, std::string_view key, const std::string& path, bool required = true) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) {
      if (required) errors.push_back({path + "." + std::string(key), "is missing"});
      return {};
    }
    if (!it->value().is_string()) {
      errors.push_back({path + "." + std::string(key), "must be text"});
      return {};
    }
    std::string s(it->value().as_string());
    if (required && s.empty()) errors.push_back({path + "." + std::string(key), "must not be empty"});
    return s;
  }

  std::optional<std::int64_t> integer(const json::object& o, std::string_view key, const std::string& path) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) {
      errors.push_back({path + "." + std::string(key), "is missing"});
      return std::nullopt;
    }
    if (it->value().is_int64()) return it->value().as_int64();
    if (it->value().is_uint64() && it->value().as_uint64() < (1ull << 62)) return std::int64_t(it->value().as_uint64());
    errors.push_back({path + "." + std::string(key), "must be a whole number"});
    return std::nullopt;
  }

  const json::array* array(const json::object& o, std::string_view key, const std::string& path) {
    auto it = o.find(key);
    if (it == o.end() || !it->value().is_array()) {
      errors.push_back({path + "." + std::string(key), "must be a list"});
      return nullptr;
    }
    if (it->value().as_array().empty()) errors.push_back({path + "." + std::string(key), "must not be empty"});
    return &it->value().as_array();
  }
};

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

}  // namespace

Result<Questionnaire> parse_questionnaire(const std::string& json_text) {
  boost::system::error_code ec;
  json::value root = json::parse(json_text, ec);
  if (ec) return fail("file", "The file is not valid JSON: " + ec.message());
  if (!root.is_object()) return fail("file", "The file must hold one JSON object");
  FieldErrors errors;
  Reader r{errors};
  const auto& o = root.as_object();
  Questionnaire q;
  q.name = r.text(o, "name", "questionnaire");
  if (auto v = r.integer(o, "version", "questionnaire")) {
    if (*v < 1 || *v > 1000000) errors.push_back({"questionnaire.version", "must be a whole number from 1"});
    else q.version = int(*v);
  }
  std::set<std::string> domain_ids, question_ids;
  if (const auto* domains = r.array(o, "domains", "questionnaire")) {
    for (std::size_t di = 0; di < domains->size(); ++di) {
      std::string dpath = fmt::format("domains[{}]", di);
      if (!(*domains)[di].is_object()) { errors.push_back({dpath, "must be an object"}); continue; }
      const auto& dobj = (*domains)[di].as_object();
      Domain d;
      d.id = r.text(dobj, "id", dpath);
      d.title = r.text(dobj, "title", dpath);
      if (!d.id.empty() && !valid_id(d.id)) errors.push_back({dpath + ".id", "must be lower-case letters, digits and underscores"});
      if (!d.id.empty() && !domain_ids.insert(d.id).second) errors.push_back({dpath + ".id", "duplicates domain id '" + d.id + "'"});
      if (const auto* questions = r.array(dobj, "questions", dpath)) {
        for (std::size_t qi = 0; qi < questions->size(); ++qi) {
          std::string qpath = fmt::format("{}.questions[{}]", dpath, qi);
          if (!(*questions)[qi].is_object()) { errors.push_back({qpath, "must be an object"}); continue; }
          const auto& qobj = (*questions)[qi].as_object();
          Question question;
          question.id = r.text(qobj, "id", qpath);
          question.text = r.text(qobj, "text", qpath);
          question.hint = r.text(qobj, "hint", qpath, false);
          if (!question.id.empty() && !valid_id(question.id)) errors.push_back({qpath + ".id", "must be lower-case letters, digits and underscores"});
          if (!question.id.empty() && !question_ids.insert(question.id).second)
            errors.push_back({qpath + ".id", "duplicates question id '" + question.id + "'"});
          std::string outcome = r.text(qobj, "eligibility_outcome", qpath, false);
          if (!outcome.empty()) {
            question.outcome = outcome_from_code(outcome);
            if (!question.outcome) errors.push_back({qpath + ".eligibility_outcome", "'" + outcome + "' is not one of the ten outcomes"});
          }
          std::set<std::string> values;
          if (const auto* answers = r.array(qobj, "answers", qpath)) {
            if (answers->size() == 1) errors.push_back({qpath + ".answers", "needs at least two answers to choose from"});
            for (std::size_t ai = 0; ai < answers->size(); ++ai) {
              std::string apath = fmt::format("{}.answers[{}]", qpath, ai);
              if (!(*answers)[ai].is_object()) { errors.push_back({apath, "must be an object"}); continue; }
              const auto& aobj = (*answers)[ai].as_object();
              AnswerOption a;
              a.value = r.text(aobj, "value", apath);
              a.text = r.text(aobj, "text", apath);
              if (auto p = r.integer(aobj, "points", apath)) {
                if (*p < 0 || *p > 1000) errors.push_back({apath + ".points", "must be between 0 and 1000"});
                else a.points = int(*p);
              }
              if (!a.value.empty() && !values.insert(a.value).second) errors.push_back({apath + ".value", "duplicates answer '" + a.value + "'"});
              std::string reason = r.text(aobj, "unable_reason", apath, false);
              if (!reason.empty()) {
                a.unable_reason = reason_from_code(reason);
                if (!a.unable_reason) errors.push_back({apath + ".unable_reason", "'" + reason + "' is not a reason an outcome cannot be achieved"});
                else if (outcome.empty()) errors.push_back({apath + ".unable_reason", "is given, but the question names no eligibility_outcome"});
              }
              question.answers.push_back(std::move(a));
            }
          }
          d.questions.push_back(std::move(question));
        }
      }
      q.domains.push_back(std::move(d));
    }
  }
  if (!errors.empty()) return std::unexpected(errors);
  return q;
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
