// /api/v1/people/{id}/carers: unpaid carers as linked records, with the offer
// of a carer's assessment (Care Act 2014 s.10) and the carer's answer. Role and
// relationship are checked as for every record of a person, and audited.
#include "api/json.hpp"
#include "api/routes.hpp"
#include "services/carers_service.hpp"
#include "services/people_service.hpp"
#include "storage/repositories/carers_repository.hpp"

namespace patchwork::api {

std::expected<people::Person, http::Response> person_for(http::Context& ctx, access::Action action);

json::object carer_json(const people::Carer& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"relationship", c.relationship},
          {"hours_per_week", c.hours_per_week},
          {"lives_with_person", c.lives_with_person},
          {"carer_person_id", optional_id(c.carer_person_id)},
          {"phone", c.phone},
          {"assessment_offered_on", c.assessment_offered_on.iso()},
          {"assessment_answer", c.assessment_answer},
          {"assessment_answered_on", optional_date(c.assessment_answered_on)},
          // An accepted offer is something the council now has to do.
          {"assessment_to_arrange", c.assessment_to_arrange()}};
}

namespace {

http::Response list(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ViewPersonRecord);
  if (!person) return person.error();
  json::array items;
  for (const auto& c : storage::list_carers(ctx.db(), person->council_id, person->id)) items.push_back(carer_json(c));
  return json_response(json::object{{"carers", std::move(items)}});
}

http::Response add(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  auto added = services::add_carer(ctx.db(), *person, *fields, ctx.signed_in_user().id, CivilDate::today_utc(),
                                   [&ctx](const people::Person& p) { return ctx.allows(access::Action::ViewPersonRecord, p); });
  if (!added) return validation_problem(added.error());
  const auto* carer = &added->carer;
  if (!added->changes.empty())
    ctx.audit(audit::AuditAction::ChangeCharacteristics, person->id, access::Outcome::Allowed, services::describe_changes(added->changes));
  ctx.audit(audit::AuditAction::AddCarer, person->id, access::Outcome::Allowed,
            "carer " + std::to_string(carer->id) + ", carer's assessment offered " + carer->assessment_offered_on.iso());
  auto r = json_response(carer_json(*carer), 201);
  r.set_header("Location", "/api/v1/people/" + person->id.text() + "/carers/" + std::to_string(carer->id));
  return r;
}

http::Response show(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ViewPersonRecord);
  if (!person) return person.error();
  auto id = ctx.request.path_id("carer_id");
  auto carer = id ? storage::find_carer(ctx.db(), person->council_id, person->id, *id) : std::nullopt;
  if (!carer) return http::Response::problem(404, "Not found", "There is no such carer recorded for this person.");
  return json_response(carer_json(*carer));
}

// PATCH: the carer's answer to the offer (assessment_answer, assessment_answered_on).
http::Response answer(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  auto id = ctx.request.path_id("carer_id");
  if (!id || !storage::find_carer(ctx.db(), person->council_id, person->id, *id))
    return http::Response::problem(404, "Not found", "There is no such carer recorded for this person.");
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  FieldErrors unknown;
  for (const auto& [k, v] : *fields)
    if (k != "assessment_answer" && k != "assessment_answered_on")
      unknown.push_back({k, "Only the carer's answer to the offer of an assessment (assessment_answer, assessment_answered_on) can be changed"});
  if (!unknown.empty()) return validation_problem(unknown);
  auto carer = services::record_carer_assessment_answer(ctx.db(), *person, *id, *fields, CivilDate::today_utc());
  if (!carer) return validation_problem(carer.error());
  ctx.audit(audit::AuditAction::RecordCarerAssessmentAnswer, person->id, access::Outcome::Allowed,
            "carer " + std::to_string(carer->id) + ": " + carer->assessment_answer);
  return json_response(carer_json(*carer));
}

}  // namespace

void add_carers_api(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(http::Surface::Api, std::move(h)); };
  d.add(http::Method::Get, "/api/v1/people/{id}/carers", route(list));
  d.add(http::Method::Post, "/api/v1/people/{id}/carers", route(add));
  d.add(http::Method::Get, "/api/v1/people/{id}/carers/{carer_id}", route(show));
  d.add(http::Method::Patch, "/api/v1/people/{id}/carers/{carer_id}", route(answer));
}

}  // namespace patchwork::api
