// The audit trail search and the list of accounts, for administrators.
#include <charconv>

#include "core/date.hpp"
#include "core/text.hpp"
#include "domain/audit/audit_query.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/audit_repository.hpp"
#include "web/render.hpp"
#include "web/routes.hpp"

namespace patchwork::web {
namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;
using http::Surface;
using http::Tx;

}  // namespace

namespace {

Response audit_search(Context& ctx) {
  auto decision = ctx.authorize(access::Action::ViewAuditLog);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot see the audit trail", decision.reason);
  Data content;
  for (auto key : {"person_id", "username", "from", "to"}) content.set(key, ctx.request.query_value(key));
  auto query = audit::audit_query_from(ctx.request.query, ctx.signed_in_user().council_id);
  if (!query) {
    add_errors(content, query.error());
    return page(ctx, "admin/audit", content, "Audit trail");
  }
  List rows;
  auto entries = storage::search_audit(ctx.db(), *query);
  for (const auto& e : entries) {
    Object row{{"when", e.occurred_at.substr(0, 10) + " " + e.occurred_at.substr(11, 8)},
               {"username", e.username},
               {"action", e.action},
               {"person_id", e.person_id ? std::to_string(*e.person_id) : std::string("–")},
               {"outcome", e.outcome},
               {"reason", e.reason}};
    if (e.outcome == "refused") row["refused"] = Data(true);
    rows.push_back(row);
  }
  content.set("entries", rows);
  content.set("count", std::to_string(entries.size()));
  if (entries.empty()) content.set("none", true);
  int page_number = query->offset / query->limit + 1;
  if (int(entries.size()) == query->limit) {
    content.set("next_page", std::to_string(page_number + 1));
  }
  return page(ctx, "admin/audit", content, "Audit trail");
}

Response accounts(Context& ctx) {
  auto decision = ctx.authorize(access::Action::ManageUsers);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot see accounts", decision.reason);
  List rows;
  for (const auto& u : storage::list_users(ctx.db(), ctx.signed_in_user().council_id)) {
    rows.push_back(Object{{"username", u.username}, {"display_name", u.display_name},
                          {"role", std::string(access::role_name(u.role))}, {"status", u.active ? "Active" : "Disabled"},
                          {"id", u.id.text()}, {"work_phone", storage::work_phone(ctx.db(), u.council_id, u.id)}});
  }
  Data content;
  content.set("users", rows);
  content.set("csrf_token", ctx.csrf_token());
  return page(ctx, "admin/users", content, "Accounts");
}

// A worker's phone number, printed in the decision letters they sign, so the
// person knows whom to call (and how to ask for a review).
Response set_phone(Context& ctx) {
  auto decision = ctx.authorize(access::Action::ManageUsers);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot change accounts", decision.reason);
  auto council = ctx.signed_in_user().council_id;
  auto id = ctx.request.path_id("user_id");
  auto user = id ? storage::find_user(ctx.db(), council, UserId{*id}) : std::nullopt;
  if (!user) return error_page(ctx, 404, "Page not found", "There is no such account in this council.");
  std::string phone = trim(ctx.request.form_value("work_phone"));
  if (auto problem = accounts::work_phone_problem(phone); !problem.empty())
    return error_page(ctx, 422, "The phone number was not saved", "Work phone: " + problem);
  storage::set_work_phone(ctx.db(), council, user->id, phone);
  ctx.audit(audit::AuditAction::SetWorkPhone, std::nullopt, access::Outcome::Allowed, "user " + user->username);
  return Response::redirect("/users");
}

}  // namespace

void add_admin_pages(http::Dispatcher& d) {
  d.add(Method::Get, "/audit", {audit_search, Surface::Page, Access::SignedIn, Tx::Write});
  d.add(Method::Get, "/users", {accounts, Surface::Page, Access::SignedIn, Tx::Write});
  d.add(Method::Post, "/users/{user_id}/phone", {set_phone, Surface::Page, Access::SignedIn, Tx::Write});
}

}  // namespace patchwork::web
