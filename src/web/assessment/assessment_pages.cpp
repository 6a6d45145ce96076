// The supported self-assessment (in as many sittings as the person needs, one
// domain at a time), the social worker's confirmation, the eligibility decision
// with its printable letter, and the explained indicative budget.
#include "core/money.hpp"
#include "domain/allocation/ras.hpp"
#include "domain/assessment/letter.hpp"
#include "domain/people/carers.hpp"
#include "services/assessment_service.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/carers_repository.hpp"
#include "storage/repositories/person_records_repository.hpp"
#include "storage/repositories/assessment_repository.hpp"
#include "web/forms.hpp"
#include "web/people/person_pages.hpp"
#include "web/people/person_view.hpp"
#include "web/render.hpp"
#include "web/routes.hpp"

namespace patchwork::web {
namespace {

using namespace patchwork::assessment;
using http::Access;
using http::Context;
using http::Method;
using http::Response;
using http::Surface;
using http::Tx;

std::string person_href(const people::Person& p) { return "/people/" + p.id.text(); }
std::string assessment_href(const people::Person& p, std::int64_t id) { return person_href(p) + "/assessments/" + std::to_string(id); }

struct Loaded {
  people::Person person;
  AssessmentRecord record;
  Questionnaire questionnaire;
};

std::expected<Loaded, Response> load(Context& ctx, access::Action action) {
  auto person = person_page_for(ctx, action);
  if (!person) return std::unexpected(person.error());
  auto id = ctx.request.path_id("assessment_id");
  auto a = id ? storage::find_assessment(ctx.db(), person->council_id, person->id, *id) : std::nullopt;
  if (!a) return std::unexpected(error_page(ctx, 404, "Page not found", "There is no such assessment."));
  auto q = services::questionnaire_for(ctx.db(), a->council_id, a->questionnaire_id);
  if (!q) return std::unexpected(error_page(ctx, 500, "The questionnaire cannot be read", q.error().front().message));
  return Loaded{*person, *a, *q};
}


// A representative answers about the person, so the questions read in the
// third person with the person's name where the questionnaire version gives
// that wording (assessment::question_text); everyone else sees them as written.
Respondent respondent(const Context& ctx) {
  return ctx.user() && ctx.user()->role == access::Role::Representative ? Respondent::Representative : Respondent::Person;
}

// --- start ---

Response start_form(Context& ctx, const people::Person& p, const FieldErrors& errors) {
  FormPage form{"Start a self-assessment", p.full_name(), "Start a self-assessment",
                "The questions are about everyday life. It can be filled in over several sittings: answers are kept each time you save.",
                ctx.request.path, "Start", person_href(p)};
  form.fields.push_back(text_field({"completed_with", "Who is filling it in?", "For example, Edith with her daughter Ruth"},
                                   ctx.request.form_value("completed_with"), error_map(errors)));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response start_get(Context& ctx) {
  auto p = person_page_for(ctx, access::Action::CompleteSelfAssessment);
  if (!p) return p.error();
  return start_form(ctx, *p, {});
}

Response start_post(Context& ctx) {
  auto p = person_page_for(ctx, access::Action::CompleteSelfAssessment);
  if (!p) return p.error();
  auto a = services::start_assessment(ctx.db(), *p, trim(ctx.request.form_value("completed_with")), ctx.signed_in_user().id);
  if (!a) return start_form(ctx, *p, a.error());
  return Response::redirect(assessment_href(*p, a->id));
}

// --- the task list ---

Response overview(Context& ctx, const Loaded& l, const FieldErrors& errors) {
  const auto& a = l.record;
  Data content = person_summary(l.person, access::PersonView::Identity);
  content.set("person_href", person_href(l.person));
  content.set("href", assessment_href(l.person, a.id));
  content.set("completed_with", a.completed_with);
  content.set("questionnaire", l.questionnaire.name + " (version " + std::to_string(l.questionnaire.version) + ")");
  const bool draft = a.status == AssessmentStatus::Draft;
  const bool editable = draft && may_on(ctx, access::Action::CompleteSelfAssessment, l.person);
  List domains;
  bool complete = true;
  auto scores = score(l.questionnaire, a.effective_answers());
  for (std::size_t i = 0; i < l.questionnaire.domains.size(); ++i) {
    const auto& d = l.questionnaire.domains[i];
    const auto& s = scores[i];
    bool done = s.answered == s.questions;
    complete &= done;
    Object o{{"title", d.title}, {"href", assessment_href(l.person, a.id) + "/domains/" + d.id},
             {"status", done ? "Completed" : s.answered ? "In progress" : "Not started"}, {"points", std::to_string(s.points)}};
    if (editable) o["editable"] = Data(true);
    if (!done) o["incomplete"] = Data(true);
    List answers;
    for (const auto& q : d.questions) {
      auto it = a.effective_answers().find(q.id);
      const auto* chosen = it == a.effective_answers().end() ? nullptr : q.answer(it->second);
      const auto who = respondent(ctx);
      const auto& name = l.person.given_name;
      Object row{{"question", question_text(q, who, name)},
                 {"answer", chosen ? answer_text(*chosen, who, name) : std::string("Not answered")}};
      if (a.worker_answers) {
        auto pit = a.person_answers.find(q.id);
        if (pit != a.person_answers.end() && pit->second != it->second)
          if (const auto* theirs = q.answer(pit->second)) row["person_said"] = answer_text(*theirs, who, name);
      }
      answers.push_back(row);
    }
    o["answers"] = Data(answers);
    domains.push_back(o);
  }
  content.set("domains", domains);
  content.set("total_points", std::to_string(total_points(scores)));
  if (draft) content.set("draft", true);
  if (editable && complete) content.set("may_submit", true);
  if (editable && !complete) content.set("keep_going", true);
  if (a.status == AssessmentStatus::Submitted) content.set("submitted", true);
  if (a.status == AssessmentStatus::Confirmed) content.set("confirmed", true);
  // What carers said they are willing and able to go on doing (Care Act s.18(7)), as recorded at confirmation.
  List statements;
  for (const auto& w : storage::list_willing_and_able(ctx.db(), a.council_id, a.person_id, a.id)) {
    auto carer = storage::find_carer(ctx.db(), a.council_id, a.person_id, w.carer_id);
    if (!carer) continue;
    std::string needs;
    for (std::size_t i = 0; i < w.needs.size(); ++i) {
      const auto* d = l.questionnaire.domain(w.needs[i]);
      std::string title = d ? d->title : w.needs[i];
      if (!title.empty() && title[0] >= 'A' && title[0] <= 'Z') title[0] = char(title[0] - 'A' + 'a');
      needs += (i == 0 ? "" : i + 1 == w.needs.size() ? " and " : ", ") + title;
    }
    statements.push_back(Object{{"carer", carer->name}, {"carer_is", std::string(people::carer_is(carer->relationship))},
                                {"needs", needs}, {"stated_on", w.stated_on.display()}});
  }
  content.set("willing_and_able", statements);
  if (a.status != AssessmentStatus::Confirmed && a.status != AssessmentStatus::Draft && may_on(ctx, access::Action::ConfirmEligibility, l.person))
    content.set("may_confirm", true);
  if (a.status == AssessmentStatus::Confirmed && may_on(ctx, access::Action::ConfirmEligibility, l.person)) {
    bool decided = false;
    for (const auto& e : storage::list_eligibility(ctx.db(), a.council_id, a.person_id))
      if (e.assessment_id == a.id && e.current()) {
        decided = true;
        content.set("decision_href", person_href(l.person) + "/eligibility/" + std::to_string(e.id));
      }
    if (!decided) content.set("may_decide", true);
  }
  add_errors(content, errors);
  return page(ctx, "assessment/overview", content, "Self-assessment for " + l.person.full_name(), errors.empty() ? 200 : 422);
}

Response overview_get(Context& ctx) {
  auto l = load(ctx, access::Action::ViewPersonRecord);
  if (!l) return l.error();
  return overview(ctx, *l, {});
}

Response submit_post(Context& ctx) {
  auto l = load(ctx, access::Action::CompleteSelfAssessment);
  if (!l) return l.error();
  auto saved = services::save_answers(ctx.db(), l->record, {}, services::Submit::Yes);
  if (!saved) return overview(ctx, *l, saved.error());
  return Response::redirect(assessment_href(l->person, l->record.id));
}

// --- one domain's questions ---

List question_fields(const Domain& d, const Answers& answers, const http::Request& r, const ErrorMap& e, Respondent who,
                     const std::string& name) {
  List fields;
  for (const auto& q : d.questions) {
    Options options;
    for (const auto& a : q.answers) options.emplace_back(a.value, answer_text(a, who, name));
    auto it = answers.find(q.id);
    std::string selected = r.method == Method::Post ? r.form_value(q.id) : (it == answers.end() ? "" : it->second);
    fields.push_back(radios_field({q.id, question_text(q, who, name), q.hint}, options, selected, e));
  }
  return fields;
}

Response domain_page(Context& ctx, const Loaded& l, const Domain& d, const FieldErrors& errors) {
  const auto who = respondent(ctx);
  FormPage form{d.title, "Self-assessment for " + l.person.full_name(), d.title,
                who == Respondent::Representative && has_representative_wording(l.questionnaire)
                    ? "You are answering for " + l.person.given_name + ". Choose the answer closest to " + l.person.given_name +
                          "'s typical week. You can change answers until the assessment is sent."
                    : "Choose the answer closest to a typical week. You can change answers until the assessment is sent.",
                ctx.request.path, "Save and go back to the list", assessment_href(l.person, l.record.id)};
  form.fields = question_fields(d, l.record.person_answers, ctx.request, error_map(errors), who, l.person.given_name);
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

const Domain* domain_of(const Context& ctx, const Questionnaire& q) {
  auto it = ctx.request.path_params.find("domain");
  return it == ctx.request.path_params.end() ? nullptr : q.domain(it->second);
}

Response domain_get(Context& ctx) {
  auto l = load(ctx, access::Action::CompleteSelfAssessment);
  if (!l) return l.error();
  const Domain* d = domain_of(ctx, l->questionnaire);
  if (!d) return error_page(ctx, 404, "Page not found", "There is no such part of the questionnaire.");
  if (l->record.status != AssessmentStatus::Draft) return Response::redirect(assessment_href(l->person, l->record.id));
  return domain_page(ctx, *l, *d, {});
}

Response domain_post(Context& ctx) {
  auto l = load(ctx, access::Action::CompleteSelfAssessment);
  if (!l) return l.error();
  const Domain* d = domain_of(ctx, l->questionnaire);
  if (!d) return error_page(ctx, 404, "Page not found", "There is no such part of the questionnaire.");
  Answers answers;
  for (const auto& q : d->questions)
    if (auto v = ctx.request.form_value(q.id); !v.empty()) answers[q.id] = v;
  auto saved = services::save_answers(ctx.db(), l->record, answers, services::Submit::No);
  if (!saved) return domain_page(ctx, *l, *d, saved.error());
  return Response::redirect(assessment_href(l->person, l->record.id));
}

// --- the social worker confirms ---

// Care Act 2014 s.18(7): a carer's help counts only where the carer has said
// they are willing and able to go on giving it, and only for the needs they
// named. The worker records that here, for each recorded carer, with the date.
std::string carer_needs_field(const people::Carer& c) { return "carer_" + std::to_string(c.id) + "_needs"; }

void add_willing_and_able_fields(Context& ctx, const Loaded& l, const ErrorMap& e, List& fields) {
  auto carers = storage::list_carers(ctx.db(), l.person.council_id, l.person.id);
  if (carers.empty()) return;
  fields.push_back(heading_field("Help from unpaid carers"));
  Options needs;
  for (const auto& d : l.questionnaire.domains) needs.emplace_back(d.id, d.title);
  for (const auto& c : carers)
    fields.push_back(checkboxes_field(
        {carer_needs_field(c), "Which needs has " + c.name + " said they are willing and able to go on helping with?",
         "Tick only what " + c.name + " has told you. Leave them all unticked if they have not said so: their help is then not counted."},
        needs, ctx.request.form_all(carer_needs_field(c)), e));
  fields.push_back(date_field({"willing_and_able_on", "When did they say so?", "Needed if you ticked any need above. For example, 27 11 2026"},
                              form_date_value(ctx.request, "willing_and_able_on", ""), e));
}

Response confirm_page(Context& ctx, const Loaded& l, const FieldErrors& errors) {
  FormPage form{"Check and confirm the answers", "Self-assessment for " + l.person.full_name(), "Check and confirm the answers",
                "Change any answer you and the person agree should be different. Their own answers are kept beside yours.",
                ctx.request.path, "Confirm the answers", assessment_href(l.person, l.record.id)};
  ErrorMap e = error_map(errors);
  for (const auto& d : l.questionnaire.domains) {
    form.fields.push_back(heading_field(d.title));
    for (auto& f : question_fields(d, l.record.effective_answers(), ctx.request, e, Respondent::Person, l.person.given_name))
      form.fields.push_back(f);
  }
  add_willing_and_able_fields(ctx, l, e, form.fields);
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response confirm_get(Context& ctx) {
  auto l = load(ctx, access::Action::ConfirmEligibility);
  if (!l) return l.error();
  return confirm_page(ctx, *l, {});
}

Response confirm_post(Context& ctx) {
  auto l = load(ctx, access::Action::ConfirmEligibility);
  if (!l) return l.error();
  Answers answers;
  for (const auto& d : l->questionnaire.domains)
    for (const auto& q : d.questions)
      if (auto v = ctx.request.form_value(q.id); !v.empty()) answers[q.id] = v;
  // One statement for each carer with a need ticked, all on the date given.
  std::vector<services::WillingAndAbleInput> statements;
  std::vector<std::string> statement_fields;
  const std::string stated_on = date_from_form(ctx.request, "willing_and_able_on");
  for (const auto& c : storage::list_carers(ctx.db(), l->person.council_id, l->person.id)) {
    auto needs = ctx.request.form_all(carer_needs_field(c));
    if (needs.empty()) continue;
    statements.push_back({c.id, needs, stated_on});
    statement_fields.push_back(carer_needs_field(c));
  }
  auto confirmed = services::confirm_assessment(ctx.db(), l->record, answers, ctx.signed_in_user().id, statements, CivilDate::today_utc());
  if (!confirmed) {
    // The service names willing_and_able[i].field; on the page they belong to that carer's boxes, or the date.
    FieldErrors errors;
    for (auto e : confirmed.error()) {
      if (e.field.starts_with("willing_and_able[")) {
        const std::size_t i = std::stoul(e.field.substr(17));
        e.field = e.field.ends_with(".stated_on") ? "willing_and_able_on" : i < statement_fields.size() ? statement_fields[i] : e.field;
      }
      // One date serves every carer: say what is wrong with it once.
      if (std::none_of(errors.begin(), errors.end(), [&](const FieldError& x) { return x.field == e.field && x.message == e.message; }))
        errors.push_back(e);
    }
    return confirm_page(ctx, *l, errors);
  }
  if (!statements.empty())
    ctx.audit(audit::AuditAction::RecordWillingAndAble, l->person.id, access::Outcome::Allowed,
              std::to_string(statements.size()) + " statement(s) for assessment " + std::to_string(confirmed->id));
  return Response::redirect(assessment_href(l->person, l->record.id) + "/eligibility");
}

// --- eligibility ---

Options yes_no() { return {{"yes", "Yes"}, {"no", "No"}}; }

Options reason_options() {
  Options o;
  for (auto r : all_unable_reasons()) {
    std::string text(reason_text(r));
    text[0] = char(std::toupper(static_cast<unsigned char>(text[0])));
    o.emplace_back(std::string(reason_code(r)), text);
  }
  return o;
}

Response eligibility_page(Context& ctx, const Loaded& l, const EligibilityInput& proposal, const FieldErrors& errors) {
  const auto& r = ctx.request;
  const bool posted = r.method == Method::Post;
  FormPage form{"Decide eligibility", "Self-assessment for " + l.person.full_name(), "Decide eligibility",
                "The answers suggest the findings below. Check each one with the person and change what is not right. "
                "The decision follows the Care and Support (Eligibility Criteria) Regulations 2015 (SI 2015/313). "
                "Deciding again for the same assessment replaces the earlier decision; both are kept.",
                ctx.request.path, "Record the decision", assessment_href(l.person, l.record.id)};
  ErrorMap e = error_map(errors);
  auto& f = form.fields;
  f.push_back(radios_field({"impairment_or_illness", "Do the needs arise from or relate to a physical or mental impairment or illness?", ""},
                           yes_no(), posted ? r.form_value("impairment_or_illness") : "", e, true));
  for (Outcome o : all_outcomes()) {
    std::string code(outcome_code(o));
    const auto& finding = proposal.outcomes.contains(o) ? proposal.outcomes.at(o) : OutcomeFinding{};
    f.push_back(heading_field(std::string(outcome_title(o))));
    f.push_back(radios_field({code, "Can the person achieve this?", finding.note},
                             {{"achieved", "Yes, they can achieve it"}, {"not_achieved", "No, they are unable to achieve it"}},
                             posted ? r.form_value(code) : (finding.achieved ? "achieved" : "not_achieved"), e));
    std::vector<std::string> reasons;
    if (posted) reasons = r.form_all(code + "_reasons");
    else for (auto reason : finding.reasons) reasons.emplace_back(reason_code(reason));
    f.push_back(checkboxes_field({code + "_reasons", "If not, why not?", "Choose all that apply"}, reason_options(), reasons, e));
  }
  f.push_back(heading_field("Well-being"));
  f.push_back(radios_field({"significant_impact_on_wellbeing", "As a result, is there, or is there likely to be, a significant impact on their well-being?", ""},
                           yes_no(), posted ? r.form_value("significant_impact_on_wellbeing") : "", e, true));
  f.push_back(textarea_field({"impact_note", "Why? (in words the person will read in their letter)", ""}, r.form_value("impact_note"), e));
  f.push_back(radios_field({"fluctuating", "Do their needs fluctuate?", ""}, yes_no(), posted ? r.form_value("fluctuating") : "no", e, true));
  f.push_back(text_field({"period_considered", "If they fluctuate, over what period were they considered?", "For example, the last three months"},
                         r.form_value("period_considered"), e));
  f.push_back(heading_field("The assessment"));
  Options methods;
  for (const auto& m : people::methods_of_assessment()) methods.emplace_back(std::string(m.value), std::string(m.label));
  f.push_back(radios_field({"method_of_assessment", "Who took part in the assessment?", ""}, methods,
                           posted ? r.form_value("method_of_assessment") : proposal.method_of_assessment, e));
  f.push_back(textarea_field({"information_given", "What information and advice did you give?",
                              "What can help to meet or reduce their needs, or to prevent or delay them, in words the person "
                              "will read in their letter. Needed when the needs are not eligible (Care Act 2014, section 13(5))."},
                             posted ? r.form_value("information_given") : proposal.information_given, e));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response eligibility_get(Context& ctx) {
  auto l = load(ctx, access::Action::ConfirmEligibility);
  if (!l) return l.error();
  auto proposal = services::propose_eligibility(ctx.db(), l->record);
  return eligibility_page(ctx, *l, proposal.value_or(EligibilityInput{}), {});
}

Response eligibility_post(Context& ctx) {
  auto l = load(ctx, access::Action::ConfirmEligibility);
  if (!l) return l.error();
  const auto& r = ctx.request;
  FieldErrors errors;
  EligibilityInput in;
  auto yes = [&](const char* name, const char* message) {
    std::string v = r.form_value(name);
    if (v != "yes" && v != "no") errors.push_back({name, message});
    return v == "yes";
  };
  in.impairment_or_illness = yes("impairment_or_illness", "Say whether the needs arise from an impairment or illness");
  in.significant_impact_on_wellbeing = yes("significant_impact_on_wellbeing", "Say whether there is a significant impact on well-being");
  in.fluctuating = r.form_value("fluctuating") == "yes";
  in.period_considered = trim(r.form_value("period_considered"));
  in.impact_note = trim(r.form_value("impact_note"));
  in.information_given = trim(r.form_value("information_given"));
  in.method_of_assessment = r.form_value("method_of_assessment");
  for (Outcome o : all_outcomes()) {
    std::string code(outcome_code(o));
    std::string v = r.form_value(code);
    if (v != "achieved" && v != "not_achieved") continue;  // missing: the domain check names it
    OutcomeFinding finding;
    finding.achieved = v == "achieved";
    if (!finding.achieved)
      for (const auto& reason : r.form_all(code + "_reasons"))
        if (auto rr = reason_from_code(reason)) finding.reasons.insert(*rr);
    in.outcomes[o] = finding;
  }
  if (!errors.empty()) {
    // Until the two conditions are answered it is not known whether the needs
    // are eligible, so whether advice must be recorded is not asked yet.
    for (const auto& e : check_eligibility_input(in))
      if (e.field != "information_given") errors.push_back(e);
    if (!people::canonical(people::methods_of_assessment(), in.method_of_assessment))
      errors.push_back({"method_of_assessment", "Choose who took part in the assessment: the person, their carer, or both"});
    return eligibility_page(ctx, *l, in, errors);
  }
  auto decision = services::record_eligibility(ctx.db(), l->record, in, ctx.signed_in_user().id, CivilDate::today_utc());
  if (!decision) return eligibility_page(ctx, *l, in, decision.error());
  return Response::redirect(person_href(l->person) + "/eligibility/" + std::to_string(decision->id));
}

std::expected<std::pair<people::Person, EligibilityRecord>, Response> load_decision(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ViewPersonRecord);
  if (!person) return std::unexpected(person.error());
  auto id = ctx.request.path_id("decision_id");
  for (auto& e : storage::list_eligibility(ctx.db(), person->council_id, person->id))
    if (id && e.id == *id) return std::pair{*person, std::move(e)};
  return std::unexpected(error_page(ctx, 404, "Page not found", "There is no such decision."));
}

Data decision_data(const people::Person& p, const EligibilityRecord& e) {
  Data content = person_summary(p, access::PersonView::Identity);
  content.set("person_href", person_href(p));
  content.set("eligible", e.eligible);
  content.set("decided_on", e.decided_on.display());
  List lines;
  for (const auto& l : e.reasoning) lines.push_back(Object{{"line", l}});
  content.set("reasoning", lines);
  content.set("letter_href", person_href(p) + "/eligibility/" + std::to_string(e.id) + "/letter");
  content.set("allocate_action", person_href(p) + "/assessments/" + std::to_string(e.assessment_id) + "/allocation");
  if (e.superseded_by) content.set("superseded_href", person_href(p) + "/eligibility/" + std::to_string(*e.superseded_by));
  if (!e.findings.information_given.empty()) {
    List info;
    for (const auto& l : paragraphs(e.findings.information_given)) info.push_back(Object{{"line", l}});
    content.set("information_given", info);
    content.set("has_information", true);
  }
  return content;
}

Response decision_get(Context& ctx) {
  auto loaded = load_decision(ctx);
  if (!loaded) return loaded.error();
  auto& [person, e] = *loaded;
  Data content = decision_data(person, e);
  bool allocated = false;
  for (const auto& a : storage::list_allocations(ctx.db(), person.council_id, person.id)) allocated |= a.assessment_id == e.assessment_id;
  const bool may_decide = may_on(ctx, access::Action::ConfirmEligibility, person);
  if (e.eligible && e.current() && !allocated && may_decide) content.set("may_allocate", true);
  // A correction is a new decision for the same assessment, replacing this one.
  if (e.current() && may_decide) content.set("redecide_href", person_href(person) + "/assessments/" + std::to_string(e.assessment_id) + "/eligibility");
  if (allocated) content.set("allocated", true);
  return page(ctx, "assessment/decision", content, "Eligibility decision for " + person.full_name());
}

Response letter_get(Context& ctx) {
  auto loaded = load_decision(ctx);
  if (!loaded) return loaded.error();
  auto& [person, e] = *loaded;
  auto& db = ctx.db();
  Data content = decision_data(person, e);
  content.set("council_name", ctx.council()->name);
  content.set("address_lines", [&] {
    List l;
    for (const auto& part : {person.address_line_1, person.address_line_2, person.town, person.postcode.value_or("")})
      if (!part.empty()) l.push_back(Object{{"line", part}});
    return l;
  }());
  auto capacity = storage::list_capacity(db, person.council_id, person.id);
  auto relationships = storage::list_relationships(db, person.council_id, person.id);
  auto to = letter_addressee(person, capacity, relationships, e.decided_on);
  content.set("addressee", to.name);
  if (to.on_behalf) content.set("on_behalf_of", person.full_name());
  if (!to.warning.empty()) content.set("addressee_warning", to.warning);
  auto text = letter_text(e, person, to);
  content.set("heading", text.heading);
  auto lines = [](const std::vector<std::string>& v) {
    List l;
    for (const auto& s : v) l.push_back(Object{{"line", s}});
    return l;
  };
  content.set("opening", lines(text.opening));
  content.set("findings", lines(text.findings));
  content.set("money", lines(text.money));
  if (!e.eligible) {
    // Care Act 2014 s.13(5): the advice and information itself, not an offer of it.
    content.set("information_given", lines(paragraphs(e.findings.information_given)));
    std::string standard = storage::standard_information(db, person.council_id);
    content.set("standard_information", lines(paragraphs(standard.empty() ? default_standard_information() : standard)));
  }
  if (e.decided_by) {
    if (auto worker = storage::find_user(db, person.council_id, *e.decided_by)) {
      content.set("worker_name", worker->display_name);
      std::string phone = storage::work_phone(db, person.council_id, worker->id);
      if (!phone.empty()) content.set("worker_phone", phone);
      // A letter without a number to ring leaves an older person nowhere to turn.
      else content.set("phone_warning", "No work phone is recorded for " + worker->display_name +
                                             ", so this letter gives no number to ring. An administrator can add one on the Accounts page.");
    }
  }
  if (!e.current()) content.set("superseded", true);
  // Only an eligible decision's letter speaks of the likely cost of support: a
  // budget worked out before a later decision found the needs not eligible
  // must not appear beside that decision (Care Act 2014 s.13, s.18).
  for (const auto& a : storage::list_allocations(db, person.council_id, person.id)) {
    if (!e.eligible) break;
    if (a.assessment_id != e.assessment_id || !a.is_current) continue;
    content.set("weekly", a.weekly.display());
    // One voice: to an attorney or deputy the explanation is about the person.
    List budget;
    for (const auto& l : to.on_behalf ? allocation::explanation_about(a.explanation, person.given_name) : a.explanation)
      budget.push_back(Object{{"line", l}});
    content.set("budget_lines", budget);
    break;
  }
  return page(ctx, "assessment/letter", content, text.heading);
}

Response allocate_post(Context& ctx) {
  auto l = load(ctx, access::Action::ConfirmEligibility);
  if (!l) return l.error();
  auto r = services::allocate(ctx.db(), l->record, ctx.signed_in_user().id);
  if (!r) return error_page(ctx, 422, "The indicative budget cannot be worked out yet", r.error().front().message);
  return Response::redirect(person_href(l->person));
}

}  // namespace

void add_assessment_pages(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Page, std::move(h)); };
  d.add(Method::Get, "/people/{id}/assessments/new", route(start_get));
  d.add(Method::Post, "/people/{id}/assessments/new", route(start_post));
  d.add(Method::Get, "/people/{id}/assessments/{assessment_id}", route(overview_get));
  d.add(Method::Post, "/people/{id}/assessments/{assessment_id}/submit", route(submit_post));
  d.add(Method::Get, "/people/{id}/assessments/{assessment_id}/domains/{domain}", route(domain_get));
  d.add(Method::Post, "/people/{id}/assessments/{assessment_id}/domains/{domain}", route(domain_post));
  d.add(Method::Get, "/people/{id}/assessments/{assessment_id}/confirm", route(confirm_get));
  d.add(Method::Post, "/people/{id}/assessments/{assessment_id}/confirm", route(confirm_post));
  d.add(Method::Get, "/people/{id}/assessments/{assessment_id}/eligibility", route(eligibility_get));
  d.add(Method::Post, "/people/{id}/assessments/{assessment_id}/eligibility", route(eligibility_post));
  d.add(Method::Post, "/people/{id}/assessments/{assessment_id}/allocation", route(allocate_post));
  d.add(Method::Get, "/people/{id}/eligibility/{decision_id}", route(decision_get));
  d.add(Method::Get, "/people/{id}/eligibility/{decision_id}/letter", route(letter_get));
}

}  // namespace patchwork::web
