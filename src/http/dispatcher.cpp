#include "http/dispatcher.hpp"

#include <spdlog/spdlog.h>

#include "core/date.hpp"
#include "domain/accounts/tokens.hpp"
#include "http/input_text.hpp"
#include "http/multipart.hpp"
#include "storage/repositories/accounts_repository.hpp"

namespace patchwork::http {

namespace {
constexpr std::string_view kPresessionCookie = "pw_presession";
}

Dispatcher::Dispatcher(storage::Database& database, const http::Settings& settings, StaticFiles assets, ErrorPage error_page)
    : database_(database), settings_(settings), assets_(std::move(assets)), error_page_(std::move(error_page)) {}

Response Dispatcher::error(Context& ctx, int status, const std::string& title, const std::string& detail) {
  if (ctx.surface == Surface::Api) return Response::problem(status, title, detail);
  try {
    return error_page_(ctx, status, title, detail);
  } catch (const std::exception& e) {
    spdlog::error("{} error page failed: {}", ctx.request.request_id, e.what());
    return Response::text(title + "\n\n" + detail, status);
  }
}

Response Dispatcher::constraint_refusal(Context& ctx, const storage::ConstraintViolation& e) {
  using Kind = storage::ConstraintViolation::Kind;
  std::string field = e.field().empty() ? std::string("record") : e.field();
  std::string field_words = field;
  for (auto& ch : field_words) if (ch == '_') ch = ' ';
  const int status = e.kind == Kind::Unique ? 409 : 422;
  std::string message = e.kind == Kind::Unique ? "There is already a record with this " + field_words + ": nothing was saved."
                      : e.kind == Kind::ForeignKey ? "The " + field_words + " refers to something that does not exist: nothing was saved."
                      : e.kind == Kind::NotNull ? "The " + field_words + " is missing: nothing was saved."
                      : "The " + field_words + " is not allowed: nothing was saved.";
  if (ctx.surface == Surface::Api)
    return Response::problem(status, status == 409 ? "Conflict" : "The request has errors", message, {{field, message}});
  return error(ctx, status, status == 409 ? "This has already been recorded" : "There is a problem with what you sent",
               message + " Go back, check it and try again.");
}

Response Dispatcher::unavailable(Context& ctx) {
  return error(ctx, 503, "Sorry, the service is unavailable", "The database is not answering. Try again in a few minutes.");
}

Response Dispatcher::operator()(Request& request) {
  if (auto asset = assets_.serve(request)) return *asset;

  const Surface surface = request.path.starts_with("/api/") ? Surface::Api : Surface::Page;
  Context ctx(request, settings_, surface);
  ctx.page_exists = [this](std::string_view path) {
    auto m = router_.match(Method::Get, path);
    return m.route && m.route->surface == Surface::Page;
  };
  auto match = router_.match(request.method, request.path);
  Response response;
  if (!match.route) {
    if (match.path_known) {
      response = error(ctx, 405, "Method not allowed", "This address does not accept that kind of request.");
      std::string allow;
      for (Method m : match.allowed) allow += (allow.empty() ? "" : ", ") + std::string(method_name(m));
      response.set_header("Allow", allow);
    } else {
      response = error(ctx, 404, "Page not found", "If you typed the web address, check it is correct.");
    }
  } else {
    request.path_params = std::move(match.params);
    ctx.surface = match.route->surface;
    response = dispatch(ctx, *match.route);
  }
  return finish(ctx, std::move(response));
}

std::optional<Response> Dispatcher::answer_inline(Request& request) {
  if (auto asset = assets_.serve(request)) return asset;
  auto match = router_.match(request.method, request.path);
  if (!match.route || match.route->runs != Runs::OnIoThread) return std::nullopt;
  Context ctx(request, settings_, match.route->surface);
  return finish(ctx, match.route->handler(ctx));
}

Response Dispatcher::finish(Context& ctx, Response response) {
  for (const auto& cookie : ctx.cookies) response.set_header("Set-Cookie", cookie);
  // Pages hold personal data: never keep them in a shared or browser cache.
  response.set_header("Cache-Control", "no-store");
  if (ctx.user()) response.log_user = ctx.user()->username;
  return response;
}

void Dispatcher::load_session(Context& ctx) {
  auto token = ctx.request.cookie(ctx.session_cookie_name());
  if (!token || token->size() != 64) return;
  auto& db = ctx.db();
  const std::string hash = accounts::token_hash(*token);
  auto found = storage::find_signed_in(db, hash);
  if (!found) return;
  auto& session = found->session;
  auto created = parse_utc_timestamp(session.created_at);
  auto last_seen = parse_utc_timestamp(session.last_seen_at);
  auto now = std::chrono::system_clock::now();
  if (!created || !last_seen || accounts::session_expired(*created, *last_seen, now, settings_.sessions)) {
    ctx.always_write([hash](storage::Connection& c) { storage::delete_session(c, hash); });
    return;
  }
  if (!found->user.active) return;
  // Idle expiry needs last_seen_at; writing it once a minute is enough.
  if (now - *last_seen > std::chrono::seconds(60)) {
    std::string stamp = utc_timestamp(now);
    ctx.always_write([hash, stamp](storage::Connection& c) { storage::touch_session(c, hash, stamp); });
  }
  ctx.set_signed_in(std::move(found->user), std::move(found->council), std::move(session));
}

// Returns why a state-changing request looks forged, or "" when it does not.
std::string Dispatcher::forgery_problem(Context& ctx, const Route& route) {
  const Request& r = ctx.request;
  if (!changes_state(r.method)) return {};
  // A browser names the site a request came from; refuse any other site.
  std::string_view origin = r.header("origin");
  if (!origin.empty()) {
    std::string expected = std::string(r.secure ? "https://" : "http://") + std::string(r.header("host"));
    if (origin != expected) return "The request came from another website.";
  }
  if (r.header("sec-fetch-site") == "cross-site") return "The request came from another website.";
  if (route.surface == Surface::Api) {
    if (ctx.session()) {
      if (!accounts::tokens_equal(r.header("x-csrf-token"), ctx.session()->csrf_token))
        return "The X-CSRF-Token header is missing or does not match this session.";
    } else if (!r.body.empty() && !r.header("content-type").starts_with("application/json")) {
      // Before sign-in the only defence is the content type: a cross-site form
      // cannot send application/json without the browser asking us first.
      return "Send the request body as application/json.";
    }
    return {};
  }
  std::string sent;
  if (r.header("content-type").starts_with("multipart/form-data")) {
    // A file upload carries its token as a field of its parts.
    auto boundary = multipart_boundary(r.header("content-type"));
    if (!boundary) return "The form could not be read.";
    auto parts = parse_multipart(r.body, *boundary);
    if (!parts) return "The form could not be read.";
    for (const auto& part : *parts)
      if (part.name == "csrf_token" && part.filename.empty()) sent = std::string(part.data);
  } else {
    if (!r.form_is_valid()) return "The form could not be read.";
    sent = r.form_value("csrf_token");
  }
  if (!accounts::tokens_equal(sent, ctx.csrf_token())) return "The form has expired or did not come from this service.";
  return {};
}

Response Dispatcher::dispatch(Context& ctx, const Route& route) {
  Request& r = ctx.request;
  if (route.tx == Tx::None) {
    try {
      return route.handler(ctx);
    } catch (const storage::DatabaseUnavailable& e) {
      spdlog::warn("{} database unavailable: {}", r.request_id, e.what());
      return unavailable(ctx);
    }
  }

  // The pre-session token protects forms used before sign-in.
  std::string presession_name = ctx.cookies_secure() ? "__Host-pw_presession" : std::string(kPresessionCookie);
  if (auto pre = r.cookie(presession_name); pre && pre->size() == 64) ctx.presession_token = *pre;

  // Checked before the database is touched, so a large hostile body costs no
  // time inside a transaction (on SQLite, the one writer's lock).
  const auto bad_text = unacceptable_text(r, route.surface == Surface::Api ? BodyKind::Json : BodyKind::Form);

  Response response;
  std::vector<std::function<void(storage::Connection&)>> leftover;
  try {
    auto lease = database_.acquire();
    ctx.attach(lease.get());
    {
      storage::Transaction tx(*lease, route.tx == Tx::Write ? storage::TxMode::Write : storage::TxMode::Read);
      load_session(ctx);
      if (ctx.surface == Surface::Page && !ctx.session() && ctx.presession_token.empty() && !changes_state(r.method)) {
        ctx.presession_token = accounts::new_token();
        ctx.cookies.push_back(set_cookie_header(presession_name, ctx.presession_token, {ctx.cookies_secure(), true, -1}));
      }
      if (std::string forged = forgery_problem(ctx, route); !forged.empty()) {
        ctx.audit(audit::AuditAction::RequestCheck, std::nullopt, access::Outcome::Refused, forged);
        response = error(ctx, 403, "This request was refused", forged);
      } else if (route.access == Access::SignedIn && !ctx.user()) {
        if (ctx.surface == Surface::Api) {
          response = Response::problem(401, "Sign in required", "Sign in with POST /api/v1/sessions first.");
        } else {
          std::string next = r.path.starts_with("/") && !r.path.starts_with("//") ? r.path : "/";
          response = Response::redirect("/sign-in?next=" + url_encode(next));
        }
      } else if (bad_text) {
        ctx.audit(audit::AuditAction::RequestCheck, std::nullopt, access::Outcome::Refused, bad_text->message);
        response = ctx.surface == Surface::Api
                       ? Response::problem(422, "The request has errors", bad_text->message, {{bad_text->field, bad_text->message}})
                       : error(ctx, 400, "There is a problem with what you sent", bad_text->message + ". Go back, correct it and try again.");
      } else {
        response = route.handler(ctx);
      }
      // A request that succeeded commits with its audit entries; one that was
      // refused or failed leaves nothing of itself but the audit entries.
      if (response.status < 400 && route.tx == Tx::Write) {
        for (auto& write : ctx.pending_writes()) write(*lease);
        tx.commit();
      } else {
        leftover = std::move(ctx.pending_writes());
      }
    }
    if (!leftover.empty()) {
      storage::Transaction tx(*lease, storage::TxMode::Write);
      for (auto& write : leftover) write(*lease);
      tx.commit();
    }
    ctx.attach(nullptr);
    return response;
  } catch (const storage::DatabaseUnavailable& e) {
    ctx.attach(nullptr);
    spdlog::warn("{} database unavailable: {}", r.request_id, e.what());
    return unavailable(ctx);
  } catch (const storage::ConstraintViolation& e) {
    // Checks in the services come first; this is what is left when two requests
    // race past them (the same NHS number twice at once). The transaction has
    // rolled back: answer with the field, never a 500.
    ctx.attach(nullptr);
    // The database's own message can quote the refused values (an NHS number in
    // PostgreSQL's "Key (...)=(...)" detail): log and audit only which rule.
    const std::string rule = "a " + std::string(e.kind == storage::ConstraintViolation::Kind::Unique ? "unique" : "schema") +
                             " rule on " + (e.table.empty() ? std::string("a table") : e.table) +
                             (e.field().empty() ? std::string() : "." + e.field());
    spdlog::warn("{} refused by the database: {}", r.request_id, rule);
    ctx.audit(audit::AuditAction::RequestCheck, std::nullopt, access::Outcome::Refused, "refused by the database: " + rule);
    try {
      // The request's own transaction has rolled back; its audit entries are kept.
      auto lease = database_.acquire();
      storage::Transaction tx(*lease, storage::TxMode::Write);
      for (auto& write : ctx.pending_writes()) write(*lease);
      tx.commit();
    } catch (const std::exception& audit_failure) {
      spdlog::error("{} could not keep the audit entries of a refused write: {}", r.request_id, audit_failure.what());
    }
    return constraint_refusal(ctx, e);
  } catch (const std::exception& e) {
    ctx.attach(nullptr);
    spdlog::error("{} failed: {}", r.request_id, e.what());
    return error(ctx, 500, "Sorry, there is a problem with the service",
                 "Nothing was saved. Try again later. If it keeps happening, quote reference " + r.request_id + ".");
  }
}

}  // namespace patchwork::http
