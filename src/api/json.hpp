#pragma once
// Small helpers shared by the API handlers.
#include <boost/json.hpp>

#include <map>
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>
#include <string>

#include "core/date.hpp"
#include "core/result.hpp"
#include "http/context.hpp"

namespace patchwork::api {

namespace json = boost::json;

// The request body as a JSON object, or a 400/415 problem naming what is wrong.
std::expected<json::object, http::Response> body_object(const http::Request& request);

// 422 with every field error listed (RFC 9457 with an "errors" extension).
http::Response validation_problem(const FieldErrors& errors);
http::Response json_response(const json::value& value, int status = 200);

// Reads an optional string member; a member of another type is an error.
std::optional<std::string> string_member(const json::object& o, std::string_view key, FieldErrors& errors);

// A flat JSON object as text fields (true/false become "true"/"false", numbers
// their digits). Nested objects and lists are errors naming the member.
std::expected<std::map<std::string, std::string>, FieldErrors> text_fields(const json::object& o);

// The request body as text fields, or the problem to answer with.
std::expected<std::map<std::string, std::string>, http::Response> body_fields(const http::Request& request);

// Refuses a body with members the endpoint does not know: a misspelt member
// ("assesed_on") would otherwise be ignored and the request half-understood.
// A 422 naming each unknown member, as every field error is answered, with the
// members the endpoint reads listed; nothing when every member is known.
std::optional<http::Response> unknown_members(const std::map<std::string, std::string>& fields,
                                              std::initializer_list<std::string_view> known, std::string_view what);
std::optional<http::Response> unknown_members(const std::map<std::string, std::string>& fields,
                                              std::span<const std::string_view> known, std::string_view what);

json::value optional_text(const std::optional<std::string>& v);
json::value optional_id(const std::optional<std::int64_t>& v);
inline json::value optional_date(const std::optional<CivilDate>& v) { return v ? json::value(v->iso()) : json::value(nullptr); }
template <typename Tag>
json::value optional_id(const std::optional<Id<Tag>>& v) { return v ? json::value(v->value()) : json::value(nullptr); }

}  // namespace patchwork::api
