#include "io/config/thresholds_file.hpp"

#include <boost/json.hpp>

namespace patchwork::io {

namespace json = boost::json;

namespace {

// "null" (or left out) gives none, for the two limits that may be absent.
std::optional<Money> money_member(const json::object& o, std::string_view key, FieldErrors& errors, bool required) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) {
    if (required) errors.push_back({std::string(key), "is missing: a weekly amount written as text, like \"300.00\""});
    return std::nullopt;
  }
  std::optional<Money> m;
  if (it->value().is_string()) m = Money::parse(std::string(it->value().as_string()));
  if (!m) {
    errors.push_back({std::string(key), "must be a weekly amount in pounds and pence written as text, like \"300.00\""});
    return std::nullopt;
  }
  return m;
}

}  // namespace

Result<planning::ApprovalThresholds> parse_approval_thresholds(const std::string& json_text) {
  boost::system::error_code ec;
  json::value root = json::parse(json_text, ec);
  if (ec) return fail("file", "The thresholds are not valid JSON: " + ec.message());
  if (!root.is_object()) return fail("file", "The thresholds must be one JSON object");
  const auto& o = root.as_object();
  static constexpr std::string_view kKnown[] = {"name", "version", "effective_from", "social_worker", "team_manager",
                                                "head_of_service", "panel", "author_self_approval", "interim"};
  FieldErrors errors;
  for (const auto& member : o) {
    bool known = false;
    for (auto k : kKnown) known = known || member.key() == k;
    // A misspelt limit must not be read as "no limit".
    if (!known) errors.push_back({std::string(member.key()), "is not a setting of approval thresholds"});
  }
  planning::ApprovalThresholds t;
  if (auto it = o.find("name"); it != o.end() && it->value().is_string() && !it->value().as_string().empty() &&
                                it->value().as_string().size() <= 200)
    t.name = std::string(it->value().as_string());
  else
    errors.push_back({"name", "is missing: a name of up to 200 characters, like \"Delegated authority from April 2026\""});
  if (auto it = o.find("version"); it != o.end() && it->value().is_int64() && it->value().as_int64() >= 1 &&
                                   it->value().as_int64() <= 1000000)
    t.version = int(it->value().as_int64());
  else
    errors.push_back({"version", "must be a whole number from 1 to 1,000,000"});
  if (auto it = o.find("effective_from"); it != o.end() && it->value().is_string()) {
    auto d = CivilDate::parse_iso(std::string(it->value().as_string()));
    if (d) t.effective_from = *d;
    else errors.push_back({"effective_from", "must be a real date written like 2026-04-01"});
  } else {
    errors.push_back({"effective_from", "is missing: the date these thresholds take effect, like 2026-04-01"});
  }
  if (auto m = money_member(o, "social_worker", errors, true)) t.social_worker = *m;
  if (auto m = money_member(o, "team_manager", errors, true)) t.team_manager = *m;
  if (auto m = money_member(o, "interim", errors, true)) t.interim = *m;
  t.head_of_service = money_member(o, "head_of_service", errors, false);
  t.author_self_approval = money_member(o, "author_self_approval", errors, false);
  if (auto it = o.find("panel"); it == o.end() || !it->value().is_bool())
    errors.push_back({"panel", "must be true (the council keeps a panel) or false"});
  else
    t.panel = it->value().as_bool();
  if (errors.empty())
    for (auto& e : planning::check_thresholds(t)) errors.push_back(std::move(e));
  if (!errors.empty()) return std::unexpected(errors);
  return t;
}

}  // namespace patchwork::io
