#include "http/input_text.hpp"

#include <boost/json.hpp>

#include "core/text.hpp"
#include "http/multipart.hpp"

namespace patchwork::http {

namespace {

namespace json = boost::json;

// Names that come from the request are cut short before they are repeated in an
// answer or the audit trail: a megabyte-long member name must not come back
// three times, nor be kept for ever in an append-only table.
std::string shown(std::string_view name) { return clip_utf8(name, 60); }

// Walks the document keeping only the steps of the path, so that the path is
// written out once, for the error, and never for the values that are fine: the
// cost stays proportional to the size of the body.
struct Step {
  std::string_view key;  // a member name, or empty for an array element
  std::size_t index = 0;
};

std::string path_of(const std::vector<Step>& steps) {
  std::string out;
  for (const auto& s : steps) {
    if (s.key.data() != nullptr) out += (out.empty() ? "" : ".") + shown(s.key);
    else out += "[" + std::to_string(s.index) + "]";
  }
  return out.empty() ? std::string("body") : shown(out);
}

std::optional<FieldError> check_json(const json::value& v, std::vector<Step>& steps, int depth) {
  if (v.is_string()) {
    if (auto problem = text_problem(v.as_string())) {
      std::string path = path_of(steps);
      return FieldError{path, path + " " + *problem};
    }
  } else if (v.is_object()) {
    for (const auto& [key, member] : v.as_object()) {
      if (auto problem = text_problem(key)) {
        std::string path = path_of(steps);
        return FieldError{path, "A member name in " + path + " " + *problem};
      }
      steps.push_back({key, 0});
      auto e = check_json(member, steps, depth + 1);
      steps.pop_back();
      if (e) return e;
    }
  } else if (v.is_array()) {
    const auto& items = v.as_array();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!items[i].is_string() && !items[i].is_structured()) continue;
      steps.push_back({std::string_view(), i});
      auto e = check_json(items[i], steps, depth + 1);
      steps.pop_back();
      if (e) return e;
    }
  }
  return std::nullopt;
}

std::string media_type(std::string_view content_type) {
  auto semicolon = content_type.find(';');
  return to_lower(trim(content_type.substr(0, semicolon)));
}

}  // namespace

std::optional<FieldError> unacceptable_text(const Request& request, BodyKind expected) {
  for (const auto& [name, value] : request.query)
    if (text_problem(name) || text_problem(value))
      return FieldError{shown(name), "The address's \"" + shown(name) + "\" " + text_problem(name + value).value_or("")};
  if (request.body.empty() || !changes_state(request.method)) return std::nullopt;
  const std::string type = media_type(request.header("content-type"));
  if (expected == BodyKind::Form) {
    // A file upload (a bank statement): multipart/form-data, read strictly
    // (http/multipart.hpp). Its fields are checked as a form's are; a file's
    // bytes are the file's own, read by its parser.
    if (type == "multipart/form-data") {
      auto boundary = multipart_boundary(request.header("content-type"));
      if (!boundary) return FieldError{"form", boundary.error()};
      auto parts = parse_multipart(request.body, *boundary);
      if (!parts) return FieldError{"form", parts.error()};
      for (const auto& part : *parts) {
        if (text_problem(part.name)) return FieldError{"form", "A field name in the form must be plain text"};
        if (!part.filename.empty()) continue;
        if (auto problem = text_problem(part.data)) return FieldError{shown(part.name), "The field \"" + shown(part.name) + "\" " + *problem};
      }
      return std::nullopt;
    }
    // Pages read every body as a form, whatever it says it is: so every body a
    // page gets must be one, and every field of it is checked.
    if (type != "application/x-www-form-urlencoded")
      return FieldError{"form", "The form must be sent as application/x-www-form-urlencoded"};
    if (!request.form_is_valid()) return std::nullopt;  // the forgery check names it
    for (const auto& [name, value] : request.form()) {
      if (text_problem(name)) return FieldError{"form", "A field name in the form must be plain text"};
      if (auto problem = text_problem(value)) return FieldError{shown(name), "The field \"" + shown(name) + "\" " + *problem};
    }
    return std::nullopt;
  }
  // The API reads JSON bodies only (anything else is refused by its handler).
  if (type == "application/json" || type.ends_with("+json")) {
    boost::system::error_code ec;
    json::value v = json::parse(request.body, ec);
    if (ec) return std::nullopt;
    std::vector<Step> steps;
    return check_json(v, steps, 0);
  }
  return std::nullopt;
}

}  // namespace patchwork::http
