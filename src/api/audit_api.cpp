// GET /api/v1/audit: the audit trail for administrators, filtered like the page.
#include "api/json.hpp"
#include "api/routes.hpp"
#include "domain/audit/audit_query.hpp"
#include "storage/repositories/audit_repository.hpp"

namespace patchwork::api {
namespace {

http::Response search(http::Context& ctx) {
  auto decision = ctx.authorize(access::Action::ViewAuditLog);
  if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
  auto query = audit::audit_query_from(ctx.request.query, ctx.signed_in_user().council_id);
  if (!query) return validation_problem(query.error());
  json::array items;
  for (const auto& e : storage::search_audit(ctx.db(), *query)) {
    json::object o{{"id", e.id}, {"occurred_at", e.occurred_at}, {"username", e.username}, {"action", e.action},
                   {"outcome", e.outcome}, {"reason", e.reason}, {"request_id", e.request_id}, {"address", e.address}};
    o["user_id"] = e.user_id ? json::value(*e.user_id) : json::value(nullptr);
    o["role"] = e.role ? json::value(*e.role) : json::value(nullptr);
    o["person_id"] = e.person_id ? json::value(*e.person_id) : json::value(nullptr);
    items.push_back(std::move(o));
  }
  return json_response(json::object{{"entries", std::move(items)}, {"limit", query->limit}, {"offset", query->offset}});
}

}  // namespace

void add_audit_api(http::Dispatcher& d) {
  d.add(http::Method::Get, "/api/v1/audit", {search, http::Surface::Api, http::Access::SignedIn, http::Tx::Write});
}

}  // namespace patchwork::api
