// Finding, recording and changing a person, and the records around them:
// capacity, carers and representatives, the case timeline. Every look and change
// is decided by the policy and written in the audit trail.
#include "core/date.hpp"
#include "core/money.hpp"
#include "domain/people/codes.hpp"
#include "domain/people/identifiers.hpp"
#include "domain/people/national.hpp"
#include "domain/people/records.hpp"
#include "services/people_service.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/assessment_repository.hpp"
#include "storage/repositories/characteristics_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/person_records_repository.hpp"
#include "storage/repositories/recovery_repository.hpp"
#include "web/forms.hpp"
#include "web/people/carer_pages.hpp"
#include "web/people/person_pages.hpp"
#include "web/people/person_view.hpp"
#include "web/render.hpp"
#include "web/routes.hpp"

namespace patchwork::web {

using http::Access;
using http::Context;
using http::Method;
using http::Response;
using http::Surface;
using http::Tx;

Response refusal_page(Context& ctx, const Context::Refusal& refusal) {
  if (refusal.status == 404) return error_page(ctx, 404, "Page not found", "There is no person with that reference.");
  return error_page(ctx, refusal.status, "You cannot do this", "You are not working with this person in a way that allows it.");
}

std::expected<people::Person, Response> person_page_for(Context& ctx, access::Action action) {
  auto person = ctx.person_for(action);
  if (!person) return std::unexpected(refusal_page(ctx, person.error()));
  return std::move(*person);
}

Options code_options(const people::CodeList& list) {
  Options o;
  for (const auto& c : list) o.emplace_back(std::string(c.value), std::string(c.label));
  return o;
}

bool may_on(Context& ctx, access::Action action, const people::Person& p) { return ctx.allows(action, p); }

namespace {

// --- find ---

Response find_person(Context& ctx) {
  auto decision = ctx.authorize(access::Action::SearchPeople);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot search people's records", decision.reason);
  const auto& user = ctx.signed_in_user();
  Data content;
  const auto& r = ctx.request;
  std::string name = r.query_value("name"), dob = r.query_value("date_of_birth"), nhs = r.query_value("nhs_number"),
              postcode = r.query_value("postcode");
  content.set("name", name);
  content.set("date_of_birth", dob);
  content.set("nhs_number", nhs);
  content.set("postcode", postcode);
  if (user.role == access::Role::SocialWorker) content.set("caseload_only", true);
  if (user.role == access::Role::SocialWorker || user.role == access::Role::TeamManager) content.set("may_create", true);
  if (r.query.empty()) return page(ctx, "people/find", content, "Find a person");
  auto s = services::people_search(user, name, dob, nhs, postcode);
  if (!s) {
    add_errors(content, s.error());
  } else {
    content.set("searched", true);
    content.set("people", people_list(ctx.list_people(storage::search_people(ctx.db(), user.council_id, *s), "search results"),
                                      "People found", "No one matches."));
  }
  return page(ctx, "people/find", content, "Find a person");
}

// --- record ---

Response person_record(Context& ctx) {
  // What the user sees is the one projection the policy decides: a finance
  // officer who the person is (for payments), a provider how to reach them, and
  // the care record only those working with the person in that way.
  auto seen = ctx.person_to_show();
  if (!seen) return refusal_page(ctx, seen.error());
  const auto view = seen->view;
  const auto* person = &seen->person;
  Data content = person_details(*person, view);
  // End of support (docs/money.md "End of support and recovery"): said first, gently, to everyone who sees the person.
  if (auto end = storage::find_support_end(ctx.db(), person->council_id, person->id))
    content.set("support_end", Object{{"words", recovery::end_words(*end, person->full_name())},
                                      {"href", "/people/" + person->id.text() + "/end-of-support"}});
  else if (may_on(ctx, access::Action::RecordEndOfSupport, *person))
    content.set("end_href", "/people/" + person->id.text() + "/end-of-support");
  if (view == access::PersonView::Identity || view == access::PersonView::Contact) {
    content.set(view == access::PersonView::Identity ? "identity_only" : "contact_only", true);
    // An engaged provider sees the plan it helps to deliver (docs/providers.md).
    if (view == access::PersonView::Contact && may_on(ctx, access::Action::ViewPlan, *person)) content.set("may_see_plans", true);
    return page(ctx, "people/record", content, person->full_name());
  }
  content.set("care_record", true);
  auto& db = ctx.db();
  const auto id = person->id.text();
  if (may_on(ctx, access::Action::EditPersonRecord, *person)) content.set("may_edit", true);
  if (may_on(ctx, access::Action::CompleteSelfAssessment, *person)) content.set("may_assess", true);
  if (may_on(ctx, access::Action::ViewPlan, *person)) content.set("may_see_plans", true);
  List workers;
  for (const auto& w : storage::allocated_workers(db, person->council_id, person->id))
    workers.push_back(Object{{"name", w.name}, {"username", w.username}});
  content.set("workers", workers);
  if (workers.empty()) content.set("no_workers", true);
  if (may_on(ctx, access::Action::AllocateWorker, *person)) {
    Options choices;
    for (const auto& u : storage::list_users(db, person->council_id))
      if (u.role == access::Role::SocialWorker && u.active) choices.emplace_back(u.username, u.display_name);
    content.set("may_allocate", true);
    content.set("worker_field", select_field({"username", "Allocate a social worker", ""}, choices, "", {}));
    if (!workers.empty()) content.set("may_remove", true);
  }
  if (may_on(ctx, access::Action::ConfirmEligibility, *person)) content.set("may_decide", true);
  if (may_on(ctx, access::Action::ViewBudget, *person)) content.set("budgets_href", "/people/" + id + "/budgets");

  // The characteristics figures are split by, with the dates each change took effect.
  List history;
  for (const auto& h : storage::characteristic_history(db, person->council_id, person->id))
    history.push_back(Object{{"what", std::string(people::characteristic_label(h.characteristic))},
                             {"value", people::display_value(h.characteristic, h.value)},
                             {"from", h.effective_from.display()},
                             {"by", h.recorded_by ? (h.recorded_by_name.empty() ? std::string("A former account") : h.recorded_by_name)
                                                  : std::string("Not named: already on the record")},
                             {"on", display_date(h.recorded_at.substr(0, 10))}});
  content.set("characteristics_history", history);
  if (history.empty()) content.set("no_characteristics_history", true);

  List capacity;
  for (const auto& c : storage::list_capacity(db, person->council_id, person->id)) {
    const std::string kind = people::label_for(people::capacity_decision_kinds(), c.decision_kind);
    Object o{{"decision", c.decision_kind == "other" || c.decision.empty() ? (c.decision.empty() ? kind : c.decision) : kind + ": " + c.decision},
             {"outcome", people::label_for(people::capacity_outcomes(), c.outcome)},
             {"assessed_on", c.assessed_on.display()},
             {"assessed_by", c.assessed_by}};
    if (c.review_on) o["review_on"] = c.review_on->display();
    capacity.push_back(o);
  }
  content.set("capacity", capacity);
  if (capacity.empty()) content.set("no_capacity", true);

  List relationships;
  const bool may_give_access = may_on(ctx, access::Action::EditPersonRecord, *person);
  for (const auto& [r, derived] : services::relationships_with_scope(db, *person, CivilDate::today_utc())) {
    // What they may do, derived today from the role, the basis and capacity, with why.
    List why;
    for (const auto& reason : derived.reasons) why.push_back(Object{{"reason", r.name + " " + reason + "."}});
    Object o{{"name", r.name}, {"role", people::relationship_role_label(r.role)},
             {"basis", people::label_for(people::relationship_bases(), r.basis)}, {"phone", r.phone},
             {"access", r.user_id ? "Has a Patchwork account" : "No Patchwork account"}, {"why", Data(why)}};
    // An account never set up may be given a new code (a lost or stolen letter);
    // any account may be withdrawn (docs/representatives.md).
    const bool awaiting = r.user_id && storage::never_set_up(db, person->council_id, *r.user_id);
    if (awaiting) o["access"] = "Has a Patchwork account, not yet set up";
    if (may_give_access && (!r.user_id || awaiting) && derived.scope.any()) {
      o["give_access_href"] = "/people/" + id + "/access/new?relationship=" + std::to_string(r.id);
      o["give_access_label"] = awaiting ? "Make a new setup code for " + r.name : "Give " + r.name + " access to Patchwork";
    }
    if (may_give_access && r.user_id) o["withdraw_access_href"] = "/people/" + id + "/access/withdraw?relationship=" + std::to_string(r.id);
    relationships.push_back(o);
  }
  content.set("relationships", relationships);
  if (may_give_access) {
    auto own = storage::budget_holder_account(db, person->council_id, person->id);
    if (!own || storage::never_set_up(db, person->council_id, own->id)) {
      content.set("give_own_access_href", "/people/" + id + "/access/new?for=person");
      content.set("give_own_access_label", own ? "Make a new setup code for " + person->given_name + "'s own account (" + own->username + ")"
                                               : "Give " + person->given_name + " their own access to Patchwork");
    }
    if (own) {
      content.set("withdraw_own_access_href", "/people/" + id + "/access/withdraw?for=person");
      content.set("withdraw_own_access_label", "Withdraw " + person->given_name + "'s own access to Patchwork (" + own->username + ")");
    }
  }
  if (relationships.empty()) content.set("no_relationships", true);
  add_carers_to_record(ctx, *person, content);

  List events;
  for (const auto& e : storage::list_case_events(db, person->council_id, person->id)) {
    Object o{{"type", people::label_for(people::event_types(), e.event_type)}, {"description", e.description},
             {"start", e.start_date.display()}};
    if (e.outcome) o["outcome"] = people::label_for(people::event_outcomes(), *e.outcome);
    if (e.route_of_access) o["route"] = people::label_for(people::request_routes_of_access(), *e.route_of_access);
    if (e.assessment_type) o["route"] = people::label_for(people::assessment_types(), *e.assessment_type);
    if (e.service_type) o["route"] = people::label_for(people::service_types(), *e.service_type);
    if (e.superseded_by) o["superseded"] = true;
    events.push_back(o);
  }
  content.set("events", events);
  if (events.empty()) content.set("no_events", true);

  List assessments;
  for (const auto& a : storage::list_assessments(db, person->council_id, person->id)) {
    Object o{{"href", "/people/" + id + "/assessments/" + std::to_string(a.id)}, {"completed_with", a.completed_with},
             {"started", a.started_at.substr(0, 10)},
             {"status", a.status == assessment::AssessmentStatus::Draft ? "In progress"
                        : a.status == assessment::AssessmentStatus::Submitted ? "Waiting for the social worker" : "Confirmed"}};
    assessments.push_back(o);
  }
  content.set("assessments", assessments);
  if (assessments.empty()) content.set("no_assessments", true);

  auto decisions = storage::list_eligibility(db, person->council_id, person->id);
  if (!decisions.empty()) {
    const auto& e = decisions.front();
    content.set("eligibility", Object{{"eligible", e.eligible ? "Eligible needs" : "No eligible needs"},
                                      {"href", "/people/" + id + "/eligibility/" + std::to_string(e.id)},
                                      {"decided_on", e.decided_on.display()}});
  }
  auto allocations = storage::list_allocations(db, person->council_id, person->id);
  if (!allocations.empty() && allocations.front().is_current) {
    const auto& a = allocations.front();
    List lines;
    for (const auto& l : a.explanation) lines.push_back(Object{{"line", l}});
    content.set("allocation", Object{{"weekly", a.weekly.display()}, {"lines", Data(lines)}});
  }
  return page(ctx, "people/record", content, person->full_name());
}

// --- allocating social workers (team managers) ---

Response change_allocation(Context& ctx, services::Allocation change) {
  auto person = person_page_for(ctx, access::Action::AllocateWorker);
  if (!person) return person.error();
  auto worker = services::change_worker_allocation(ctx.db(), *person, ctx.request.form_value("username"), change);
  if (!worker) return error_page(ctx, 422, "The allocation was not changed", worker.error().front().message);
  ctx.audit(change == services::Allocation::Allocate ? audit::AuditAction::AllocateWorker : audit::AuditAction::DeallocateWorker, person->id, access::Outcome::Allowed,
            worker->username);
  return Response::redirect("/people/" + person->id.text());
}

// --- new and edit ---

List person_form_fields(const Context& ctx, const people::Person& p, const ErrorMap& e, bool editing) {
  const auto& r = ctx.request;
  const bool posted = r.method == Method::Post;
  auto v = [&](const std::string& name, const std::string& current) { return posted ? r.form_value(name) : current; };
  List f;
  f.push_back(heading_field("Who they are"));
  f.push_back(text_field({"given_name", "First name", ""}, v("given_name", p.given_name), e, "govuk-!-width-one-half", "off"));
  f.push_back(text_field({"family_name", "Last name", ""}, v("family_name", p.family_name), e, "govuk-!-width-one-half", "off"));
  f.push_back(date_field({"date_of_birth", "Date of birth", "For example, 14 3 1941"}, form_date_value(r, "date_of_birth", p.date_of_birth.ok() ? p.date_of_birth.iso() : std::string()), e));
  f.push_back(text_field({"nhs_number", "NHS number (if known)", "10 digits, for example 943 476 5919. Record it whenever you can: national figures count people by it."},
                         v("nhs_number", p.nhs_number.value_or("")), e, "govuk-input--width-10"));
  f.push_back(select_field({"gender", "Gender", ""}, code_options(people::genders()), v("gender", p.gender), e));
  f.push_back(select_field({"ethnicity", "Ethnicity", ""}, code_options(people::ethnicities()), v("ethnicity", p.ethnicity), e));
  f.push_back(heading_field("How to reach them"));
  f.push_back(text_field({"address_line_1", "Address line 1", ""}, v("address_line_1", p.address_line_1), e));
  f.push_back(text_field({"address_line_2", "Address line 2 (optional)", ""}, v("address_line_2", p.address_line_2), e));
  f.push_back(text_field({"town", "Town or city", ""}, v("town", p.town), e, "govuk-!-width-one-half"));
  f.push_back(text_field({"postcode", "Postcode", ""}, v("postcode", p.postcode.value_or("")), e, "govuk-input--width-10"));
  f.push_back(text_field({"phone", "Phone number", ""}, v("phone", p.phone), e, "govuk-input--width-20"));
  f.push_back(text_field({"email", "Email address (optional)", ""}, v("email", p.email), e));
  f.push_back(radios_field({"preferred_contact", "How do they prefer to be contacted?", ""}, code_options(people::preferred_contacts()),
                           v("preferred_contact", p.preferred_contact), e));
  f.push_back(text_field({"languages", "Languages they speak", "For example, Punjabi, English"}, v("languages", p.languages), e));
  f.push_back(radios_field({"interpreter_needed", "Do they need an interpreter?", ""}, {{"yes", "Yes"}, {"no", "No"}},
                           v("interpreter_needed", p.interpreter_needed ? "yes" : "no"), e, true));
  f.push_back(heading_field("Their needs and circumstances"));
  f.push_back(select_field({"primary_support_reason", "Primary support reason", ""}, code_options(people::primary_support_reasons()),
                           v("primary_support_reason", p.primary_support_reason), e));
  f.push_back(radios_field({"dementia", "Dementia", "Record a suspected dementia too: it changes how support is planned."},
                           code_options(people::dementia_statuses()), v("dementia", p.dementia), e));
  f.push_back(radios_field({"visual_impairment", "Visual impairment", ""}, code_options(people::yes_no_unknown()), v("visual_impairment", p.visual_impairment), e, true));
  f.push_back(radios_field({"hearing_impairment", "Hearing impairment", ""}, code_options(people::yes_no_unknown()), v("hearing_impairment", p.hearing_impairment), e, true));
  f.push_back(radios_field({"autism_spectrum_disorder_asd", "Autism", ""}, code_options(people::yes_no_unknown()), v("autism_spectrum_disorder_asd", p.autism), e, true));
  f.push_back(radios_field({"has_unpaid_carer", "Do they have an unpaid carer?", ""}, code_options(people::yes_no_unknown()), v("has_unpaid_carer", p.has_unpaid_carer), e, true));
  f.push_back(select_field({"accommodation_status", "Where they live", ""}, code_options(people::accommodation_statuses()),
                           v("accommodation_status", p.accommodation_status), e));
  if (editing) {
    f.push_back(date_field({"date_of_death", "Date of death (if they have died)", "Leave blank if they are alive. For example, 1 11 2026"},
                           form_date_value(r, "date_of_death", p.date_of_death ? p.date_of_death->iso() : std::string()), e));
    // One question for every change above that is kept with its history.
    f.push_back(date_field({services::kEffectiveFrom, "When did these changes take effect?",
                            "Only if dementia, primary support reason, unpaid carer or where they live changed. Leave blank for today. "
                            "It cannot be in the future."},
                           form_date_value(r, services::kEffectiveFrom, ""), e));
  }
  f.push_back(heading_field("For the national return"));
  f.push_back(radios_field({"client_type", "Are they supported for their own needs, or as a carer?", ""}, code_options(people::client_types()),
                           v("client_type", p.client_type), e));
  f.push_back(select_field({"employment_status", "Employment", ""}, code_options(people::employment_statuses()),
                           v("employment_status", p.employment_status), e));
  f.push_back(text_field({"gp_practice_code", "GP practice code (if known)", "One letter and five digits, like A81001"},
                         v("gp_practice_code", p.gp_practice_code.value_or("")), e, "govuk-input--width-10", "off"));
  f.push_back(text_field({"gp_practice_name", "GP practice name (if known)", ""}, v("gp_practice_name", p.gp_practice_name), e));
  return f;
}

people::PersonFields person_fields_from_form(const http::Request& r) {
  people::PersonFields fields;
  for (const auto& name : people::person_field_names()) {
    if (name == "date_of_birth" || name == "date_of_death") continue;
    if (r.form().contains(name)) fields[name] = r.form_value(name);
  }
  fields["date_of_birth"] = date_from_form(r, "date_of_birth");
  // Only the change form asks these.
  for (const std::string name : {"date_of_death", services::kEffectiveFrom})
    if (r.form().contains(name + "-day")) fields[name] = date_from_form(r, name);
  return fields;
}

Response new_person_form(Context& ctx, const FieldErrors& errors) {
  auto decision = ctx.authorize(access::Action::CreatePerson);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot record new people", decision.reason);
  FormPage form{"Record a new person", "People", "Record a new person",
                "Search first, so no one is recorded twice. You can add more later.", "/people/new", "Save and continue", "/people"};
  form.fields = person_form_fields(ctx, people::Person{}, error_map(errors), false);
  // After a possible-duplicate warning, one more question: is this someone else?
  for (const auto& e : errors)
    if (e.field == services::kConfirmNotDuplicate)
      form.fields.push_back(checkboxes_field({services::kConfirmNotDuplicate, "Is this a different person?", ""},
                                             {{"yes", "Yes, I have checked: this is a different person"}}, {}, error_map(errors)));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response new_person(Context& ctx) { return new_person_form(ctx, {}); }

Response create_person(Context& ctx) {
  auto decision = ctx.authorize(access::Action::CreatePerson);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot record new people", decision.reason);
  const auto check = ctx.request.form_value(services::kConfirmNotDuplicate) == "yes" ? services::DuplicateCheck::ConfirmedDifferent
                                                                                     : services::DuplicateCheck::Warn;
  auto person = services::create_person(ctx.db(), ctx.signed_in_user(), person_fields_from_form(ctx.request), CivilDate::today_utc(), check);
  if (!person) return new_person_form(ctx, person.error());
  ctx.audit(audit::AuditAction::CreatePerson, person->id, access::Outcome::Allowed, "recorded a new person");
  return Response::redirect("/people/" + person->id.text());
}

Response edit_person_form(Context& ctx, const people::Person& p, const FieldErrors& errors) {
  FormPage form{"Change details", p.full_name(), "Change details", "", "/people/" + p.id.text() + "/edit", "Save changes",
                "/people/" + p.id.text()};
  form.fields = person_form_fields(ctx, p, error_map(errors), true);
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response edit_person(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  return edit_person_form(ctx, *person, {});
}

Response update_person(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  auto updated = services::update_person(ctx.db(), *person, person_fields_from_form(ctx.request), CivilDate::today_utc(),
                                         ctx.signed_in_user().id);
  if (!updated) return edit_person_form(ctx, *person, updated.error());
  if (!updated->changes.empty()) ctx.audit(audit::AuditAction::ChangeCharacteristics, person->id, access::Outcome::Allowed,
                                           services::describe_changes(updated->changes));
  return Response::redirect("/people/" + person->id.text());
}

// --- capacity, relationships, timeline: one pattern ---

struct RecordForm {
  const char* title;
  const char* lead;
  audit::AuditAction action;
  std::function<List(const Context&, const ErrorMap&)> fields;
  std::function<people::Fields(const http::Request&)> read;
  std::function<FieldErrors(Context&, const people::Person&, const people::Fields&)> save;
};

Response record_form(Context& ctx, const RecordForm& rf, const FieldErrors& errors) {
  auto person = person_page_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  FormPage form{rf.title, person->full_name(), rf.title, rf.lead, ctx.request.path, "Save", "/people/" + person->id.text()};
  form.fields = rf.fields(ctx, error_map(errors));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response record_submit(Context& ctx, const RecordForm& rf) {
  auto person = person_page_for(ctx, access::Action::EditPersonRecord);
  if (!person) return person.error();
  auto errors = rf.save(ctx, *person, rf.read(ctx.request));
  if (!errors.empty()) {
    FormPage form{rf.title, person->full_name(), rf.title, rf.lead, ctx.request.path, "Save", "/people/" + person->id.text()};
    form.fields = rf.fields(ctx, error_map(errors));
    return form_page(ctx, form, errors, 422);
  }
  ctx.audit(rf.action, person->id, access::Outcome::Allowed, "added to the person's record");
  return Response::redirect("/people/" + person->id.text());
}

std::string posted(const Context& ctx, const char* name) { return ctx.request.form_value(name); }

const RecordForm& capacity_form() {
  static const RecordForm f{
      "Record a mental capacity assessment",
      "Capacity is about one decision at one time. Record each decision separately.",
      audit::AuditAction::AddCapacityAssessment,
      [](const Context& ctx, const ErrorMap& e) {
        List l;
        l.push_back(radios_field({"decision_kind", "What kind of decision was the assessment about?", ""},
                                 code_options(people::capacity_decision_kinds()), posted(ctx, "decision_kind"), e));
        l.push_back(text_field({"decision", "Describe the decision", "Needed for another decision; optional otherwise"}, posted(ctx, "decision"), e));
        l.push_back(date_field({"assessed_on", "Date of the assessment", ""}, form_date_value(ctx.request, "assessed_on", ""), e));
        l.push_back(radios_field({"outcome", "Outcome", ""}, code_options(people::capacity_outcomes()), posted(ctx, "outcome"), e));
        l.push_back(text_field({"assessed_by", "Who assessed", ""}, posted(ctx, "assessed_by"), e, "govuk-!-width-one-half"));
        l.push_back(date_field({"review_on", "Review date (optional)", ""}, form_date_value(ctx.request, "review_on", ""), e));
        l.push_back(textarea_field({"notes", "Notes (optional)", ""}, posted(ctx, "notes"), e));
        return l;
      },
      [](const http::Request& r) {
        return people::Fields{{"decision_kind", r.form_value("decision_kind")}, {"decision", r.form_value("decision")},
                              {"assessed_on", date_from_form(r, "assessed_on")},
                              {"outcome", r.form_value("outcome")}, {"assessed_by", r.form_value("assessed_by")},
                              {"review_on", date_from_form(r, "review_on")}, {"notes", r.form_value("notes")}};
      },
      [](Context& ctx, const people::Person& p, const people::Fields& fields) -> FieldErrors {
        auto c = services::record_capacity_assessment(ctx.db(), p, fields, ctx.signed_in_user().id, CivilDate::today_utc());
        return c ? FieldErrors{} : c.error();
      }};
  return f;
}

const RecordForm& relationship_form() {
  static const RecordForm f{
      "Add a carer or representative",
      "Record who helps the person, in what role, and on what basis. What they may do follows from that and the person's capacity. "
      "To give them their own access, save this, then choose \"Give access to Patchwork\" beside them on the record.",
      audit::AuditAction::AddRelationship,
      [](const Context& ctx, const ErrorMap& e) {
        List l;
        l.push_back(text_field({"name", "Their name", ""}, posted(ctx, "name"), e, "govuk-!-width-one-half"));
        l.push_back(radios_field({"role", "Their role", ""}, code_options(people::relationship_roles()), posted(ctx, "role"), e));
        l.push_back(radios_field({"basis", "On what basis?", ""}, code_options(people::relationship_bases()), posted(ctx, "basis"), e));
        l.push_back(date_field({"recorded_on", "Date this was agreed", ""}, form_date_value(ctx.request, "recorded_on", ""), e));
        l.push_back(text_field({"phone", "Phone number (optional)", ""}, posted(ctx, "phone"), e, "govuk-input--width-20"));
        l.push_back(heading_field("Access to Patchwork"));
        l.push_back(radios_field({"access_scope", "For a family carer: what has the person agreed to, or a best-interests decision allowed?",
                                  "What an attorney, deputy, appointee, nominated or authorised person or advocate may do follows from "
                                  "their role and the person's capacity: Patchwork works it out and shows why"},
                                 {{"none", "Nothing yet"}, {"view", "They may see the person's record"},
                                  {"act", "They may see the record and act on the person's care and support, such as filling in the self-assessment"}},
                                 ctx.request.method == Method::Post ? posted(ctx, "access_scope") : "none", e));
        l.push_back(text_field({"username", "Their Patchwork username, if they already have an account (optional)", "Their representative account"},
                               posted(ctx, "username"), e, "govuk-!-width-one-half", "off"));
        return l;
      },
      [](const http::Request& r) {
        return people::Fields{{"name", r.form_value("name")}, {"role", r.form_value("role")}, {"basis", r.form_value("basis")},
                              {"recorded_on", date_from_form(r, "recorded_on")}, {"phone", r.form_value("phone")},
                              {"access_scope", r.form_value("access_scope")}, {"username", r.form_value("username")}};
      },
      [](Context& ctx, const people::Person& p, const people::Fields& form) -> FieldErrors {
        people::Fields fields = form;
        std::string username = to_lower(trim(fields["username"]));
        fields.erase("username");
        auto rel = services::add_relationship(ctx.db(), p, fields, username, ctx.signed_in_user().id, CivilDate::today_utc());
        return rel ? FieldErrors{} : rel.error();
      }};
  return f;
}

const RecordForm& event_form() {
  static const RecordForm f{
      "Add to the timeline",
      "Record requests for support, short-term support and reviews with their dates, so the time from first contact to support can be measured.",
      audit::AuditAction::AddCaseEvent,
      [](const Context& ctx, const ErrorMap& e) {
        List l;
        l.push_back(radios_field({"event_type", "What happened?", ""}, code_options(people::event_types()), posted(ctx, "event_type"), e));
        l.push_back(date_field({"start_date", "Start date", ""}, form_date_value(ctx.request, "start_date", ""), e));
        l.push_back(date_field({"end_date", "End date (if it has ended)", ""}, form_date_value(ctx.request, "end_date", ""), e));
        l.push_back(textarea_field({"description", "Describe it", ""}, posted(ctx, "description"), e));
        Options routes{{"", "Not a request"}};
        for (const auto& o : code_options(people::request_routes_of_access())) routes.push_back(o);
        l.push_back(select_field({"route_of_access", "For a request: how did it come in?", ""}, routes, posted(ctx, "route_of_access"), e));
        Options sources{{"", "Not a request"}};
        for (const auto& o : code_options(people::referral_sources())) sources.push_back(o);
        l.push_back(select_field({"referral_source", "For a request: who asked?", ""}, sources, posted(ctx, "referral_source"), e));
        Options types{{"", "Not an assessment"}};
        for (const auto& o : code_options(people::assessment_types())) types.push_back(o);
        l.push_back(select_field({"assessment_type", "For an assessment: what kind?", ""}, types, posted(ctx, "assessment_type"), e));
        Options methods{{"", "Not an assessment"}};
        for (const auto& o : code_options(people::methods_of_assessment())) methods.push_back(o);
        l.push_back(select_field({"method_of_assessment", "For an assessment: who took part?", ""}, methods, posted(ctx, "method_of_assessment"), e));
        Options services{{"", "Not support provided"}};
        for (const auto& o : code_options(people::service_types())) services.push_back(o);
        l.push_back(select_field({"service_type", "For support provided: what kind?", ""}, services, posted(ctx, "service_type"), e));
        Options outcomes{{"", "Not known yet"}};
        for (const auto& o : code_options(people::event_outcomes())) outcomes.push_back(o);
        l.push_back(select_field({"outcome", "What happened next?", ""}, outcomes, posted(ctx, "outcome"), e));
        return l;
      },
      [](const http::Request& r) {
        return people::Fields{{"event_type", r.form_value("event_type")}, {"start_date", date_from_form(r, "start_date")},
                              {"end_date", date_from_form(r, "end_date")}, {"description", r.form_value("description")},
                              {"route_of_access", r.form_value("route_of_access")}, {"referral_source", r.form_value("referral_source")},
                              {"outcome", r.form_value("outcome")}, {"assessment_type", r.form_value("assessment_type")},
                              {"method_of_assessment", r.form_value("method_of_assessment")},
                              {"service_type", r.form_value("service_type")}};
      },
      [](Context& ctx, const people::Person& p, const people::Fields& fields) -> FieldErrors {
        auto ev = services::record_case_event(ctx.db(), p, fields, ctx.signed_in_user().id, CivilDate::today_utc());
        return ev ? FieldErrors{} : ev.error();
      }};
  return f;
}

}  // namespace

void add_people_pages(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Page, std::move(h)); };
  d.add(Method::Get, "/people", route(find_person));
  d.add(Method::Get, "/people/new", route(new_person));
  d.add(Method::Post, "/people/new", route(create_person));
  d.add(Method::Get, "/people/{id}", route(person_record));
  d.add(Method::Get, "/people/{id}/edit", route(edit_person));
  d.add(Method::Post, "/people/{id}/workers", route([](Context& ctx) { return change_allocation(ctx, services::Allocation::Allocate); }));
  d.add(Method::Post, "/people/{id}/workers/remove", route([](Context& ctx) { return change_allocation(ctx, services::Allocation::Remove); }));
  d.add(Method::Post, "/people/{id}/edit", route(update_person));
  for (auto [path, form] : {std::pair{"/people/{id}/capacity/new", &capacity_form}, std::pair{"/people/{id}/relationships/new", &relationship_form},
                            std::pair{"/people/{id}/events/new", &event_form}}) {
    d.add(Method::Get, path, route([form](Context& ctx) { return record_form(ctx, form(), {}); }));
    d.add(Method::Post, path, route([form](Context& ctx) { return record_submit(ctx, form()); }));
  }
}

}  // namespace patchwork::web
