// Finding a person and opening their record. Every look is decided by the
// policy and written in the audit trail, allowed or refused.
#include <charconv>

#include "storage/repositories/people_repository.hpp"
#include "web/people/person_view.hpp"
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

std::optional<std::int64_t> id_param(const Context& ctx, std::string_view name) {
  auto it = ctx.request.path_params.find(name);
  if (it == ctx.request.path_params.end()) return std::nullopt;
  std::int64_t id = 0;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), id);
  if (ec != std::errc() || p != it->second.data() + it->second.size() || id <= 0) return std::nullopt;
  return id;
}

Response find_person(Context& ctx) {
  auto decision = ctx.authorize(access::Action::SearchPeople);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot search people's records", decision.reason);
  const auto& user = ctx.signed_in_user();
  Data content;
  auto q = ctx.request.query.find("name");
  std::string name = q == ctx.request.query.end() ? std::string() : trim(q->second);
  content.set("name", name);
  if (user.role == access::Role::SocialWorker) content.set("caseload_only", true);
  if (q != ctx.request.query.end()) {
    if (name.size() < 2) {
      add_errors(content, {{"name", "Enter at least 2 letters of the person's name"}});
    } else {
      auto found = user.role == access::Role::SocialWorker
                       ? storage::search_caseload(ctx.db(), user.council_id, user.id, name, 50)
                       : storage::search_council_people(ctx.db(), user.council_id, name, 50);
      content.set("searched", true);
      content.set("people", people_list(found, "People found", "No one matches that name."));
    }
  }
  return page(ctx, "people/find", content, "Find a person");
}

Response person_record(Context& ctx) {
  auto id = id_param(ctx, "id");
  auto person = id ? storage::find_person(ctx.db(), *id) : std::nullopt;
  if (!person) return error_page(ctx, 404, "Page not found", "There is no person with that reference.");
  // A finance officer sees who the person is (for payments) but not their care record.
  const bool finance = ctx.signed_in_user().role == access::Role::FinanceOfficer;
  auto decision = ctx.authorize(finance ? access::Action::ViewFinance : access::Action::ViewPersonRecord, *person);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot see this record", "You are not working with this person.");
  Data content = person_summary(*person);
  if (finance) content.set("identity_only", true);
  return page(ctx, "people/record", content, person->full_name());
}

}  // namespace

void add_people_pages(http::Dispatcher& d) {
  d.add(Method::Get, "/people", {find_person, Surface::Page, Access::SignedIn, Tx::Write});
  d.add(Method::Get, "/people/{id}", {person_record, Surface::Page, Access::SignedIn, Tx::Write});
}

}  // namespace patchwork::web
