#pragma once
// Turns a request into a response: static assets first, then the route, with the
// checks every route shares done once here — origin, session, CSRF, sign-in —
// and one database transaction around the handler.
#include <functional>
#include <string>

#include "http/settings.hpp"
#include "http/context.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "storage/db.hpp"

namespace patchwork::http {

enum class Access { Public, SignedIn };
enum class Tx { None, Read, Write };
// Where a route's handler runs: almost all on the worker pool; a handler that
// never blocks (no database, no hashing) may run on the I/O thread.
enum class Runs { OnWorkers, OnIoThread };

using RouteHandler = std::function<Response(Context&)>;

struct Route {
  RouteHandler handler;
  Surface surface = Surface::Page;
  Access access = Access::SignedIn;
  Tx tx = Tx::Write;
  Runs runs = Runs::OnWorkers;
};

// The usual route: signed in, one write transaction (reads of a person's record
// write their audit entry).
inline Route signed_in(Surface surface, RouteHandler handler) {
  return Route{std::move(handler), surface, Access::SignedIn, Tx::Write};
}

// Renders an error page (403, 404, 500...) in the site's layout.
using ErrorPage = std::function<Response(Context&, int status, const std::string& title, const std::string& detail)>;

class Dispatcher {
 public:
  Dispatcher(storage::Database& database, const http::Settings& settings, StaticFiles assets, ErrorPage error_page);

  void add(Method method, std::string_view pattern, Route route) { router_.add(method, pattern, std::move(route)); }
  Response operator()(Request& request);
  // For the server's I/O thread: static assets and Runs::OnIoThread routes.
  std::optional<Response> answer_inline(Request& request);

 private:
  Response dispatch(Context& ctx, const Route& route);
  Response finish(Context& ctx, Response response);
  Response error(Context& ctx, int status, const std::string& title, const std::string& detail);
  Response unavailable(Context& ctx);  // 503 while the database does not answer
  Response constraint_refusal(Context& ctx, const storage::ConstraintViolation& e);  // 409 or 422 naming the field
  void load_session(Context& ctx);
  std::string forgery_problem(Context& ctx, const Route& route);

  storage::Database& database_;
  const http::Settings& settings_;
  StaticFiles assets_;
  ErrorPage error_page_;
  Router<Route> router_;
};

}  // namespace patchwork::http
