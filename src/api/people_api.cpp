// /api/v1/people: a person's record, through the policy and the audit trail.
#include "api/json.hpp"
#include "api/routes.hpp"
#include "storage/repositories/people_repository.hpp"

namespace patchwork::api {
namespace {

json::object person_json(const people::Person& p) {
  json::object o{{"id", p.id}, {"given_name", p.given_name}, {"family_name", p.family_name}, {"date_of_birth", p.date_of_birth}};
  o["nhs_number"] = p.nhs_number ? json::value(*p.nhs_number) : json::value(nullptr);
  o["postcode"] = p.postcode ? json::value(*p.postcode) : json::value(nullptr);
  return o;
}

http::Response show(http::Context& ctx) {
  auto id = id_param(ctx, "id");
  auto person = id ? storage::find_person(ctx.db(), *id) : std::nullopt;
  if (!person) return http::Response::problem(404, "Not found", "There is no person with that id.");
  auto decision = ctx.authorize(access::Action::ViewPersonRecord, *person);
  if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
  return json_response(person_json(*person));
}

}  // namespace

void add_people_api(http::Dispatcher& d) {
  d.add(http::Method::Get, "/api/v1/people/{id}", {show, http::Surface::Api, http::Access::SignedIn, http::Tx::Write});
}

}  // namespace patchwork::api
