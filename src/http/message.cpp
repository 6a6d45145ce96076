#include "http/message.hpp"

#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <fmt/format.h>

#include <spdlog/spdlog.h>

#include <cctype>
#include <charconv>

#include "core/text.hpp"

namespace patchwork::http {

std::string_view method_name(Method m) {
  switch (m) {
    case Method::Get: return "GET";
    case Method::Head: return "HEAD";
    case Method::Post: return "POST";
    case Method::Put: return "PUT";
    case Method::Patch: return "PATCH";
    case Method::Delete: return "DELETE";
    case Method::Options: return "OPTIONS";
    default: return "OTHER";
  }
}

Method method_from(std::string_view n) {
  if (n == "GET") return Method::Get;
  if (n == "HEAD") return Method::Head;
  if (n == "POST") return Method::Post;
  if (n == "PUT") return Method::Put;
  if (n == "PATCH") return Method::Patch;
  if (n == "DELETE") return Method::Delete;
  if (n == "OPTIONS") return Method::Options;
  return Method::Other;
}

std::string_view Request::header(std::string_view name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string_view{} : std::string_view(it->second);
}

std::string Request::query_value(std::string_view name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string() : trim(it->second);
}

std::optional<std::int64_t> Request::path_id(std::string_view name) const {
  auto it = path_params.find(name);
  if (it == path_params.end()) return std::nullopt;
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), id);
  if (ec != std::errc() || p != it->second.data() + it->second.size() || id <= 0) return std::nullopt;
  return id;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  std::string_view all = header("cookie");
  for (const auto& part : split(all, ';')) {
    std::string item = trim(part);
    auto eq = item.find('=');
    if (eq != std::string::npos && std::string_view(item).substr(0, eq) == name) return item.substr(eq + 1);
  }
  return std::nullopt;
}

std::optional<Params> parse_query_string(std::string_view text) {
  Params out;
  if (text.empty()) return out;
  try {
    boost::urls::encoding_opts opts;
    opts.space_as_plus = true;
    boost::urls::params_view params(text, opts);
    for (auto p : params) out[std::string(p.key)] = p.has_value ? std::string(p.value) : std::string();
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return out;
}

const Params& Request::form() const {
  if (!form_) {
    auto parsed = parse_query_string(body);
    form_valid_ = parsed.has_value();
    form_ = parsed.value_or(Params{});
  }
  return *form_;
}

bool Request::form_is_valid() const {
  form();
  return form_valid_;
}

std::vector<std::string> Request::form_all(std::string_view name) const {
  std::vector<std::string> values;
  try {
    boost::urls::encoding_opts opts;
    opts.space_as_plus = true;
    for (auto p : boost::urls::params_view(body, opts))
      if (p.key == name) values.emplace_back(p.has_value ? std::string(p.value) : std::string());
  } catch (const std::exception&) {
  }
  return values;
}

std::string Request::form_value(std::string_view name) const {
  const auto& f = form();
  auto it = f.find(name);
  return it == f.end() ? std::string() : it->second;
}

std::string_view Response::header(std::string_view name) const {
  for (const auto& [k, v] : headers) if (to_lower(k) == to_lower(name)) return v;
  return {};
}

Response Response::html(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::text(std::string body, int status) {
  Response r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(body);
  return r;
}

Response Response::json(std::string body, int status) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = std::move(body);
  return r;
}

Response Response::redirect(std::string location, int status) {
  Response r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "See " + location;
  r.set_header("Location", std::move(location));
  return r;
}

Response Response::problem(int status, std::string_view title, std::string_view detail_in,
                           const std::vector<std::pair<std::string, std::string>>& field_errors) {
  // Field names and messages can quote the request: each is cut to a sensible length.
  const std::string detail = clip_utf8(detail_in, 1000);
  boost::json::object doc;
  doc["type"] = "about:blank";
  doc["title"] = title;
  doc["status"] = status;
  doc["detail"] = detail;
  if (!field_errors.empty()) {
    // A huge body of wrong fields must not become a larger answer than the
    // question: list the first few and say how many were left out.
    boost::json::array errors;
    for (std::size_t i = 0; i < field_errors.size() && i < kMaxListedFieldErrors; ++i)
      errors.push_back({{"field", clip_utf8(field_errors[i].first, 200)}, {"message", clip_utf8(field_errors[i].second, 500)}});
    doc["errors"] = std::move(errors);
    if (field_errors.size() > kMaxListedFieldErrors) {
      doc["errors_not_listed"] = field_errors.size() - kMaxListedFieldErrors;
      doc["detail"] = fmt::format("{} ({} more problems are not listed: correct these and send again.)", detail,
                                  field_errors.size() - kMaxListedFieldErrors);
    }
  }
  Response r;
  r.status = status;
  r.content_type = "application/problem+json";
  r.body = boost::json::serialize(doc);
  return r;
}

std::string_view status_reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "";
  }
}

bool is_safe_header_value(std::string_view value) {
  return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

std::optional<std::string> unsafe_header(const Response& response) {
  if (!is_safe_header_value(response.content_type)) return std::string("Content-Type");
  for (const auto& [name, value] : response.headers) {
    // A name is a token: letters, digits and a few marks, never a space or colon.
    bool name_ok = !name.empty();
    for (unsigned char c : name)
      if (!(std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(char(c)) != std::string_view::npos)) name_ok = false;
    if (!name_ok || !is_safe_header_value(value)) return name;
  }
  return std::nullopt;
}

Response with_safe_headers(Response response, std::string_view request_id) {
  auto bad = unsafe_header(response);
  if (!bad) return response;
  spdlog::error("{} refused to send a response: its {} header holds a line break or NUL (a response-splitting attempt "
                "or a bug); sent a 500 instead",
                request_id, *bad);
  return Response::text(fmt::format("Sorry, there is a problem with the service. Reference: {}", request_id), 500);
}

std::string set_cookie_header(std::string_view name, std::string_view value, const CookieOptions& o) {
  std::string out = fmt::format("{}={}; Path=/; SameSite=Lax", name, value);
  if (o.http_only) out += "; HttpOnly";
  if (o.secure) out += "; Secure";
  if (o.max_age_seconds >= 0) out += fmt::format("; Max-Age={}", o.max_age_seconds);
  return out;
}

std::string url_encode(std::string_view text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

}  // namespace patchwork::http
