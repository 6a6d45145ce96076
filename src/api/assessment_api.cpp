// Questionnaires, self-assessments, eligibility, RAS configurations, allocations
// and recalibration, under /api/v1.
#include "api/characteristics_api.hpp"
#include "api/json.hpp"
#include "api/routes.hpp"
#include "services/assessment_service.hpp"
#include "services/effect_service.hpp"
#include "storage/repositories/carers_repository.hpp"
#include "storage/repositories/assessment_encoding.hpp"
#include "storage/repositories/assessment_repository.hpp"
#include "storage/repositories/people_repository.hpp"

namespace patchwork::api {

std::expected<people::Person, http::Response> person_for(http::Context& ctx, access::Action action);

namespace {

using namespace patchwork::assessment;

json::value definition_json(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return ec ? json::value(nullptr) : v;
}

json::object stored_json(const storage::StoredDefinition& d, bool with_active) {
  json::object o{{"id", d.id}, {"version", d.version}, {"name", d.name}, {"loaded_at", d.loaded_at},
                 {"definition", definition_json(d.definition)}};
  if (with_active) o["active"] = d.active;
  return o;
}

json::object answers_json(const Answers& a) {
  json::object o;
  for (const auto& [k, v] : a) o[k] = v;
  return o;
}

std::expected<Answers, FieldErrors> answers_from(const json::object& body, const char* key) {
  Answers out;
  auto it = body.find(key);
  if (it == body.end() || it->value().is_null()) return out;
  if (!it->value().is_object()) return std::unexpected(FieldErrors{{key, std::string(key) + " must map question ids to answers"}});
  FieldErrors errors;
  for (const auto& [q, v] : it->value().as_object()) {
    if (!v.is_string()) errors.push_back({std::string(q), "The answer to " + std::string(q) + " must be text"});
    else out[std::string(q)] = std::string(v.as_string());
  }
  if (!errors.empty()) return std::unexpected(errors);
  return out;
}

json::object assessment_json(storage::Connection& c, const AssessmentRecord& a) {
  json::object o{{"id", a.id},
                 {"person_id", a.person_id.value()},
                 {"questionnaire_id", a.questionnaire_id},
                 {"status", status_code(a.status)},
                 {"completed_with", a.completed_with},
                 {"person_answers", answers_json(a.person_answers)},
                 {"worker_answers", a.worker_answers ? json::value(answers_json(*a.worker_answers)) : json::value(nullptr)},
                 {"started_at", a.started_at},
                 {"submitted_at", optional_text(a.submitted_at)},
                 {"confirmed_at", optional_text(a.confirmed_at)}};
  if (auto q = services::questionnaire_for(c, a.council_id, a.questionnaire_id)) {
    json::array domains;
    auto scores = score(*q, a.effective_answers());
    for (const auto& s : scores)
      domains.push_back({{"domain", s.domain_id}, {"title", s.title}, {"points", s.points}, {"answered", s.answered}, {"questions", s.questions}});
    o["points_by_domain"] = std::move(domains);
    o["total_points"] = total_points(scores);
  }
  json::array statements;
  for (const auto& w : storage::list_willing_and_able(c, a.council_id, a.person_id, a.id)) {
    json::array needs;
    for (const auto& n : w.needs) needs.emplace_back(n);
    statements.push_back({{"carer_id", w.carer_id}, {"needs", std::move(needs)}, {"stated_on", w.stated_on.iso()}});
  }
  o["willing_and_able"] = std::move(statements);
  return o;
}

json::object findings_json(const EligibilityInput& in) { return json::parse(storage::eligibility_input_to_json(in)).as_object(); }

json::object eligibility_json(const EligibilityRecord& e) {
  json::array reasoning;
  for (const auto& l : e.reasoning) reasoning.emplace_back(l);
  return {{"id", e.id}, {"assessment_id", e.assessment_id}, {"eligible", e.eligible}, {"eligible_needs_identified", e.eligible ? "Yes" : "No"},
          {"decided_on", e.decided_on.iso()}, {"findings", findings_json(e.findings)}, {"reasoning", std::move(reasoning)},
          {"event_id", e.case_event_id ? json::value(*e.case_event_id) : json::value(nullptr)},
          {"current", e.current()},
          {"superseded_by", e.superseded_by ? json::value(*e.superseded_by) : json::value(nullptr)},
          {"characteristics", characteristics_json(e.characteristics)}};
}

json::object allocation_json(const AllocationRecord& a) {
  json::array explanation;
  for (const auto& l : a.explanation) explanation.emplace_back(l);
  return {{"id", a.id}, {"assessment_id", a.assessment_id}, {"ras_configuration_id", a.ras_configuration_id},
          {"total_points", a.total_points}, {"carer_answer", optional_text(a.carer_answer)},
          {"carer_points", a.carer_points ? json::value(*a.carer_points) : json::value(nullptr)},
          {"indicative_weekly_pence", a.weekly.pence()}, {"indicative_weekly", a.weekly.decimal()},
          {"current", a.is_current}, {"created_at", a.created_at}, {"explanation", std::move(explanation)},
          {"characteristics", characteristics_json(a.characteristics)}};
}

// Reads the eligibility findings, naming each wrong member.
std::expected<EligibilityInput, FieldErrors> eligibility_from(const json::object& body) {
  EligibilityInput in;
  FieldErrors errors;
  auto flag = [&](const char* k, bool& out) {
    auto it = body.find(k);
    if (it == body.end() || !it->value().is_bool()) errors.push_back({k, std::string(k) + " must be true or false"});
    else out = it->value().as_bool();
  };
  flag("impairment_or_illness", in.impairment_or_illness);
  flag("significant_impact_on_wellbeing", in.significant_impact_on_wellbeing);
  if (auto it = body.find("fluctuating"); it != body.end()) {
    if (!it->value().is_bool()) errors.push_back({"fluctuating", "fluctuating must be true or false"});
    else in.fluctuating = it->value().as_bool();
  }
  for (auto [k, out] : {std::pair<const char*, std::string*>{"period_considered", &in.period_considered},
                         {"impact_note", &in.impact_note},
                         {"information_given", &in.information_given},
                         {"method_of_assessment", &in.method_of_assessment}}) {
    auto it = body.find(k);
    if (it == body.end() || it->value().is_null()) continue;
    if (!it->value().is_string()) errors.push_back({k, std::string(k) + " must be text"});
    else *out = std::string(it->value().as_string());
  }
  auto outcomes = body.find("outcomes");
  if (outcomes == body.end() || !outcomes->value().is_object()) {
    errors.push_back({"outcomes", "outcomes must map each of the ten outcomes to a finding"});
    return std::unexpected(errors);
  }
  for (const auto& [code, f] : outcomes->value().as_object()) {
    std::string field = "outcomes." + std::string(code);
    auto outcome = outcome_from_code(code);
    if (!outcome) { errors.push_back({field, "'" + std::string(code) + "' is not one of the ten outcomes"}); continue; }
    if (!f.is_object()) { errors.push_back({field, "must be an object with achieved and reasons"}); continue; }
    OutcomeFinding finding;
    const auto& fo = f.as_object();
    if (auto a = fo.find("achieved"); a == fo.end() || !a->value().is_bool()) errors.push_back({field + ".achieved", "must be true or false"});
    else finding.achieved = a->value().as_bool();
    if (auto rs = fo.find("reasons"); rs != fo.end() && !rs->value().is_null()) {
      if (!rs->value().is_array()) errors.push_back({field + ".reasons", "must be a list"});
      else for (const auto& r : rs->value().as_array()) {
        auto reason = r.is_string() ? reason_from_code(std::string(r.as_string())) : std::nullopt;
        if (!reason) errors.push_back({field + ".reasons", "each reason must be one of needs_assistance, significant_pain_distress_anxiety, "
                                                           "endangers_health_or_safety, takes_significantly_longer"});
        else finding.reasons.insert(*reason);
      }
    }
    if (auto n = fo.find("note"); n != fo.end() && n->value().is_string()) finding.note = std::string(n->value().as_string());
    in.outcomes[*outcome] = finding;
  }
  if (!errors.empty()) return std::unexpected(errors);
  return in;
}

// "willing_and_able": [{"carer_id": 3, "needs": ["eating_drinking"], "stated_on": "2026-11-30"}]
std::expected<std::vector<services::WillingAndAbleInput>, FieldErrors> willing_and_able_from(const json::object& body) {
  std::vector<services::WillingAndAbleInput> out;
  auto it = body.find("willing_and_able");
  if (it == body.end() || it->value().is_null()) return out;
  if (!it->value().is_array())
    return std::unexpected(FieldErrors{{"willing_and_able", "willing_and_able must be a list of statements, each with carer_id, needs and stated_on"}});
  FieldErrors errors;
  std::size_t i = 0;
  for (const auto& v : it->value().as_array()) {
    const std::string at = "willing_and_able[" + std::to_string(i++) + "]";
    if (!v.is_object()) { errors.push_back({at, "must be an object with carer_id, needs and stated_on"}); continue; }
    const auto& o = v.as_object();
    services::WillingAndAbleInput in;
    if (auto c = o.find("carer_id"); c != o.end() && c->value().is_int64()) in.carer_id = c->value().as_int64();
    if (auto n = o.find("needs"); n != o.end() && n->value().is_array()) {
      for (const auto& need : n->value().as_array()) {
        if (need.is_string()) in.needs.emplace_back(need.as_string());
        else errors.push_back({at + ".needs", "each need must be the id of a part of the questionnaire, as text"});
      }
    }
    if (auto d = o.find("stated_on"); d != o.end() && d->value().is_string()) in.stated_on = std::string(d->value().as_string());
    out.push_back(std::move(in));
  }
  if (!errors.empty()) return std::unexpected(errors);
  return out;
}

std::expected<AssessmentRecord, http::Response> assessment_of(http::Context& ctx, const people::Person& person, std::optional<std::int64_t> id) {
  auto a = id ? storage::find_assessment(ctx.db(), person.council_id, person.id, *id) : std::nullopt;
  if (!a) return std::unexpected(http::Response::problem(404, "Not found", "There is no such assessment for this person."));
  return *a;
}

std::optional<std::int64_t> body_id(const json::object& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || !it->value().is_int64() || it->value().as_int64() <= 0) return std::nullopt;
  return it->value().as_int64();
}

// --- handlers ---

http::Response list_assessments(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ViewPersonRecord);
  if (!person) return person.error();
  json::array items;
  for (const auto& a : storage::list_assessments(ctx.db(), person->council_id, person->id)) items.push_back(assessment_json(ctx.db(), a));
  return json_response(json::object{{"assessments", std::move(items)}});
}

http::Response start(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::CompleteSelfAssessment);
  if (!person) return person.error();
  auto body = body_object(ctx.request);
  if (!body) return body.error();
  FieldErrors errors;
  auto with = string_member(*body, "completed_with", errors);
  if (!errors.empty()) return validation_problem(errors);
  auto a = services::start_assessment(ctx.db(), *person, trim(with.value_or("")), ctx.signed_in_user().id);
  if (!a) return validation_problem(a.error());
  return json_response(assessment_json(ctx.db(), *a), 201);
}

http::Response show(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ViewPersonRecord);
  if (!person) return person.error();
  auto a = assessment_of(ctx, *person, ctx.request.path_id("assessment_id"));
  if (!a) return a.error();
  return json_response(assessment_json(ctx.db(), *a));
}

http::Response save(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::CompleteSelfAssessment);
  if (!person) return person.error();
  auto a = assessment_of(ctx, *person, ctx.request.path_id("assessment_id"));
  if (!a) return a.error();
  auto body = body_object(ctx.request);
  if (!body) return body.error();
  auto answers = answers_from(*body, "answers");
  if (!answers) return validation_problem(answers.error());
  bool submit = false;
  if (auto it = body->find("submit"); it != body->end()) {
    if (!it->value().is_bool()) return validation_problem({{"submit", "submit must be true or false"}});
    submit = it->value().as_bool();
  }
  auto saved = services::save_answers(ctx.db(), *a, *answers, submit ? services::Submit::Yes : services::Submit::No);
  if (!saved) return validation_problem(saved.error());
  return json_response(assessment_json(ctx.db(), *saved));
}

http::Response confirm(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ConfirmEligibility);
  if (!person) return person.error();
  auto a = assessment_of(ctx, *person, ctx.request.path_id("assessment_id"));
  if (!a) return a.error();
  auto body = body_object(ctx.request);
  if (!body) return body.error();
  auto answers = answers_from(*body, "answers");
  if (!answers) return validation_problem(answers.error());
  auto statements = willing_and_able_from(*body);
  if (!statements) return validation_problem(statements.error());
  auto confirmed = services::confirm_assessment(ctx.db(), *a, *answers, ctx.signed_in_user().id, *statements, CivilDate::today_utc());
  if (!confirmed) return validation_problem(confirmed.error());
  if (!statements->empty())
    ctx.audit(audit::AuditAction::RecordWillingAndAble, person->id, access::Outcome::Allowed,
              std::to_string(statements->size()) + " statement(s) for assessment " + std::to_string(confirmed->id));
  return json_response(assessment_json(ctx.db(), *confirmed));
}

http::Response eligibility(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ViewPersonRecord);
  if (!person) return person.error();
  json::array decisions;
  for (const auto& e : storage::list_eligibility(ctx.db(), person->council_id, person->id)) decisions.push_back(eligibility_json(e));
  json::object out{{"decisions", std::move(decisions)}};
  for (const auto& a : storage::list_assessments(ctx.db(), person->council_id, person->id)) {
    if (a.status != AssessmentStatus::Confirmed) continue;
    if (auto proposal = services::propose_eligibility(ctx.db(), a))
      out["proposal"] = json::object{{"assessment_id", a.id}, {"findings", findings_json(*proposal)}};
    break;
  }
  return json_response(out);
}

http::Response decide(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ConfirmEligibility);
  if (!person) return person.error();
  auto body = body_object(ctx.request);
  if (!body) return body.error();
  auto a = assessment_of(ctx, *person, body_id(*body, "assessment_id"));
  if (!a) return a.error();
  auto input = eligibility_from(*body);
  if (!input) return validation_problem(input.error());
  auto e = services::record_eligibility(ctx.db(), *a, *input, ctx.signed_in_user().id, CivilDate::today_utc());
  if (!e) return validation_problem(e.error());
  return json_response(eligibility_json(*e), 201);
}

http::Response allocations(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ViewPersonRecord);
  if (!person) return person.error();
  json::array items;
  for (const auto& a : storage::list_allocations(ctx.db(), person->council_id, person->id)) items.push_back(allocation_json(a));
  return json_response(json::object{{"allocations", std::move(items)}});
}

http::Response allocate(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ConfirmEligibility);
  if (!person) return person.error();
  auto body = body_object(ctx.request);
  if (!body) return body.error();
  auto a = assessment_of(ctx, *person, body_id(*body, "assessment_id"));
  if (!a) return a.error();
  // Care Act s.18(7): a carer adjustment follows only from a willing-and-able
  // statement recorded when the assessment was confirmed; it cannot be asked
  // for here, nor come from an answer about how much family helps.
  if (body->contains("carer_answer"))
    return validation_problem({{"carer_answer", "A carer adjustment no longer follows an answer about how much family helps: record, when "
                                                "confirming the assessment, the carer who is willing and able to go on meeting which needs"}});
  if (auto it = body->find("carer_adjustment"); it != body->end()) {
    if (!it->value().is_bool()) return validation_problem({{"carer_adjustment", "carer_adjustment must be true or false"}});
    const bool recorded = !storage::list_willing_and_able(ctx.db(), a->council_id, a->person_id, a->id).empty();
    if (it->value().as_bool() && !recorded)
      return validation_problem({{"carer_adjustment", "There is no willing-and-able record for this assessment: a carer adjustment applies "
                                                      "only to needs that a carer recorded for this person has said they are willing and "
                                                      "able to go on meeting, recorded when the assessment is confirmed"}});
    if (!it->value().as_bool() && recorded)
      return validation_problem({{"carer_adjustment", "A willing-and-able statement is recorded for this assessment, so the needs that "
                                                      "carer meets are counted; leave carer_adjustment out"}});
  }
  auto r = services::allocate(ctx.db(), *a, ctx.signed_in_user().id);
  if (!r) return validation_problem(r.error());
  return json_response(allocation_json(*r), 201);
}

http::Response questionnaires(http::Context& ctx) {
  auto decision = ctx.authorize(access::Action::ViewConfiguration);
  if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
  json::array items;
  for (const auto& q : storage::list_questionnaires(ctx.db(), ctx.signed_in_user().council_id)) items.push_back(stored_json(q, false));
  return json_response(json::object{{"questionnaires", std::move(items)}});
}

// Loads a questionnaire or a RAS model sent as the JSON body (administrators).
http::Response load_definition(http::Context& ctx, const char* what,
                               Result<std::int64_t> (*load)(storage::Connection&, CouncilId, const std::string&, std::optional<UserId>),
                               std::optional<storage::StoredDefinition> (*find)(storage::Connection&, CouncilId, std::int64_t),
                               bool with_active) {
  auto decision = ctx.authorize(access::Action::ManageConfiguration);
  if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
  if (!ctx.request.header("content-type").starts_with("application/json"))
    return http::Response::problem(415, "Unsupported media type", std::string("Send the ") + what + " as application/json.");
  const auto& user = ctx.signed_in_user();
  auto id = load(ctx.db(), user.council_id, ctx.request.body, user.id);
  if (!id) return validation_problem(id.error());
  ctx.audit(std::string_view(what) == "questionnaire" ? audit::AuditAction::LoadQuestionnaire : audit::AuditAction::LoadRasConfiguration,
            std::nullopt, access::Outcome::Allowed, std::string(what) + " " + std::to_string(*id));
  return json_response(stored_json(*find(ctx.db(), user.council_id, *id), with_active), 201);
}

http::Response load_questionnaire(http::Context& ctx) {
  return load_definition(ctx, "questionnaire", services::load_questionnaire, storage::find_questionnaire, false);
}

http::Response ras_configurations(http::Context& ctx) {
  // The model is published to everyone signed in (the policy says so): an
  // algorithm that sets public money should be open to the people it affects.
  auto decision = ctx.authorize(access::Action::ViewConfiguration);
  if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
  json::array items;
  for (const auto& r : storage::list_ras_configurations(ctx.db(), ctx.signed_in_user().council_id)) items.push_back(stored_json(r, true));
  return json_response(json::object{{"configurations", std::move(items)}});
}

http::Response load_ras(http::Context& ctx) {
  return load_definition(ctx, "ras_configuration", services::load_ras_configuration, storage::find_ras_configuration, true);
}

http::Response activate_ras(http::Context& ctx) {
  auto decision = ctx.authorize(access::Action::ManageConfiguration);
  if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
  auto id = ctx.request.path_id("id");
  if (!id || !storage::find_ras_configuration(ctx.db(), ctx.signed_in_user().council_id, *id))
    return http::Response::problem(404, "Not found", "There is no such configuration in this council.");
  auto config = services::activate_ras_configuration(ctx.db(), ctx.signed_in_user().council_id, *id);
  if (!config && config.error().front().field == "recalibration")
    return http::Response::problem(409, "See the effect first", config.error().front().message);
  if (!config) return validation_problem(config.error());
  ctx.audit(audit::AuditAction::ActivateRasConfiguration, std::nullopt, access::Outcome::Allowed, "configuration " + std::to_string(config->id));
  return json_response(stored_json(*config, true));
}

// The effect of a model as JSON: the groups over every result, and the first
// 500 results, each naming its person only as far as the user may see them
// (the one projection; each person shown is audited as listed).
json::object effect_json(http::Context& ctx, std::int64_t configuration_id) {
  auto e = services::effect_of(ctx.db(), ctx.signed_in_user().council_id, configuration_id, CivilDate::today_utc(), 500);
  if (!e) return {};
  json::array groups;
  for (const auto& g : e->groups)
    groups.push_back({{"dimension", g.dimension}, {"group", g.label}, {"people", g.people}, {"increased", g.increased},
                      {"decreased", g.decreased}, {"total_change_pence", g.total_change.pence()},
                      {"average_change_pence", g.average_change.pence()}});
  std::vector<people::Person> persons;
  for (const auto& [row, p] : e->first) persons.push_back(p);
  std::map<PersonId, std::pair<people::Person, access::PersonView>> seen;
  for (auto& [p, view] : ctx.list_people(std::move(persons), "the effect of RAS model " + std::to_string(configuration_id)))
    seen.emplace(p.id, std::pair{p, view});
  json::array results;
  std::int64_t unnamed = 0;
  for (const auto& [row, p] : e->first) {
    json::object o{{"old_weekly_pence", row.old_weekly.pence()}, {"new_weekly_pence", row.new_weekly.pence()},
                   {"difference_pence", row.new_weekly.minus(row.old_weekly).value().pence()}};
    auto it = seen.find(row.person_id);
    // Someone the user may not see is a row of amounts, with no one named. So
    // is someone whose care record they do not see (a finance officer): a
    // name beside an exact change would let the groups below (by dementia,
    // by carer) be matched to that person.
    if (it == seen.end() || it->second.second != access::PersonView::CareRecord) {
      ++unnamed;
      results.push_back(std::move(o));
      continue;
    }
    o["person_id"] = row.person_id.value();
    o["name"] = it->second.first.full_name();
    o["view"] = access::person_view_code(it->second.second);
    o["dementia"] = row.dementia;
    o["carer"] = allocation::carer_status_label(row.carer);
    results.push_back(std::move(o));
  }
  return {{"recalibration_id", e->run.id}, {"run_at", e->run.run_at}, {"groups", std::move(groups)}, {"results", std::move(results)},
          {"results_not_named", unnamed}, {"results_not_listed", e->not_listed}};
}

http::Response recalibrate(http::Context& ctx) {
  auto decision = ctx.authorize(access::Action::ManageConfiguration);
  if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
  auto id = ctx.request.path_id("id");
  if (!id || !storage::find_ras_configuration(ctx.db(), ctx.signed_in_user().council_id, *id))
    return http::Response::problem(404, "Not found", "There is no such configuration in this council.");
  auto s = services::recalibrate(ctx.db(), ctx.signed_in_user().council_id, *id, ctx.signed_in_user().id);
  if (!s) return validation_problem(s.error());
  ctx.audit(audit::AuditAction::Recalibrate, std::nullopt, access::Outcome::Allowed, "recalibration " + std::to_string(s->recalibration_id));
  json::object out = effect_json(ctx, *id);
  out["recalibration_id"] = s->recalibration_id;
  out["allocations"] = s->allocations;
  out["increased"] = s->increased;
  out["decreased"] = s->decreased;
  out["total_old_weekly_pence"] = s->total_old_pence;
  out["total_new_weekly_pence"] = s->total_new_pence;
  return json_response(out, 201);
}

// GET …/recalibrations/latest: the effect last worked out for the model.
http::Response latest_effect(http::Context& ctx) {
  auto decision = ctx.authorize(access::Action::ViewReports);
  if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
  auto id = ctx.request.path_id("id");
  if (!id || !storage::find_ras_configuration(ctx.db(), ctx.signed_in_user().council_id, *id))
    return http::Response::problem(404, "Not found", "There is no such configuration in this council.");
  auto out = effect_json(ctx, *id);
  if (out.empty()) return http::Response::problem(404, "Not found", "The effect of this model has not been worked out yet.");
  return json_response(out);
}

}  // namespace

void add_assessment_api(http::Dispatcher& d) {
  using http::Access;
  using http::Method;
  using http::Surface;
  using http::Tx;
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Api, std::move(h)); };
  d.add(Method::Get, "/api/v1/questionnaires", route(questionnaires));
  d.add(Method::Post, "/api/v1/questionnaires", route(load_questionnaire));
  d.add(Method::Get, "/api/v1/ras/configurations", route(ras_configurations));
  d.add(Method::Post, "/api/v1/ras/configurations", route(load_ras));
  d.add(Method::Post, "/api/v1/ras/configurations/{id}/activation", route(activate_ras));
  d.add(Method::Post, "/api/v1/ras/configurations/{id}/recalibrations", route(recalibrate));
  d.add(Method::Get, "/api/v1/ras/configurations/{id}/recalibrations/latest", route(latest_effect));
  d.add(Method::Get, "/api/v1/people/{id}/assessments", route(list_assessments));
  d.add(Method::Post, "/api/v1/people/{id}/assessments", route(start));
  d.add(Method::Get, "/api/v1/people/{id}/assessments/{assessment_id}", route(show));
  d.add(Method::Patch, "/api/v1/people/{id}/assessments/{assessment_id}", route(save));
  d.add(Method::Post, "/api/v1/people/{id}/assessments/{assessment_id}/confirmation", route(confirm));
  d.add(Method::Get, "/api/v1/people/{id}/eligibility", route(eligibility));
  d.add(Method::Post, "/api/v1/people/{id}/eligibility", route(decide));
  d.add(Method::Get, "/api/v1/people/{id}/allocations", route(allocations));
  d.add(Method::Post, "/api/v1/people/{id}/allocations", route(allocate));
}

}  // namespace patchwork::api
