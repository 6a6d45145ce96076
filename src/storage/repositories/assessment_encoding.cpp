#include "storage/repositories/assessment_encoding.hpp"

#include <boost/json.hpp>

namespace patchwork::storage {

namespace json = boost::json;
using namespace patchwork::assessment;

std::string answers_to_json(const Answers& answers) {
  json::object o;
  for (const auto& [k, v] : answers) o[k] = v;
  return json::serialize(o);
}

std::optional<Answers> answers_from_json(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  Answers out;
  for (const auto& [k, value] : v.as_object()) {
    if (!value.is_string()) return std::nullopt;
    out[std::string(k)] = std::string(value.as_string());
  }
  return out;
}

std::string eligibility_input_to_json(const EligibilityInput& in) {
  json::object outcomes;
  for (const auto& [o, f] : in.outcomes) {
    json::array reasons;
    for (auto r : f.reasons) reasons.emplace_back(reason_code(r));
    outcomes[outcome_code(o)] = json::object{{"achieved", f.achieved}, {"reasons", reasons}, {"note", f.note}};
  }
  return json::serialize(json::object{{"impairment_or_illness", in.impairment_or_illness},
                                      {"significant_impact_on_wellbeing", in.significant_impact_on_wellbeing},
                                      {"fluctuating", in.fluctuating},
                                      {"period_considered", in.period_considered},
                                      {"impact_note", in.impact_note},
                                      {"information_given", in.information_given},
                                      {"method_of_assessment", in.method_of_assessment},
                                      {"outcomes", outcomes}});
}

std::optional<EligibilityInput> eligibility_input_from_json(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const auto& o = v.as_object();
  EligibilityInput in;
  auto flag = [&](const char* k) { auto it = o.find(k); return it != o.end() && it->value().is_bool() && it->value().as_bool(); };
  auto str = [&](const char* k) {
    auto it = o.find(k);
    return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
  };
  in.impairment_or_illness = flag("impairment_or_illness");
  in.significant_impact_on_wellbeing = flag("significant_impact_on_wellbeing");
  in.fluctuating = flag("fluctuating");
  in.period_considered = str("period_considered");
  in.impact_note = str("impact_note");
  in.information_given = str("information_given");
  in.method_of_assessment = str("method_of_assessment");
  if (auto it = o.find("outcomes"); it != o.end() && it->value().is_object()) {
    for (const auto& [code, f] : it->value().as_object()) {
      auto outcome = outcome_from_code(code);
      if (!outcome || !f.is_object()) return std::nullopt;
      OutcomeFinding finding;
      const auto& fo = f.as_object();
      if (auto a = fo.find("achieved"); a != fo.end() && a->value().is_bool()) finding.achieved = a->value().as_bool();
      if (auto n = fo.find("note"); n != fo.end() && n->value().is_string()) finding.note = std::string(n->value().as_string());
      if (auto rs = fo.find("reasons"); rs != fo.end() && rs->value().is_array()) {
        for (const auto& r : rs->value().as_array()) {
          if (!r.is_string()) return std::nullopt;
          auto reason = reason_from_code(std::string(r.as_string()));
          if (!reason) return std::nullopt;
          finding.reasons.insert(*reason);
        }
      }
      in.outcomes[*outcome] = finding;
    }
  }
  return in;
}

std::string lines_to_json(const std::vector<std::string>& lines) {
  json::array a;
  for (const auto& l : lines) a.emplace_back(l);
  return json::serialize(a);
}

std::vector<std::string> lines_from_json(const std::string& text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& l : v.as_array()) if (l.is_string()) out.emplace_back(l.as_string());
  return out;
}

}  // namespace patchwork::storage
