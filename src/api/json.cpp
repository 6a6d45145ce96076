#include "api/json.hpp"

#include "core/text.hpp"


namespace patchwork::api {

std::expected<json::object, http::Response> body_object(const http::Request& request) {
  if (!request.header("content-type").starts_with("application/json"))
    return std::unexpected(http::Response::problem(415, "Unsupported media type", "Send the request body as application/json."));
  boost::system::error_code ec;
  json::value value = json::parse(request.body, ec);
  if (ec) return std::unexpected(http::Response::problem(400, "Malformed JSON", "The request body is not valid JSON: " + ec.message() + "."));
  if (!value.is_object()) return std::unexpected(http::Response::problem(400, "Malformed JSON", "The request body must be a JSON object."));
  return std::move(value.as_object());
}

http::Response validation_problem(const FieldErrors& errors) {
  std::vector<std::pair<std::string, std::string>> fields;
  for (const auto& e : errors) fields.emplace_back(e.field, e.message);
  std::string detail = errors.size() == 1 ? errors[0].message : std::to_string(errors.size()) + " fields need correcting.";
  return http::Response::problem(422, "The request has errors", detail, fields);
}

http::Response json_response(const json::value& value, int status) {
  return http::Response::json(json::serialize(value), status);
}

std::optional<std::string> string_member(const json::object& o, std::string_view key, FieldErrors& errors) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_string()) {
    errors.push_back({std::string(key), std::string(key) + " must be a string"});
    return std::nullopt;
  }
  return std::string(it->value().as_string());
}

std::expected<std::map<std::string, std::string>, FieldErrors> text_fields(const json::object& o) {
  std::map<std::string, std::string> out;
  FieldErrors errors;
  for (const auto& [k, v] : o) {
    std::string key(k);
    if (v.is_string()) out[key] = std::string(v.as_string());
    else if (v.is_bool()) out[key] = v.as_bool() ? "true" : "false";
    else if (v.is_int64()) out[key] = std::to_string(v.as_int64());
    else if (v.is_uint64()) out[key] = std::to_string(v.as_uint64());
    else if (v.is_null()) out[key] = "";
    else errors.push_back({key, key + " must be text, a number, true or false"});
  }
  if (!errors.empty()) return std::unexpected(errors);
  return out;
}

std::expected<std::map<std::string, std::string>, http::Response> body_fields(const http::Request& request) {
  auto body = body_object(request);
  if (!body) return std::unexpected(body.error());
  auto fields = text_fields(*body);
  if (!fields) return std::unexpected(validation_problem(fields.error()));
  return *fields;
}

std::optional<http::Response> unknown_members(const std::map<std::string, std::string>& fields,
                                              std::span<const std::string_view> known, std::string_view what) {
  std::string list;
  for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
  FieldErrors errors;
  for (const auto& [k, v] : fields) {
    bool found = false;
    for (auto name : known) found = found || name == k;
    if (!found)
      errors.push_back({clip_utf8(k, 100), "\"" + clip_utf8(k, 100) + "\" is not part of " + std::string(what) + " (" + list + ")"});
  }
  if (errors.empty()) return std::nullopt;
  return validation_problem(errors);
}

std::optional<http::Response> unknown_members(const std::map<std::string, std::string>& fields,
                                              std::initializer_list<std::string_view> known, std::string_view what) {
  return unknown_members(fields, std::span<const std::string_view>(known.begin(), known.size()), what);
}

json::value optional_text(const std::optional<std::string>& v) { return v ? json::value(*v) : json::value(nullptr); }
json::value optional_id(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }

}  // namespace patchwork::api
