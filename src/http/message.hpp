#pragma once
// Plain request and response values. The Beast server converts to and from these,
// so handlers, pages and the API never see the network library.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace patchwork::http {

enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };
std::string_view method_name(Method m);
Method method_from(std::string_view name);
inline bool changes_state(Method m) { return m == Method::Post || m == Method::Put || m == Method::Patch || m == Method::Delete; }

using Params = std::map<std::string, std::string, std::less<>>;

struct Request {
  Method method = Method::Get;
  std::string target;            // as sent: /people?q=smith
  std::string path;              // decoded path: /people
  Params query;                  // decoded query parameters
  Params headers;                // names in lower case
  std::string body;
  std::string remote_address;
  std::string request_id;
  bool secure = false;           // served over TLS, directly or through a trusted proxy
  Params path_params;            // filled by the router: {id} -> "42"

  std::string_view header(std::string_view name) const;  // "" when absent
  // A query parameter with surrounding spaces trimmed; "" when absent.
  std::string query_value(std::string_view name) const;
  // A {name} from the route that must be a positive whole number (a record id).
  std::optional<std::int64_t> path_id(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
  // The body as an HTML form (application/x-www-form-urlencoded). Repeated
  // fields keep their last value; form_all keeps every value in order.
  const Params& form() const;
  std::vector<std::string> form_all(std::string_view name) const;
  std::string form_value(std::string_view name) const;
  bool form_is_valid() const;

 private:
  mutable std::optional<Params> form_;
  mutable bool form_valid_ = true;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string log_user;  // who asked, for the access log only; never sent

  void set_header(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
  std::string_view header(std::string_view name) const;

  static Response html(std::string body, int status = 200);
  static Response text(std::string body, int status = 200);
  static Response json(std::string body, int status = 200);
  static Response redirect(std::string location, int status = 303);
  // RFC 9457 problem document: application/problem+json. At most
  // kMaxListedFieldErrors field errors are listed; the detail says how many more.
  static constexpr std::size_t kMaxListedFieldErrors = 20;
  static Response problem(int status, std::string_view title, std::string_view detail,
                          const std::vector<std::pair<std::string, std::string>>& field_errors = {});
};

std::string_view status_reason(int status);

// A header value may never carry CR, LF or NUL: one of them would let whoever
// chose the value end the header and write their own (response splitting).
bool is_safe_header_value(std::string_view value);
// The name of the first header (Content-Type included) whose name or value is
// unsafe, or nothing when every header is safe.
std::optional<std::string> unsafe_header(const Response& response);
// The response to send: `response` itself when every header is safe, otherwise
// a plain 500 that carries none of its headers. The server passes every
// response through this, whatever built it, so no handler can split a response.
Response with_safe_headers(Response response, std::string_view request_id);

struct CookieOptions {
  bool secure = false;       // adds Secure; the name then carries the __Host- prefix
  bool http_only = true;
  int max_age_seconds = -1;  // -1: a session cookie; 0: delete
};
std::string set_cookie_header(std::string_view name, std::string_view value, const CookieOptions& options);

// Decodes a percent-encoded query or form string, + as space. Returns nothing when malformed.
std::optional<Params> parse_query_string(std::string_view text);
std::string url_encode(std::string_view text);

}  // namespace patchwork::http
