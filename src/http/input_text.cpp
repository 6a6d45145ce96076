#include "http/input_text.hpp"

#include <boost/json.hpp>

#include "core/text.hpp"

namespace patchwork::http {

namespace {

namespace json = boost::json;

std::optional<FieldError> check_json(const json::value& v, const std::string& path) {
  auto named = [](const std::string& p) { return p.empty() ? std::string("body") : p; };
  if (v.is_string()) {
    if (auto problem = text_problem(v.as_string())) return FieldError{named(path), named(path) + " " + *problem};
  } else if (v.is_object()) {
    for (const auto& [key, member] : v.as_object()) {
      std::string child = path.empty() ? std::string(key) : path + "." + std::string(key);
      if (auto problem = text_problem(key)) return FieldError{named(path), "A member name in " + named(path) + " " + *problem};
      if (auto e = check_json(member, child)) return e;
    }
  } else if (v.is_array()) {
    const auto& items = v.as_array();
    for (std::size_t i = 0; i < items.size(); ++i)
      if (auto e = check_json(items[i], path + "[" + std::to_string(i) + "]")) return e;
  }
  return std::nullopt;
}

}  // namespace

std::optional<FieldError> unacceptable_text(const Request& request) {
  if (request.body.empty()) return std::nullopt;
  std::string_view type = request.header("content-type");
  if (type.starts_with("application/json")) {
    boost::system::error_code ec;
    json::value v = json::parse(request.body, ec);
    if (ec) return std::nullopt;
    return check_json(v, "");
  }
  if (type.starts_with("application/x-www-form-urlencoded")) {
    for (const auto& [name, value] : request.form()) {
      if (text_problem(name)) return FieldError{"form", "A field name in the form must be plain text"};
      if (auto problem = text_problem(value)) return FieldError{name, "The field \"" + name + "\" " + *problem};
    }
  }
  return std::nullopt;
}

}  // namespace patchwork::http
