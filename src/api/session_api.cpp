// POST /api/v1/sessions, DELETE /api/v1/sessions/current, GET /api/v1/me.
#include "api/json.hpp"
#include "api/routes.hpp"
#include "http/sessions.hpp"

namespace patchwork::api {
namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;
using http::Surface;
using http::Tx;

Response create_session(Context& ctx) {
  auto body = body_object(ctx.request);
  if (!body) return body.error();
  FieldErrors errors;
  auto username = string_member(*body, "username", errors);
  auto password = string_member(*body, "password", errors);
  if (errors.empty()) {
    if (!username || username->empty()) errors.push_back({"username", "Enter your username"});
    if (!password || password->empty()) errors.push_back({"password", "Enter your password"});
  }
  if (!errors.empty()) return validation_problem(errors);
  auto outcome = http::sign_in(ctx, *username, *password);
  if (outcome.result == http::SignInResult::Throttled) return Response::problem(429, "Too many attempts", outcome.message);
  if (outcome.result == http::SignInResult::Refused) return Response::problem(401, "Sign-in refused", outcome.message);
  const auto& user = ctx.signed_in_user();
  return json_response(json::object{{"csrf_token", ctx.csrf_token()},
                                    {"user", {{"username", user.username}, {"role", access::role_code(user.role)}}}},
                       201);
}

Response delete_session(Context& ctx) {
  http::sign_out(ctx);
  Response r;
  r.status = 204;
  r.content_type = "text/plain";
  return r;
}

Response me(Context& ctx) {
  const auto& user = ctx.signed_in_user();
  json::object o{{"id", user.id.value()},
                 {"username", user.username},
                 {"display_name", user.display_name},
                 {"role", access::role_code(user.role)},
                 {"council", {{"id", ctx.council()->id.value()}, {"code", ctx.council()->code}, {"name", ctx.council()->name}}},
                 {"csrf_token", ctx.csrf_token()}};
  if (user.person_id) o["person_id"] = user.person_id->value();
  return json_response(o);
}

}  // namespace

void add_session_api(http::Dispatcher& d) {
  d.add(Method::Post, "/api/v1/sessions", {create_session, Surface::Api, Access::Public, Tx::Write});
  d.add(Method::Delete, "/api/v1/sessions/current", {delete_session, Surface::Api, Access::SignedIn, Tx::Write});
  d.add(Method::Get, "/api/v1/me", {me, Surface::Api, Access::SignedIn, Tx::Read});
}

}  // namespace patchwork::api
