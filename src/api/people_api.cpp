// /api/v1/people: create, read, update and search people, and the records
// around them (capacity, carers and representatives, the case timeline). Every
// call goes through the policy and into the audit trail.
#include <algorithm>

#include "api/characteristics_api.hpp"
#include "api/json.hpp"
#include "core/text.hpp"
#include "api/routes.hpp"
#include "domain/people/age.hpp"
#include "domain/people/identifiers.hpp"
#include "services/access_service.hpp"
#include "services/people_service.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/person_records_repository.hpp"

namespace patchwork::api {

// A person as JSON, as much of the record as `view` allows: the one projection
// the policy decides (access::person_view). "view" says which projection it is.
json::object person_json(const people::Person& p, access::PersonView view) {
  json::object o{{"id", p.id.value()},
                 {"view", access::person_view_code(view)},
                 {"la_person_unique_identifier", p.id.text()},
                 {"given_name", p.given_name},
                 {"family_name", p.family_name},
                 {"date_of_birth", p.date_of_birth.iso()},
                 {"nhs_number", optional_text(p.nhs_number)}};
  if (const auto* dob = p.date_of_birth.ok() ? &p.date_of_birth : nullptr)
    o["age_band"] = people::age_band_label(people::age_band_on(*dob, CivilDate::today_utc()));
  if (access::shows_contact(view)) {
    o["address_line_1"] = p.address_line_1;
    o["address_line_2"] = p.address_line_2;
    o["town"] = p.town;
    o["postcode"] = optional_text(p.postcode);
    o["phone"] = p.phone;
    o["email"] = p.email;
    o["preferred_contact"] = p.preferred_contact;
    o["languages"] = p.languages;
    o["interpreter_needed"] = p.interpreter_needed;
  }
  if (view == access::PersonView::CareRecord) {
    o["gender"] = p.gender;
    o["ethnicity"] = p.ethnicity;
    o["primary_support_reason"] = p.primary_support_reason;
    o["dementia"] = p.dementia;
    o["visual_impairment"] = p.visual_impairment;
    o["hearing_impairment"] = p.hearing_impairment;
    o["autism_spectrum_disorder_asd"] = p.autism;
    o["has_unpaid_carer"] = p.has_unpaid_carer;
    o["accommodation_status"] = p.accommodation_status;
    o["date_of_death"] = p.date_of_death ? json::value(p.date_of_death->iso()) : json::value(nullptr);
    o["client_type"] = p.client_type;
    o["employment_status"] = p.employment_status;
    o["gp_practice_code"] = optional_text(p.gp_practice_code);
    o["gp_practice_name"] = p.gp_practice_name;
  }
  return o;
}

// The person named by {id}, after the policy allows `action` (audited either
// way), or the refusal as a problem document.
std::expected<people::Person, http::Response> person_for(http::Context& ctx, access::Action action) {
  auto person = ctx.person_for(action);
  if (!person) return std::unexpected(http::Response::problem(person.error().status, person.error().title, person.error().detail));
  return std::move(*person);
}

namespace {

http::Response show(http::Context& ctx) {
  auto seen = ctx.person_to_show();
  if (!seen) return http::Response::problem(seen.error().status, seen.error().title, seen.error().detail);
  return json_response(person_json(seen->person, seen->view));
}

http::Response create(http::Context& ctx) {
  auto decision = ctx.authorize(access::Action::CreatePerson);
  if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  auto check = services::DuplicateCheck::Warn;
  if (auto it = fields->find(services::kConfirmNotDuplicate); it != fields->end()) {
    if (it->second == "true") check = services::DuplicateCheck::ConfirmedDifferent;
    fields->erase(it);
  }
  auto person = services::create_person(ctx.db(), ctx.signed_in_user(), *fields, CivilDate::today_utc(), check);
  if (!person) return validation_problem(person.error());
  ctx.audit(audit::AuditAction::CreatePerson, person->id, access::Outcome::Allowed, "recorded a new person");
  // Only those who may edit the care record create one, so they see all of it.
  auto r = json_response(person_json(*person, access::PersonView::CareRecord), 201);
  r.set_header("Location", "/api/v1/people/" + person->id.text());
  return r;
}

http::Response update(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  auto updated = services::update_person(ctx.db(), *person, *fields, CivilDate::today_utc(), ctx.signed_in_user().id);
  if (!updated) return validation_problem(updated.error());
  if (!updated->changes.empty()) ctx.audit(audit::AuditAction::ChangeCharacteristics, person->id, access::Outcome::Allowed,
                                           services::describe_changes(updated->changes));
  return json_response(person_json(updated->person, access::PersonView::CareRecord));
}

http::Response search(http::Context& ctx) {
  auto decision = ctx.authorize(access::Action::SearchPeople);
  if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
  const auto& user = ctx.signed_in_user();
  const auto& r = ctx.request;
  auto s = services::people_search(user, r.query_value("name"), r.query_value("date_of_birth"), r.query_value("nhs_number"),
                                   r.query_value("postcode"));
  if (!s) return validation_problem(s.error());
  json::array items;
  for (const auto& [p, view] : ctx.list_people(storage::search_people(ctx.db(), user.council_id, *s), "search results"))
    items.push_back(person_json(p, view));
  return json_response(json::object{{"people", std::move(items)}});
}

// GET /api/v1/caseload: the people allocated to the signed-in social worker, or,
// for a team manager, to the social worker named by ?username=. The same list as
// the social worker's home page and a manager's caseload pages, through the same
// policy; the audit trail records each person the list showed.
http::Response caseload(http::Context& ctx) {
  const auto& user = ctx.signed_in_user();
  const auto username = to_lower(trim(ctx.request.query_value("username")));
  std::optional<accounts::User> worker;
  if (username.empty()) {
    auto decision = ctx.authorize(access::Action::SearchPeople);
    if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
    if (user.role != access::Role::SocialWorker)
      return validation_problem({{"username", "Only social workers have a caseload of their own: name the social worker with username"}});
    worker = user;
  } else {
    auto decision = ctx.authorize(access::Action::ViewCaseloads);
    if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
    worker = storage::find_user_by_username(ctx.db(), user.council_id, username);
    if (!worker || worker->role != access::Role::SocialWorker)
      return http::Response::problem(404, "Not found", "There is no social worker with that username in your council.");
  }
  // Each person through the one projection, and audited as listed, as on the pages.
  const auto listed = ctx.list_people(storage::caseload(ctx.db(), user.council_id, worker->id), "the caseload of " + worker->username);
  json::array items;
  for (const auto& [p, view] : listed) items.push_back(person_json(p, view));
  if (listed.empty()) ctx.audit(audit::AuditAction::ViewCaseload, std::nullopt, access::Outcome::Allowed, "the caseload of " + worker->username + " is empty");
  return json_response(json::object{{"social_worker", json::object{{"username", worker->username}, {"name", worker->display_name}}},
                                    {"people", std::move(items)}});
}

// --- capacity, relationships, timeline ---

json::object capacity_json(const people::CapacityAssessment& a) {
  return {{"id", a.id}, {"decision_kind", a.decision_kind}, {"decision", a.decision}, {"assessed_on", a.assessed_on.iso()}, {"outcome", a.outcome},
          {"assessed_by", a.assessed_by}, {"review_on", optional_date(a.review_on)}, {"notes", a.notes}};
}
json::object relationship_json(const people::Relationship& r) {
  return {{"id", r.id}, {"name", r.name}, {"role", r.role}, {"basis", r.basis}, {"recorded_on", r.recorded_on.iso()},
          {"phone", r.phone}, {"user_id", optional_id(r.user_id)}, {"access_scope", r.access_scope}};
}
json::object relationship_json(const services::RelationshipWithScope& r) {
  auto o = relationship_json(r.relationship);
  const auto& s = r.derived.scope;
  // Derived now from the role, the basis and the person's capacity; never stored.
  o["scope"] = json::object{{"view", s.view}, {"act_on_care", s.act_on_care}, {"act_on_money", s.act_on_money}};
  json::array why;
  for (const auto& reason : r.derived.reasons) why.push_back(json::value(r.relationship.name + " " + reason));
  o["scope_reasons"] = std::move(why);
  return o;
}
json::object event_json(const people::CaseEvent& e) {
  return {{"id", e.id}, {"event_type", e.event_type}, {"event_start_date", e.start_date.iso()}, {"event_end_date", optional_date(e.end_date)},
          {"event_description", e.description}, {"event_outcome", optional_text(e.outcome)},
          {"request_route_of_access", optional_text(e.route_of_access)}, {"referral_source", optional_text(e.referral_source)},
          {"assessment_type", optional_text(e.assessment_type)}, {"method_of_assessment", optional_text(e.method_of_assessment)},
          {"service_type", optional_text(e.service_type)},
          {"superseded_by", e.superseded_by ? json::value(*e.superseded_by) : json::value(nullptr)}};
}

// Adds a record to the person through its service (`record`), which checks it
// and writes it; the same service the pages use.
template <typename Record, typename ToJson>
http::Response add_record(http::Context& ctx, audit::AuditAction action,
                          Result<Record> (*record)(storage::Connection&, const people::Person&, const people::Fields&,
                                                   std::optional<UserId>, CivilDate),
                          ToJson to_json) {
  auto person = person_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  auto added = record(ctx.db(), *person, *fields, ctx.signed_in_user().id, CivilDate::today_utc());
  if (!added) return validation_problem(added.error());
  ctx.audit(action, person->id, access::Outcome::Allowed, "added to the person's record");
  return json_response(to_json(*added), 201);
}

template <typename List, typename ToJson>
http::Response list_records(http::Context& ctx, const char* key, List list, ToJson to_json) {
  auto person = person_for(ctx, access::Action::ViewPersonRecord);
  if (!person) return person.error();
  json::array items;
  for (const auto& r : list(ctx.db(), person->council_id, person->id)) items.push_back(to_json(r));
  return json_response(json::object{{key, std::move(items)}});
}

// A carer or representative. With "username", their Patchwork account is linked;
// what it may do is derived from the role, the basis and the person's capacity
// (people::representative_scope), and shown with why in "scope_reasons".
http::Response add_relationship(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  std::string username;
  if (auto it = fields->find("username"); it != fields->end()) {
    username = to_lower(trim(it->second));
    fields->erase(it);
  }
  auto rel = services::add_relationship(ctx.db(), *person, *fields, username, ctx.signed_in_user().id, CivilDate::today_utc());
  if (!rel) return validation_problem(rel.error());
  ctx.audit(audit::AuditAction::AddRelationship, person->id, access::Outcome::Allowed,
            rel->user_id ? "linked representative account " + username + " as " + rel->role + " (" + rel->basis + ")"
                         : "recorded a carer or representative");
  auto assessments = storage::list_capacity(ctx.db(), person->council_id, person->id);
  return json_response(relationship_json(services::RelationshipWithScope{
                           *rel, people::representative_scope(*rel, assessments, CivilDate::today_utc(), person->given_name)}),
                       201);
}

// Whom a give or withdraw request is for, said explicitly: {"for": "person"}
// for the person themself, or {"relationship_id": N} for a carer or
// representative on their record. Nothing is assumed from a missing, null or
// misspelt member: once a missing id silently made the person's own account.
// `also` lists the other members the request may carry.
std::expected<std::optional<std::int64_t>, FieldErrors> access_target(const json::object& body, std::initializer_list<std::string_view> also) {
  FieldErrors errors;
  for (const auto& [key, value] : body) {
    if (key == "for" || key == "relationship_id" || std::find(also.begin(), also.end(), std::string_view(key)) != also.end()) {
      if (value.is_null()) errors.push_back({std::string(key), "Give a value for " + std::string(key) + ", or leave it out"});
      continue;
    }
    errors.push_back({clip_utf8(key, 64), "There is no member called " + clip_utf8(key, 64) + ": say \"for\": \"person\" or give \"relationship_id\""});
  }
  if (!errors.empty()) return std::unexpected(errors);
  const json::value* for_value = body.if_contains("for");
  const json::value* rid = body.if_contains("relationship_id");
  if (for_value && rid) return std::unexpected(FieldErrors{{"for", "Give either \"for\": \"person\" or \"relationship_id\", not both"}});
  if (for_value) {
    if (!for_value->is_string() || for_value->as_string() != "person")
      return std::unexpected(FieldErrors{{"for", "\"for\" must be \"person\" (the person themself); for a carer or representative, give \"relationship_id\""}});
    return std::optional<std::int64_t>{};
  }
  if (!rid) return std::unexpected(FieldErrors{{"for", "Say whom this is for: \"for\": \"person\" for the person themself, or \"relationship_id\" "
                                                       "for a carer or representative on their record"}});
  std::optional<std::int64_t> id;
  if (rid->is_int64() && rid->as_int64() > 0) id = rid->as_int64();
  else if (rid->is_uint64() && rid->as_uint64() <= std::uint64_t(INT64_MAX) && rid->as_uint64() > 0) id = std::int64_t(rid->as_uint64());
  else if (rid->is_string()) id = parse_id(std::string_view(rid->as_string()));
  if (!id) return std::unexpected(FieldErrors{{"relationship_id", "Give the id of a carer or representative on the person's record: a whole number, like 4"}});
  return id;
}

std::string refusal_reason(const FieldErrors& errors) {
  std::string out;
  for (const auto& e : errors) out += (out.empty() ? "" : "; ") + e.field + ": " + e.message;
  return clip_utf8(out, 500);
}

// Gives a representative recorded on the person's record ("relationship_id"),
// or the person themself ("for": "person"), an account and a one-time setup
// code, as the page does; or a new code for their account when it has never
// been set up. The code is in this answer only: it is never stored in words, so
// it cannot be fetched again.
http::Response give_access(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  auto body = body_object(ctx.request);
  if (!body) return body.error();
  auto refused = [&](const FieldErrors& errors) {
    ctx.audit(audit::AuditAction::GiveAccess, person->id, access::Outcome::Refused, refusal_reason(errors));
    return validation_problem(errors);
  };
  auto target = access_target(*body, {"username"});
  if (!target) return refused(target.error());
  FieldErrors errors;
  auto username = string_member(*body, "username", errors);
  if (!errors.empty()) return refused(errors);
  auto given = services::give_access(ctx.db(), *person, ctx.signed_in_user(), *target, username.value_or(""),
                                     ctx.settings.hash_strength, CivilDate::today_utc());
  if (!given) return refused(given.error());
  ctx.audit(audit::AuditAction::GiveAccess, person->id, access::Outcome::Allowed,
            (given->new_code ? "made a new setup code (the earlier one no longer works) for the " : "made the ") +
                std::string(access::role_code(given->user.role)) + " account " + given->user.username + " for " + given->for_name +
                (given->new_code ? ", not yet set up; it expires " : ", with a setup code that expires ") + given->expires_at);
  return json_response(json::object{{"username", given->user.username}, {"role", access::role_code(given->user.role)},
                                    {"name", given->for_name}, {"new_code", given->new_code}, {"setup_code", given->setup_code},
                                    {"expires_at", given->expires_at}, {"use_by", given->use_by.iso()}, {"what_they_may_do", [&] {
                                       json::array why;
                                       for (const auto& r : given->reasons) why.push_back(json::value(given->for_name + " " + r));
                                       return why;
                                     }()}},
                       given->new_code ? 200 : 201);
}

// Withdraws access given from the record: the link ends, unused setup codes stop
// working, and an account left with nothing to do is closed (services::withdraw_access).
http::Response withdraw_access(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  auto body = body_object(ctx.request);
  if (!body) return body.error();
  auto refused = [&](const FieldErrors& errors) {
    ctx.audit(audit::AuditAction::WithdrawAccess, person->id, access::Outcome::Refused, refusal_reason(errors));
    return validation_problem(errors);
  };
  auto target = access_target(*body, {});
  if (!target) return refused(target.error());
  auto withdrawn = services::withdraw_access(ctx.db(), *person, *target);
  if (!withdrawn) return refused(withdrawn.error());
  ctx.audit(audit::AuditAction::WithdrawAccess, person->id, access::Outcome::Allowed, services::withdrawal_reason(*withdrawn));
  return json_response(json::object{{"username", withdrawn->user.username}, {"name", withdrawn->for_name},
                                    {"account_closed", withdrawn->account_closed}});
}

http::Response workers(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ViewPersonRecord);
  if (!person) return person.error();
  json::array items;
  for (const auto& w : storage::allocated_workers(ctx.db(), person->council_id, person->id))
    items.push_back({{"user_id", w.user_id.value()}, {"username", w.username}, {"name", w.name}});
  return json_response(json::object{{"workers", std::move(items)}});
}

http::Response change_workers(http::Context& ctx, services::Allocation change) {
  auto person = person_for(ctx, access::Action::AllocateWorker);
  if (!person) return person.error();
  auto body = body_object(ctx.request);
  if (!body) return body.error();
  FieldErrors errors;
  auto username = string_member(*body, "username", errors);
  if (!errors.empty()) return validation_problem(errors);
  auto worker = services::change_worker_allocation(ctx.db(), *person, username.value_or(""), change);
  if (!worker) return validation_problem(worker.error());
  ctx.audit(change == services::Allocation::Allocate ? audit::AuditAction::AllocateWorker : audit::AuditAction::DeallocateWorker, person->id, access::Outcome::Allowed,
            worker->username);
  return workers(ctx);
}

}  // namespace

void add_people_api(http::Dispatcher& d) {
  using http::Access;
  using http::Method;
  using http::Surface;
  using http::Tx;
  d.add(Method::Get, "/api/v1/people", {search, Surface::Api, Access::SignedIn, Tx::Write});
  d.add(Method::Get, "/api/v1/caseload", {caseload, Surface::Api, Access::SignedIn, Tx::Write});
  d.add(Method::Post, "/api/v1/people", {create, Surface::Api, Access::SignedIn, Tx::Write});
  d.add(Method::Get, "/api/v1/people/{id}", {show, Surface::Api, Access::SignedIn, Tx::Write});
  d.add(Method::Patch, "/api/v1/people/{id}", {update, Surface::Api, Access::SignedIn, Tx::Write});
  d.add(Method::Get, "/api/v1/people/{id}/characteristics", {person_characteristics, Surface::Api, Access::SignedIn, Tx::Write});
  d.add(Method::Get, "/api/v1/people/{id}/workers", {workers, Surface::Api, Access::SignedIn, Tx::Write});
  d.add(Method::Post, "/api/v1/people/{id}/access", {give_access, Surface::Api, Access::SignedIn, Tx::Write});
  d.add(Method::Post, "/api/v1/people/{id}/access/withdraw", {withdraw_access, Surface::Api, Access::SignedIn, Tx::Write});
  d.add(Method::Post, "/api/v1/people/{id}/workers",
        {[](http::Context& c) { return change_workers(c, services::Allocation::Allocate); }, Surface::Api, Access::SignedIn, Tx::Write});
  d.add(Method::Delete, "/api/v1/people/{id}/workers",
        {[](http::Context& c) { return change_workers(c, services::Allocation::Remove); }, Surface::Api, Access::SignedIn, Tx::Write});
  d.add(Method::Get, "/api/v1/people/{id}/capacity-assessments",
        {[](http::Context& c) { return list_records(c, "capacity_assessments", storage::list_capacity, capacity_json); },
         Surface::Api, Access::SignedIn, Tx::Write});
  d.add(Method::Post, "/api/v1/people/{id}/capacity-assessments",
        {[](http::Context& c) {
           return add_record<people::CapacityAssessment>(c, audit::AuditAction::AddCapacityAssessment, services::record_capacity_assessment,
                                                         capacity_json);
         },
         Surface::Api, Access::SignedIn, Tx::Write});
  d.add(Method::Get, "/api/v1/people/{id}/relationships",
        {[](http::Context& c) {
           return list_records(c, "relationships",
                               [](storage::Connection& db, CouncilId council_id, PersonId person_id) {
                                 auto person = storage::find_person(db, council_id, person_id);
                                 return person ? services::relationships_with_scope(db, *person, CivilDate::today_utc())
                                               : std::vector<services::RelationshipWithScope>{};
                               },
                               [](const services::RelationshipWithScope& r) { return relationship_json(r); });
         },
         Surface::Api, Access::SignedIn, Tx::Write});
  d.add(Method::Post, "/api/v1/people/{id}/relationships", {add_relationship, Surface::Api, Access::SignedIn, Tx::Write});
  d.add(Method::Get, "/api/v1/people/{id}/events",
        {[](http::Context& c) { return list_records(c, "events", storage::list_case_events, event_json); },
         Surface::Api, Access::SignedIn, Tx::Write});
  d.add(Method::Post, "/api/v1/people/{id}/events",
        {[](http::Context& c) {
           return add_record<people::CaseEvent>(c, audit::AuditAction::AddCaseEvent, services::record_case_event, event_json);
         },
         Surface::Api, Access::SignedIn, Tx::Write});
}

}  // namespace patchwork::api
