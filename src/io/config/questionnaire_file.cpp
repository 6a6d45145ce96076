#include "io/config/questionnaire_file.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <set>

namespace patchwork::io {

namespace json = boost::json;
using namespace patchwork::assessment;

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
          question.text_for_representative = r.text(qobj, "text_for_representative", qpath, false);
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
              a.text_for_representative = r.text(aobj, "text_for_representative", apath, false);
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
  // How the questions read when a representative answers: all or none, per version.
  for (auto& e : check_representative_wording(q)) errors.push_back(std::move(e));
  if (!errors.empty()) return std::unexpected(errors);
  return q;
}

}  // namespace patchwork::io
