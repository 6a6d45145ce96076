// Unpaid carers as records of their own: recording one offers a carer's
// assessment (Care Act 2014 s.10), and the carer's answer is recorded later.
// Every look and change is decided by the policy and written in the audit trail.
#include "web/people/carer_pages.hpp"

#include "services/carers_service.hpp"
#include "services/people_service.hpp"
#include "storage/repositories/carers_repository.hpp"
#include "web/forms.hpp"
#include "web/people/person_pages.hpp"
#include "web/routes.hpp"

namespace patchwork::web {

using http::Context;
using http::Method;
using http::Response;
using http::Surface;

void add_carers_to_record(Context& ctx, const people::Person& person, Data& content) {
  const auto id = person.id.text();
  List carers, tasks;
  for (const auto& c : storage::list_carers(ctx.db(), person.council_id, person.id)) {
    std::string assessment = "Carer's assessment offered " + c.assessment_offered_on.display() + ": ";
    if (c.assessment_answer == "accepted") assessment += "accepted " + c.assessment_answered_on.value_or(c.assessment_offered_on).display() + ".";
    else if (c.assessment_answer == "declined") assessment += "declined " + c.assessment_answered_on.value_or(c.assessment_offered_on).display() + ".";
    else assessment += "no answer yet.";
    Object o{{"name", c.name},
             {"relationship", people::label_for(people::carer_relationships(), c.relationship)},
             {"hours", c.hours_per_week == 1 ? std::string("1 hour") : std::to_string(c.hours_per_week) + " hours"},
             {"household", c.lives_with_person ? "Lives with them" : "Lives elsewhere"},
             {"assessment", assessment},
             {"answer_label", c.assessment_answer == "not_yet_answered" ? "Record their answer" : "Change their answer"},
             {"answer_href", "/people/" + id + "/carers/" + std::to_string(c.id) + "/answer"}};
    if (!c.phone.empty()) o["phone"] = c.phone;  // an empty text still opens a mustache section
    carers.push_back(o);
    if (c.assessment_to_arrange())
      tasks.push_back(Object{{"name", c.name}, {"accepted_on", c.assessment_answered_on.value_or(c.assessment_offered_on).display()}});
  }
  if (carers.empty()) content.set("no_carers", true);
  content.set("carers", carers);
  if (!tasks.empty()) content.set("carer_tasks", tasks);
}

namespace {

std::string posted(const Context& ctx, const char* name) { return ctx.request.form_value(name); }

List carer_fields(const Context& ctx, const ErrorMap& e) {
  const bool post = ctx.request.method == Method::Post;
  List l;
  l.push_back(text_field({"name", "Their name", ""}, posted(ctx, "name"), e, "govuk-!-width-one-half"));
  // Nothing chosen until someone chooses: a pre-selected "Wife" would be recorded unread.
  Options relationships{{"", "Choose who they are"}};
  for (const auto& o : code_options(people::carer_relationships())) relationships.push_back(o);
  l.push_back(select_field({"relationship", "Who are they to the person?", ""}, relationships, posted(ctx, "relationship"), e));
  l.push_back(text_field({"hours_per_week", "About how many hours a week do they spend caring?", "Whole hours, from 0 to 168"},
                         posted(ctx, "hours_per_week"), e, "govuk-input--width-3"));
  l.push_back(radios_field({"lives_with_person", "Do they live with the person?", ""}, {{"yes", "Yes"}, {"no", "No"}},
                           posted(ctx, "lives_with_person"), e, true));
  l.push_back(text_field({"phone", "Phone number (optional)", ""}, posted(ctx, "phone"), e, "govuk-input--width-20"));
  l.push_back(text_field({"carer_person_id", "Their own person reference, if they have a record here (optional)",
                          "Only if the carer is someone this council supports too"},
                         posted(ctx, "carer_person_id"), e, "govuk-input--width-10"));
  l.push_back(heading_field("Carer's assessment"));
  l.push_back(date_field({"assessment_offered_on", "When was a carer's assessment offered?",
                          "Every carer is entitled to one. Offer it now if you have not already, and leave today's date."},
                         form_date_value(ctx.request, "assessment_offered_on", CivilDate::today_utc().iso()), e));
  l.push_back(radios_field({"assessment_answer", "What did they say?", ""}, code_options(people::carer_assessment_answers()),
                           post ? posted(ctx, "assessment_answer") : "not_yet_answered", e));
  return l;
}

people::Fields carer_fields_from(const http::Request& r) {
  return {{"name", r.form_value("name")}, {"relationship", r.form_value("relationship")}, {"hours_per_week", r.form_value("hours_per_week")},
          {"lives_with_person", r.form_value("lives_with_person")}, {"phone", r.form_value("phone")},
          {"carer_person_id", r.form_value("carer_person_id")}, {"assessment_offered_on", date_from_form(r, "assessment_offered_on")},
          {"assessment_answer", r.form_value("assessment_answer")}};
}

Response carer_form(Context& ctx, const people::Person& p, const FieldErrors& errors) {
  FormPage form{"Add an unpaid carer", p.full_name(), "Add an unpaid carer",
                "Someone who helps " + p.given_name + " without being paid for it: family, a friend or a neighbour. "
                "Recording them offers them a carer's assessment of their own.",
                ctx.request.path, "Save", "/people/" + p.id.text()};
  form.fields = carer_fields(ctx, error_map(errors));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response new_carer(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  return carer_form(ctx, *person, {});
}

Response create_carer(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  auto added = services::add_carer(ctx.db(), *person, carer_fields_from(ctx.request), ctx.signed_in_user().id, CivilDate::today_utc(),
                                   [&ctx](const people::Person& p) { return ctx.allows(access::Action::ViewPersonRecord, p); });
  if (!added) return carer_form(ctx, *person, added.error());
  const auto* carer = &added->carer;
  if (!added->changes.empty())
    ctx.audit(audit::AuditAction::ChangeCharacteristics, person->id, access::Outcome::Allowed, services::describe_changes(added->changes));
  ctx.audit(audit::AuditAction::AddCarer, person->id, access::Outcome::Allowed,
            "carer " + std::to_string(carer->id) + ", carer's assessment offered " + carer->assessment_offered_on.iso());
  return Response::redirect("/people/" + person->id.text());
}

Response answer_form(Context& ctx, const people::Person& p, const people::Carer& c, const FieldErrors& errors) {
  FormPage form{"Carer's assessment: " + c.name, p.full_name(), "Did " + c.name + " accept a carer's assessment?",
                "Offered " + c.assessment_offered_on.display() + ". If they accept, arranging it becomes a task on " + p.given_name + "'s record.",
                ctx.request.path, "Save their answer", "/people/" + p.id.text()};
  ErrorMap e = error_map(errors);
  const bool post = ctx.request.method == Method::Post;
  Options answers;
  for (const auto& o : code_options(people::carer_assessment_answers()))
    if (o.first != "not_yet_answered") answers.push_back(o);
  form.fields.push_back(radios_field({"assessment_answer", "Their answer", ""}, answers, post ? posted(ctx, "assessment_answer") : "", e));
  form.fields.push_back(date_field({"assessment_answered_on", "When did they answer?", "For example, 27 11 2026"},
                                   form_date_value(ctx.request, "assessment_answered_on", CivilDate::today_utc().iso()), e));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

std::expected<std::pair<people::Person, people::Carer>, Response> carer_of(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::EditPersonRecord);
  if (!person) return std::unexpected(person.error());
  auto id = ctx.request.path_id("carer_id");
  auto carer = id ? storage::find_carer(ctx.db(), person->council_id, person->id, *id) : std::nullopt;
  if (!carer) return std::unexpected(error_page(ctx, 404, "Page not found", "There is no such carer recorded for this person."));
  return std::pair{*person, *carer};
}

Response answer_get(Context& ctx) {
  auto found = carer_of(ctx);
  if (!found) return found.error();
  return answer_form(ctx, found->first, found->second, {});
}

Response answer_post(Context& ctx) {
  auto found = carer_of(ctx);
  if (!found) return found.error();
  auto& [person, carer] = *found;
  people::Fields fields{{"assessment_answer", ctx.request.form_value("assessment_answer")},
                        {"assessment_answered_on", date_from_form(ctx.request, "assessment_answered_on")}};
  if (fields["assessment_answer"].empty()) return answer_form(ctx, person, carer, {{"assessment_answer", "Choose their answer"}});
  auto answered = services::record_carer_assessment_answer(ctx.db(), person, carer.id, fields, CivilDate::today_utc());
  if (!answered) return answer_form(ctx, person, carer, answered.error());
  ctx.audit(audit::AuditAction::RecordCarerAssessmentAnswer, person.id, access::Outcome::Allowed,
            "carer " + std::to_string(carer.id) + ": " + answered->assessment_answer);
  return Response::redirect("/people/" + person.id.text());
}

}  // namespace

void add_carer_pages(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Page, std::move(h)); };
  d.add(Method::Get, "/people/{id}/carers/new", route(new_carer));
  d.add(Method::Post, "/people/{id}/carers/new", route(create_carer));
  d.add(Method::Get, "/people/{id}/carers/{carer_id}/answer", route(answer_get));
  d.add(Method::Post, "/people/{id}/carers/{carer_id}/answer", route(answer_post));
}

}  // namespace patchwork::web
