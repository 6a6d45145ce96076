#include "io/config/ras_file.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace patchwork::io {

namespace json = boost::json;
using namespace patchwork::allocation;

namespace {

std::optional<Money> money_member(const json::object& o, std::string_view key, const std::string& path, FieldErrors& errors,
                                  bool required) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) {
    if (required) errors.push_back({path + std::string(key), "is missing"});
    return std::nullopt;
  }
  if (!it->value().is_string()) {
    errors.push_back({path + std::string(key), "must be an amount written as text, like \"5.20\""});
    return std::nullopt;
  }
  auto m = Money::parse(std::string(it->value().as_string()));
  if (!m || m->pence() < 0) {
    errors.push_back({path + std::string(key), "must be an amount in pounds and pence, like \"5.20\""});
    return std::nullopt;
  }
  if (*m > kWeeklyAmountLimit) {
    errors.push_back({path + std::string(key), fmt::format("must be at most {}, the largest weekly amount Patchwork accepts",
                                                           kWeeklyAmountLimit.display())});
    return std::nullopt;
  }
  return m;
}

std::optional<int> int_member(const json::object& o, std::string_view key, const std::string& path, FieldErrors& errors, int lo, int hi) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_int64()) {
    errors.push_back({path + std::string(key), "must be a whole number"});
    return std::nullopt;
  }
  auto v = it->value().as_int64();
  if (v < lo || v > hi) {
    errors.push_back({path + std::string(key), fmt::format("must be between {} and {}", lo, hi)});
    return std::nullopt;
  }
  return int(v);
}

}  // namespace

Result<RasConfiguration> parse_ras_configuration(const std::string& json_text, RasSource source) {
  boost::system::error_code ec;
  json::value root = json::parse(json_text, ec);
  if (ec) return fail("file", "The configuration is not valid JSON: " + ec.message());
  if (!root.is_object()) return fail("file", "The configuration must be one JSON object");
  const auto& o = root.as_object();
  FieldErrors errors;
  RasConfiguration c;
  if (auto it = o.find("name"); it != o.end() && it->value().is_string() && !it->value().as_string().empty())
    c.name = std::string(it->value().as_string());
  else
    errors.push_back({"name", "is missing"});
  if (auto v = int_member(o, "version", "", errors, 1, 1000000)) c.version = *v;
  std::string method;
  if (auto it = o.find("method"); it != o.end() && it->value().is_string()) method = std::string(it->value().as_string());
  if (method == "price_per_point") {
    c.method = Method::PricePerPoint;
    if (auto m = money_member(o, "price_per_point", "", errors, true)) c.price_per_point = *m;
  } else if (method == "bands") {
    c.method = Method::Bands;
    auto it = o.find("bands");
    if (it == o.end() || !it->value().is_array() || it->value().as_array().empty()) {
      errors.push_back({"bands", "must be a list of bands"});
    } else {
      const auto& bands = it->value().as_array();
      for (std::size_t i = 0; i < bands.size(); ++i) {
        std::string path = fmt::format("bands[{}].", i);
        if (!bands[i].is_object()) { errors.push_back({path, "must be an object"}); continue; }
        const auto& b = bands[i].as_object();
        Band band;
        auto lo = int_member(b, "min_points", path, errors, 0, 100000);
        auto hi = int_member(b, "max_points", path, errors, 0, 100000);
        auto weekly = money_member(b, "weekly", path, errors, true);
        if (!lo || !hi || !weekly) continue;
        if (*hi < *lo) errors.push_back({path + "max_points", "must not be below min_points"});
        band = {*lo, *hi, *weekly};
        c.bands.push_back(band);
      }
      std::sort(c.bands.begin(), c.bands.end(), [](const Band& a, const Band& b) { return a.min_points < b.min_points; });
      for (std::size_t i = 0; i + 1 < c.bands.size(); ++i) {
        if (c.bands[i + 1].min_points <= c.bands[i].max_points)
          errors.push_back({"bands", fmt::format("bands {}–{} and {}–{} overlap", c.bands[i].min_points, c.bands[i].max_points,
                                                 c.bands[i + 1].min_points, c.bands[i + 1].max_points)});
        else if (c.bands[i + 1].min_points != c.bands[i].max_points + 1)
          errors.push_back({"bands", fmt::format("no band covers {} to {} points", c.bands[i].max_points + 1, c.bands[i + 1].min_points - 1)});
      }
      if (!c.bands.empty() && c.bands.front().min_points != 0) errors.push_back({"bands", "the first band must start at 0 points"});
    }
  } else {
    errors.push_back({"method", "must be \"price_per_point\" or \"bands\""});
  }
  c.floor = money_member(o, "floor", "", errors, false);
  c.ceiling = money_member(o, "ceiling", "", errors, false);
  if (c.floor && c.ceiling && *c.ceiling < *c.floor) errors.push_back({"ceiling", "must not be below the floor"});
  if (auto it = o.find("carer_adjustment"); it != o.end() && !it->value().is_null()) {
    if (!it->value().is_object()) {
      errors.push_back({"carer_adjustment", "must be an object"});
    } else if (const auto& a = it->value().as_object(); a.contains("question") || a.contains("percent_by_answer")) {
      // The old form took a percentage off the whole budget for one answer
      // ("they do most things for me"). Care Act 2014 s.18(7) counts only needs
      // a carer is willing and able to go on meeting, so it is refused in a new
      // file; a model loaded before keeps its text but makes no carer adjustment.
      if (source == RasSource::NewFile)
        errors.push_back({"carer_adjustment.question",
                          "a carer adjustment no longer follows a questionnaire answer: it applies only to the needs a carer has said they "
                          "are willing and able to go on meeting. Give carer_adjustment.percent_of_needs_share (1 to 100) instead"});
    } else {
      CarerAdjustment adj;
      auto p = a.find("percent_of_needs_share");
      if (p == a.end() || !p->value().is_int64() || p->value().as_int64() < 1 || p->value().as_int64() > 100)
        errors.push_back({"carer_adjustment.percent_of_needs_share", "must be a whole percentage from 1 to 100"});
      else
        adj.percent_of_needs_share = int(p->value().as_int64());
      c.carer_adjustment = adj;
    }
  }
  if (!errors.empty()) return std::unexpected(errors);
  return c;
}

std::string write_ras_configuration(const RasConfiguration& c) {
  // Amounts as text, as the reader requires, so nothing passes through floating point.
  json::object o;
  o["name"] = c.name;
  o["version"] = c.version;
  if (c.method == Method::PricePerPoint) {
    o["method"] = "price_per_point";
    o["price_per_point"] = c.price_per_point.decimal();
  } else {
    o["method"] = "bands";
    json::array bands;
    for (const auto& b : c.bands)
      bands.push_back(json::object{{"min_points", b.min_points}, {"max_points", b.max_points}, {"weekly", b.weekly.decimal()}});
    o["bands"] = std::move(bands);
  }
  if (c.floor) o["floor"] = c.floor->decimal();
  if (c.ceiling) o["ceiling"] = c.ceiling->decimal();
  if (c.carer_adjustment) o["carer_adjustment"] = json::object{{"percent_of_needs_share", c.carer_adjustment->percent_of_needs_share}};
  return json::serialize(o);
}

}  // namespace patchwork::io
