// Support plans as pages: the list of a person's plans and their versions, a
// plan page with each part added on a page of its own (kinder than one long
// form, and no JavaScript needed), submitting, agreement, a new version after a
// decision, and a plain-English plan to print. Every look and change is decided
// by the policy (view_plan, draft_plan, agree_plan) and written in the audit trail.
#include "web/planning/plan_pages.hpp"

#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "domain/assessment/eligibility.hpp"
#include "domain/people/representation.hpp"
#include "domain/budgets/budget.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/providers_repository.hpp"
#include "services/plan_approval_service.hpp"
#include "storage/repositories/approvals_repository.hpp"
#include "domain/planning/involvement.hpp"
#include "services/plans_service.hpp"
#include "storage/repositories/person_records_repository.hpp"
#include "storage/repositories/plans_repository.hpp"
#include "web/forms.hpp"
#include "web/people/person_pages.hpp"
#include "web/monitoring/monitoring_pages.hpp"
#include "web/routes.hpp"

namespace patchwork::web {

using http::Context;
using http::Method;
using http::Response;
using http::Surface;

ProviderNames provider_names(storage::Connection& c, CouncilId council) {
  ProviderNames names;
  for (const auto& p : storage::list_providers(c, council)) names[p.id.value()] = p.name;
  return names;
}

// A part in plain words, never its letter: the letter ("A") is only how a
// support line names the part while the plan is written, and means nothing to
// the person reading it. "an individual service fund" is explained where it is used.
std::string part_name(const budgets::Part& part, const people::Person& person, const ProviderNames& providers) {
  switch (part.mechanism) {
    case budgets::Mechanism::DirectPayment: {
      const bool to_person = !part.direct_payment || part.direct_payment->recipient == budgets::Recipient::Person;
      return "a direct payment to " + (to_person ? person.given_name : part.direct_payment->recipient_name);
    }
    case budgets::Mechanism::IndividualServiceFund: {
      auto named = part.service_fund ? providers.find(part.service_fund->provider_id) : providers.end();
      return "money held by " + (named != providers.end() ? named->second : std::string("a provider")) + " for " + person.given_name +
             " (an individual service fund)";
    }
    case budgets::Mechanism::CouncilManaged: return "support the council arranges";
  }
  return "support the council arranges";
}

namespace {

const std::vector<std::string> kParts = {"details", "outcomes", "parts", "lines", "unmet-needs", "risks"};

std::string plans_href(const people::Person& p) { return "/people/" + p.id.text() + "/plans"; }
}  // namespace

std::string plan_href(const people::Person& p, const planning::SupportPlan& plan) { return plans_href(p) + "/" + std::to_string(plan.id); }

std::string plan_about(const planning::SupportPlan& p) {
  return "plan " + std::to_string(p.plan_number) + " version " + std::to_string(p.version) + " (id " + std::to_string(p.id) + ")";
}

std::string plan_caption(const people::Person& person, const planning::SupportPlan& p) {
  return "Support plan " + std::to_string(p.plan_number) + ", version " + std::to_string(p.version) + " for " + person.full_name();
}

namespace {

std::string need_title(std::string_view code) {
  auto o = assessment::outcome_from_code(code);
  return o ? std::string(assessment::outcome_title(*o)) : std::string(code);
}

std::string plan_title(const planning::SupportPlan& p) {
  return "Support plan " + std::to_string(p.plan_number) + ", version " + std::to_string(p.version);
}

std::string status_label(const planning::SupportPlan& p) { return people::label_for(planning::plan_statuses(), p.status); }

Options options_of(const people::CodeList& list) {
  Options o;
  for (const auto& c : list) o.emplace_back(std::string(c.value), std::string(c.label));
  return o;
}

// The fields of each page, as the domain reads them, from the posted form.
people::Fields fields_from(const http::Request& r, std::string_view what) {
  auto v = [&r](const char* k) { return r.form_value(k); };
  auto joined = [&r](const char* k) {
    std::string s;
    for (const auto& x : r.form_all(k)) s += (s.empty() ? "" : ",") + x;
    return s;
  };
  if (what == "details")
    return {{"drafted_by_kind", v("drafted_by_kind")}, {"helped_by", v("helped_by")}, {"views_included", v("views_included")},
            {"interim", v("interim")}, {"interim_reason", v("interim_reason")}, {"interim_ends_on", date_from_form(r, "interim_ends_on")},
            {"effective_from", date_from_form(r, "effective_from")}, {"backup_cover", v("backup_cover")}, {"who_to_call", v("who_to_call")},
            {"contingency_amount", v("contingency_amount")}, {"wellbeing", v("wellbeing")}, {"prevention_advice", v("prevention_advice")}};
  if (what == "outcomes") return {{"words", v("words")}, {"aim", v("aim")}, {"needs", joined("needs")}};
  if (what == "parts")
    return {{"key", v("key")}, {"mechanism", v("mechanism")}, {"recipient", v("recipient")}, {"recipient_name", v("recipient_name")},
            {"held_in", v("held_in")}, {"organisation", v("organisation")}, {"provider_id", v("provider_id")}, {"terms", v("terms")},
            {"manages", v("manages")}, {"manages_help", v("manages_help")}, {"manages_decided_by", v("manages_decided_by")},
            {"manages_decided_on", date_from_form(r, "manages_decided_on")}, {"recipient_agreed_on", date_from_form(r, "recipient_agreed_on")},
            {"authorised_as", v("authorised_as")}, {"representative_id", v("representative_id")},
            {"suitable_decided_by", v("suitable_decided_by")}, {"suitable_decided_on", date_from_form(r, "suitable_decided_on")},
            {"supported_by", v("supported_by")}};
  if (what == "lines") {
    people::Fields f{{"description", v("description")}, {"supplier_kind", v("supplier_kind")}, {"supplier_name", v("supplier_name")},
                     {"provider_id", v("provider_id")}, {"unit_cost", v("unit_cost")}, {"cost_frequency", v("cost_frequency")},
                     {"planned_units_per_week", v("planned_units_per_week")}, {"service_type", v("service_type")},
                     {"service_component", v("service_component")}, {"part", v("part")}, {"outcomes", joined("outcomes")},
                     {"necessity_reason", v("necessity_reason")}, {"necessity_decided_by", v("necessity_decided_by")},
                     {"necessity_decided_on", date_from_form(r, "necessity_decided_on")}, {"payee_relationship", v("payee_relationship")}};
    // Where they live matters only for a close relative; an unanswered question is named by the domain.
    if (v("payee_relationship") == "close_relative") f["family_in_household"] = v("family_in_household");
    return f;
  }
  if (what == "unmet-needs") return {{"need", v("need")}, {"reason", v("reason")}};
  if (what == "risks") return {{"risk", v("risk")}, {"agreed", v("agreed")}, {"agreed_by", v("agreed_by")}};
  if (what == "agreement")
    return {{"agreed_by_kind", v("agreed_by_kind")}, {"agreed_by_name", v("agreed_by_name")}, {"agreed_on", date_from_form(r, "agreed_on")}};
  if (what == "version") return {{"effective_from", date_from_form(r, "effective_from")}};
  return {};
}

// What a form shows: what was posted, or on first showing the plan's own values (details only).
struct Shown {
  const http::Request& r;
  const planning::SupportPlan* plan;
  bool post() const { return r.method == Method::Post; }
  std::string operator()(const char* k, const std::string& current = "") const { return post() ? r.form_value(k) : current; }
};

void details_fields(List& l, const Shown& s, const ErrorMap& e, const planning::SupportPlan* p) {
  l.push_back(radios_field({"drafted_by_kind", "Who wrote the plan?", ""}, options_of(planning::drafted_by_kinds()),
                           s("drafted_by_kind", p ? p->drafted_by_kind : ""), e));
  l.push_back(radios_field({"helped_by", "Who helped?", ""}, options_of(planning::helped_by_kinds()), s("helped_by", p ? p->helped_by : ""), e));
  l.push_back(radios_field({"views_included", "How fully are the person's own views included?", ""}, options_of(planning::views_included()),
                           s("views_included", p ? p->views_included : ""), e));
  l.push_back(date_field({"effective_from", "When should the plan start? (optional)", "For example, 4 1 2027"},
                         form_date_value(s.r, "effective_from", p && p->effective_from ? p->effective_from->iso() : ""), e));
  // Care Act 2014 s.25(1)(d) and (f): both are printed on the plan.
  l.push_back(heading_field("What matters, and staying well"));
  l.push_back(textarea_field({"wellbeing", "What matters most to the person's well-being, in their own words?",
                              "For example, \"Seeing my grandchildren on Sundays and keeping my garden\""},
                             s("wellbeing", p ? p->wellbeing : ""), e));
  l.push_back(textarea_field({"prevention_advice", "What advice was given on staying well and stopping needs from growing?",
                              "For example, a falls check at the GP, the handyperson scheme, a lunch club. Write it as you would say it to them"},
                             s("prevention_advice", p ? p->prevention_advice : ""), e));
  l.push_back(heading_field("If things go wrong"));
  l.push_back(textarea_field({"backup_cover", "What happens if the support cannot come?", "For example, who covers if a carer is ill"},
                             s("backup_cover", p ? p->backup_cover : ""), e));
  l.push_back(textarea_field({"who_to_call", "Who should they call?", "Names and phone numbers"}, s("who_to_call", p ? p->who_to_call : ""), e));
  l.push_back(text_field({"contingency_amount", "Money kept for emergencies (optional)", "In pounds, for example 150.00"},
                         s("contingency_amount", p && p->contingency_amount.pence() ? p->contingency_amount.decimal() : ""), e,
                         "govuk-input--width-10"));
  l.push_back(heading_field("Interim plan"));
  l.push_back(radios_field({"interim", "Is this an interim plan, for a short time only?", ""}, {{"no", "No"}, {"yes", "Yes"}},
                           s("interim", p && p->interim ? "yes" : "no"), e, true));
  l.push_back(radios_field({"interim_reason", "If it is interim, why?", ""}, options_of(planning::interim_reasons()),
                           s("interim_reason", p ? p->interim_reason : ""), e));
  l.push_back(date_field({"interim_ends_on", "If it is interim, when does it end?", "For example, 1 3 2027"},
                         form_date_value(s.r, "interim_ends_on", p && p->interim_ends_on ? p->interim_ends_on->iso() : ""), e));
}

List fields_for(std::string_view what, const Shown& s, const ErrorMap& e, const planning::SupportPlan& plan, const people::Person& person,
                std::span<const people::Relationship> relationships = {}) {
  List l;
  if (what == "details") details_fields(l, s, e, &plan);
  else if (what == "outcomes") {
    l.push_back(textarea_field({"words", "What does " + person.given_name + " want, in their own words?",
                                "For example, \"I want to stay in my own home and keep my garden\""}, s("words"), e));
    l.push_back(radios_field({"aim", "Is this something to change, or to keep as it is?", ""}, options_of(planning::outcome_aims()), s("aim"), e));
    Options needs;
    for (const auto& n : plan.eligible_needs) needs.emplace_back(n, need_title(n));
    l.push_back(checkboxes_field({"needs", "Which of the eligible needs is it about?", "Choose all that apply"}, needs,
                                 s.post() ? s.r.form_all("needs") : std::vector<std::string>{}, e));
  } else if (what == "parts") {
    l.push_back(text_field({"key", "A letter for this part", "For example, A. Support lines say which part pays for them by this letter"},
                           s("key"), e, "govuk-input--width-3"));
    Options mechanisms;
    for (auto m : budgets::mechanisms()) mechanisms.emplace_back(std::string(budgets::mechanism_code(m)), std::string(budgets::mechanism_label(m)));
    l.push_back(radios_field({"mechanism", "How is this part managed?", ""}, mechanisms, s("mechanism"), e));
    l.push_back(heading_field("For a direct payment"));
    Options recipients;
    for (auto r : budgets::recipients()) recipients.emplace_back(std::string(budgets::recipient_code(r)), std::string(budgets::recipient_label(r)));
    l.push_back(radios_field({"recipient", "Who receives the money?", ""}, recipients, s("recipient"), e));
    l.push_back(text_field({"recipient_name", "Their name, if it is not " + person.given_name, ""}, s("recipient_name"), e));
    Options holdings;
    for (auto h : budgets::holdings()) holdings.emplace_back(std::string(budgets::held_in_code(h)), std::string(budgets::held_in_label(h)));
    l.push_back(radios_field({"held_in", "Where is the money kept?", ""}, holdings, s("held_in"), e));
    l.push_back(text_field({"organisation", "The organisation that runs the account or payroll, if there is one", ""}, s("organisation"), e));
    // Care Act 2014 s.31(6), s.32(8): the council's own finding (budgets::ManagingFinding).
    l.push_back(radios_field({"manages", "Is the council satisfied that whoever receives the money can manage it?",
                              "By themself, or with help they will be able to get, such as a direct payments support service"},
                             {{"by_themself", "Yes, by themself"}, {"with_help", "Yes, with help"}, {"no", "No"}}, s("manages"), e));
    l.push_back(textarea_field({"manages_help", "If with help, what help?", "For example, a support service keeps the accounts and runs the payroll"},
                               s("manages_help"), e));
    l.push_back(text_field({"manages_decided_by", "Who decided this for the council?", "Their name and role"}, s("manages_decided_by"), e));
    l.push_back(date_field({"manages_decided_on", "When was it decided?", "For example, 27 11 2026"}, form_date_value(s.r, "manages_decided_on", ""), e));
    l.push_back(heading_field("If the money goes to someone other than " + person.given_name));
    l.push_back(date_field({"recipient_agreed_on", "When did they agree to receive it?",
                            "For an authorised person, the date they asked for the direct payment. For example, 27 11 2026"},
                           form_date_value(s.r, "recipient_agreed_on", ""), e));
    // s.32(4): how an authorised person is authorised.
    const auto makers = budgets::care_decision_makers(relationships);
    Options deciders;
    for (const auto* r : makers) deciders.emplace_back(std::to_string(r->id), r->name + " (" + people::relationship_role_label(r->role) + ")");
    const std::string no_deciders =
        deciders.empty() ? person.given_name + "'s record has no health and welfare attorney or deputy for personal welfare. If the "
                           "authorised person is one, record them on " + person.given_name + "'s record first."
                         : std::string();
    l.push_back(radios_field({"authorised_as", "Only for an authorised person: why may they receive it?", no_deciders},
                             {{"attorney_or_deputy", "They are " + person.given_name + "'s health and welfare attorney, or deputy for personal welfare"},
                              {"suitable", "The council considers them suitable"}},
                             s("authorised_as"), e));
    if (!deciders.empty())
      l.push_back(radios_field({"representative_id", "If they are the attorney or deputy, which one?", ""}, deciders, s("representative_id"), e));
    l.push_back(text_field({"suitable_decided_by", "If the council considers them suitable: who decided?", "Their name and role"},
                           s("suitable_decided_by"), e));
    l.push_back(date_field({"suitable_decided_on", "When was that decided?", "For example, 27 11 2026"},
                           form_date_value(s.r, "suitable_decided_on", ""), e));
    if (!deciders.empty())
      l.push_back(radios_field({"supported_by", "If they are not the attorney or deputy: which attorney or deputy supports paying them?",
                                "The law lets someone else receive it only when an attorney or deputy agrees and supports it"},
                               deciders, s("supported_by"), e));
    l.push_back(heading_field("For an individual service fund"));
    l.push_back(text_field({"provider_id", "The provider's reference on the council's register", ""}, s("provider_id"), e, "govuk-input--width-10"));
    l.push_back(textarea_field({"terms", "What the provider has agreed to do with the money", ""}, s("terms"), e));
  } else if (what == "lines") {
    l.push_back(textarea_field({"description", "What is the support?", "For example, help to wash and dress each morning"}, s("description"), e));
    l.push_back(radios_field({"supplier_kind", "Who will give it?", ""}, options_of(planning::supplier_kinds()), s("supplier_kind"), e));
    l.push_back(text_field({"supplier_name", "Their name", "Leave empty if they are still to be found"}, s("supplier_name"), e));
    l.push_back(text_field({"provider_id", "The provider's reference on the council's register (for a registered provider)", ""},
                           s("provider_id"), e, "govuk-input--width-10"));
    l.push_back(heading_field("What it costs"));
    l.push_back(text_field({"unit_cost", "Cost", "In pounds, for example 21.50"}, s("unit_cost"), e, "govuk-input--width-10"));
    Options freq{{"", "Choose how often"}};
    for (auto f : planning::cost_frequencies()) freq.emplace_back(std::string(planning::national_code(f)), std::string(planning::label(f)));
    l.push_back(select_field({"cost_frequency", "How often is that cost paid?", ""}, freq, s("cost_frequency"), e));
    l.push_back(text_field({"planned_units_per_week", "How many hours, days or sessions a week?",
                            "Only for a cost per hour, per day or per session. Quarter hours are fine, for example 10.25"},
                           s("planned_units_per_week"), e, "govuk-input--width-5"));
    l.push_back(heading_field("For the national return"));
    Options types{{"", "Choose the kind of service"}}, components{{"", "Choose what the service is"}};
    for (const auto& c : planning::service_types()) types.emplace_back(std::string(c.value), std::string(c.label));
    for (const auto& c : planning::service_components()) components.emplace_back(std::string(c.value), std::string(c.label));
    l.push_back(select_field({"service_type", "Kind of service", ""}, types, s("service_type", "Long Term Support: Community"), e));
    l.push_back(select_field({"service_component", "What the service is", ""}, components, s("service_component"), e));
    l.push_back(heading_field("What it is for and who pays"));
    Options parts, outcomes;
    for (const auto& p : plan.parts) parts.emplace_back(p.key, std::string(budgets::mechanism_label(p.mechanism)) + " (part " + p.key + ")");
    for (const auto& o : plan.outcomes) outcomes.emplace_back(std::to_string(o.number), std::to_string(o.number) + ". " + o.words);
    l.push_back(radios_field({"part", "Which part of the budget pays for it?", ""}, parts, s("part"), e));
    l.push_back(checkboxes_field({"outcomes", "Which outcomes does it help with?", "Choose all that apply"}, outcomes,
                                 s.post() ? s.r.form_all("outcomes") : std::vector<std::string>{}, e));
    l.push_back(heading_field("If a direct payment pays a person"));
    Options payees;
    for (auto r : budgets::payee_relationships())
      payees.emplace_back(std::string(budgets::payee_relationship_code(r)), std::string(budgets::payee_relationship_label(r)));
    l.push_back(radios_field({"payee_relationship", "Who are they to " + person.given_name + "?",
                              "Asked for a personal assistant, a paid family member or a micro-enterprise paid by a direct payment"},
                             payees, s("payee_relationship"), e));
    l.push_back(radios_field({"family_in_household", "If a close relative: do they live in the same household as " + person.given_name + "?", ""},
                             {{"no", "No"}, {"yes", "Yes"}}, s("family_in_household"), e, true));
    l.push_back(textarea_field({"necessity_reason", "If a direct payment pays a partner, or a close relative in the same household: why the council decided it is necessary", ""},
                               s("necessity_reason"), e));
    l.push_back(text_field({"necessity_decided_by", "Who decided it is necessary", ""}, s("necessity_decided_by"), e));
    l.push_back(date_field({"necessity_decided_on", "When it was decided", "For example, 27 11 2026"}, form_date_value(s.r, "necessity_decided_on", ""), e));
  } else if (what == "unmet-needs") {
    Options needs;
    for (const auto& n : plan.eligible_needs) needs.emplace_back(n, need_title(n));
    l.push_back(radios_field({"need", "Which eligible need has no support line?", ""}, needs, s("need"), e));
    l.push_back(textarea_field({"reason", "Why not?", "For example, her husband meets this need and wants to go on doing so"}, s("reason"), e));
  } else if (what == "risks") {
    l.push_back(textarea_field({"risk", "What is the risk?", "For example, she wants to go out walking on her own"}, s("risk"), e));
    l.push_back(textarea_field({"agreed", "What was agreed?", ""}, s("agreed"), e));
    l.push_back(text_field({"agreed_by", "Who agreed it?", "Names, for example Margaret, her daughter Sarah and the social worker"}, s("agreed_by"), e));
  }
  return l;
}

struct PageText { std::string heading; std::string lead; std::string submit; };
PageText text_for(std::string_view what, const people::Person& p) {
  if (what == "details") return {"About the plan", "Who wrote it, what matters to the person, the advice given on staying well, and what happens if things go wrong.", "Save"};
  if (what == "outcomes") return {"Add an outcome", "Something " + p.given_name + " wants from their support, in their own words.", "Add the outcome"};
  if (what == "parts") return {"Add a part of the budget", "Each part is managed its own way: a direct payment, an individual service fund, or arranged by the council.", "Add the part"};
  if (what == "lines") return {"Add a support line", "One kind of support: what it is, who gives it, and what it costs.", "Add the support line"};
  if (what == "unmet-needs") return {"Say why a need has no support line", "Every eligible need is met by the plan, or the plan says why not.", "Save the reason"};
  return {"Add a risk agreement", "A risk " + p.given_name + " chooses to take, and what was agreed about it.", "Add the risk agreement"};
}

}  // namespace

std::expected<std::pair<people::Person, planning::SupportPlan>, Response> plan_of(Context& ctx, access::Action action) {
  auto person = person_page_for(ctx, action);
  if (!person) return std::unexpected(person.error());
  auto id = ctx.request.path_id("plan");
  auto plan = id ? storage::find_plan(ctx.db(), person->council_id, person->id, *id) : std::nullopt;
  if (!plan) return std::unexpected(error_page(ctx, 404, "Page not found", "There is no such support plan for this person."));
  if (auto why = services::hidden_from_provider(ctx.db(), ctx.signed_in_user().role, *plan, CivilDate::today_utc())) {
    ctx.audit(audit::AuditAction::ViewPlan, person->id, access::Outcome::Refused, plan_about(*plan) + ": " + *why);
    return std::unexpected(error_page(ctx, 403, "You cannot see this version of the plan",
                                      "A provider can see only the version of " + person->given_name + "'s plan that is in force today."));
  }
  return std::pair{*person, *plan};
}

namespace {

Response edit_form(Context& ctx, const people::Person& person, const planning::SupportPlan& plan, std::string_view what,
                   const FieldErrors& errors) {
  auto t = text_for(what, person);
  FormPage form{t.heading, plan_caption(person, plan), t.heading, t.lead, ctx.request.path, t.submit,
                plan_href(person, plan)};
  const auto relationships = what == "parts" ? storage::list_relationships(ctx.db(), person.council_id, person.id)
                                             : std::vector<people::Relationship>{};
  form.fields = fields_for(what, Shown{ctx.request, &plan}, error_map(errors), plan, person, relationships);
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response edit_get(Context& ctx, std::string_view what) {
  auto found = plan_of(ctx, access::Action::DraftPlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  if (auto e = planning::frozen(plan)) return error_page(ctx, 409, "This plan cannot be changed", e->message);
  return edit_form(ctx, person, plan, what, {});
}

Response edit_post(Context& ctx, std::string_view what) {
  auto found = plan_of(ctx, access::Action::DraftPlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  auto changed = services::change_plan(ctx.db(), person, plan, what, fields_from(ctx.request, what), CivilDate::today_utc());
  if (!changed) return edit_form(ctx, person, plan, what, changed.error());
  ctx.audit(audit::AuditAction::ChangePlan, person.id, access::Outcome::Allowed, std::string(what) + " of " + plan_about(*changed));
  return Response::redirect(plan_href(person, *changed));
}

Response remove_post(Context& ctx, std::string_view what) {
  auto found = plan_of(ctx, access::Action::DraftPlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  auto item = ctx.request.path_params.find("item");
  auto changed = services::remove_from_plan(ctx.db(), plan, what, item == ctx.request.path_params.end() ? "" : item->second);
  if (!changed) return error_page(ctx, 409, "This could not be removed", changed.error()[0].message);
  ctx.audit(audit::AuditAction::ChangePlan, person.id, access::Outcome::Allowed, "removed from " + std::string(what) + " of " + plan_about(*changed));
  return Response::redirect(plan_href(person, *changed));
}

// ---- the list and a new plan ----

Response list_page(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ViewPlan);
  if (!person) return person.error();
  List plans;
  for (const auto& p : services::plans_listed_for(ctx.db(), ctx.signed_in_user().role, *person, CivilDate::today_utc()))
    plans.push_back(Object{{"title", plan_title(p)}, {"href", plan_href(*person, p)}, {"status", status_label(p)},
                           {"effective_from", p.effective_from ? p.effective_from->display() : std::string("Not set")}});
  ctx.audit(audit::AuditAction::ViewPlan, person->id, access::Outcome::Allowed, "the list of support plans");
  Data content;
  content.set("name", person->full_name());
  content.set("person_href", "/people/" + person->id.text());
  content.set("plans", plans);
  if (plans.empty()) content.set("no_plans", true);
  if (may_on(ctx, access::Action::DraftPlan, *person)) content.set("new_href", plans_href(*person) + "/new");
  return page(ctx, "planning/plans", content, "Support plans: " + person->full_name());
}

Response new_form(Context& ctx, const people::Person& person, const FieldErrors& errors) {
  FormPage form{"Start a support plan", person.full_name(), "Start a support plan",
                "The plan says how " + person.given_name + "'s eligible needs will be met. You add outcomes, parts and support lines next, "
                "one at a time, and can come back to it as often as you need.",
                plans_href(person), "Start the plan", plans_href(person)};
  ErrorMap e = error_map(errors);
  // The eligibility error has no field of its own on this form: it is shown in the summary.
  Shown s{ctx.request, nullptr};
  planning::SupportPlan defaults;
  defaults.drafted_by_kind = std::string(services::drafted_by_for(ctx.signed_in_user().role));
  details_fields(form.fields, s, e, &defaults);
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response new_get(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::DraftPlan);
  if (!person) return person.error();
  return new_form(ctx, *person, {});
}

Response create_post(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::DraftPlan);
  if (!person) return person.error();
  auto plan = services::start_plan(ctx.db(), *person, fields_from(ctx.request, "details"),
                                   services::drafted_by_for(ctx.signed_in_user().role), ctx.signed_in_user().id, CivilDate::today_utc());
  if (!plan) return new_form(ctx, *person, plan.error());
  ctx.audit(audit::AuditAction::ChangePlan, person->id, access::Outcome::Allowed, "started " + plan_about(*plan));
  return Response::redirect(plan_href(*person, *plan));
}

// ---- the plan page and the printable plan ----

// The register's names by id, so a part a provider holds is named, not numbered.


std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = char(s[0] - 'a' + 'A');
  return s;
}

// "£21.50 an hour, 10 hours 15 minutes a week": never "10.25 hours".
std::string cost_text(const planning::SupportLine& l) {
  std::string s = planning::unit_cost_in_words(l.cost_input.unit_cost.value_or(Money{}), l.cost.frequency);
  if (l.cost_input.units_per_week) s += ", " + planning::units_in_words(*l.cost_input.units_per_week, l.cost.frequency);
  return s;
}

std::string to_lower_first(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = char(s[0] - 'A' + 'a');
  return s;
}

std::string date_of_timestamp(const std::string& at) {
  auto d = at.size() >= 10 ? CivilDate::parse_iso(at.substr(0, 10)) : std::nullopt;
  return d ? d->display() : std::string();
}

Data plan_content(Context& ctx, const people::Person& person, const services::PlanRead& r, bool may_edit) {
  const auto& p = r.plan;
  const auto href = plan_href(person, p);
  const auto providers = provider_names(ctx.db(), person.council_id);
  Data c;
  c.set("name", person.full_name());
  c.set("given_name", person.given_name);
  c.set("person_href", "/people/" + person.id.text());
  c.set("plans_href", plans_href(person));
  c.set("title", plan_title(p));
  c.set("href", href);
  c.set("status", status_label(p));
  if (p.status == "submitted") c.set("frozen_submitted", true);
  if (p.status == "returned") c.set("returned", true);
  if (!p.submitted_at.empty()) c.set("submitted_on", date_of_timestamp(p.submitted_at));
  // What the approver said, where the person and whoever writes the plan read
  // it: the questions to answer, or why the plan was not approved.
  if (p.status == "returned" || p.status == "refused") {
    const planning::ApprovalRequest* said = nullptr;
    const auto requests = storage::list_approval_requests_for_person(ctx.db(), p.council_id, p.person_id);
    for (const auto& request : requests)
      if (request.plan_id == p.id && !request.decision_text.empty() && (!said || request.id > said->id)) said = &request;
    if (said) {
      c.set("decision_heading", p.status == "returned" ? "The approver's questions" : "Why the plan was not approved");
      c.set("decision_text", said->decision_text);
    }
  }
  if (p.status == "refused") {
    // A refusal says what happens next: who will talk to the person, that the
    // decision can be looked at again, how to complain and the Ombudsman
    // (the shared if_you_disagree partial, as on the eligibility letter).
    c.set("refused", true);
    c.set("disagree_about", "the decision on the plan");
    add_worker_contact(ctx, person, c);
    if (ctx.council()) c.set("council_name", ctx.council()->name);
  }
  if (p.effective_from) c.set("effective_from", p.effective_from->display());
  c.set("drafted_by", people::label_for(planning::drafted_by_kinds(), p.drafted_by_kind));
  c.set("helped_by", p.helped_by.empty() ? std::string("Not recorded") : people::label_for(planning::helped_by_kinds(), p.helped_by));
  c.set("views_included", p.views_included.empty() ? std::string("Not recorded") : people::label_for(planning::views_included(), p.views_included));
  if (p.interim)
    c.set("interim", "Yes: " + to_lower_first(people::label_for(planning::interim_reasons(), p.interim_reason)) +
                         (p.interim_ends_on ? ", until " + p.interim_ends_on->display() : std::string()));
  c.set("weekly", r.totals.plan.weekly.display());
  c.set("yearly", r.totals.plan.yearly.display());
  if (r.totals.plan.one_off.pence()) c.set("one_off", r.totals.plan.one_off.display());
  if (p.indicative_weekly) c.set("indicative", p.indicative_weekly->display());
  c.set("backup_cover", p.backup_cover.empty() ? std::string("Not written yet") : p.backup_cover);
  c.set("who_to_call", p.who_to_call.empty() ? std::string("Not written yet") : p.who_to_call);
  if (p.contingency_amount.pence()) c.set("contingency", p.contingency_amount.display());
  c.set("wellbeing", p.wellbeing.empty() ? std::string("Not written yet") : p.wellbeing);
  c.set("prevention_advice", p.prevention_advice.empty() ? std::string("Not written yet") : p.prevention_advice);
  if (!p.agreed_by_name.empty())
    c.set("agreement", p.agreed_by_name + " (" + to_lower_first(people::label_for(planning::agreed_by_kinds(), p.agreed_by_kind)) + ") agreed on " +
                           (p.agreed_on ? p.agreed_on->display() : std::string()));
  const bool editable = may_edit && p.editable();
  if (editable) c.set("editable", true);
  // Involvement and agreement (s.25(3), s.25(5); involvement_pages.cpp).
  List involved;
  for (const auto& i : p.involved) {
    Object x{{"name", i.name}, {"kind", people::label_for(planning::involvement_kinds(), i.kind)}, {"how", i.how}};
    if (editable) x["remove"] = href + "/involved/" + std::to_string(i.number) + "/remove";
    involved.push_back(x);
  }
  c.set("involved", involved);
  if (involved.empty()) c.set("no_involved", true);
  else c.set("has_involved", true);
  if (!p.no_agreement_reason.empty()) {
    c.set("no_agreement_reason", p.no_agreement_reason);
    if (p.no_agreement_on) c.set("no_agreement_on", p.no_agreement_on->display());
  }
  if (may_on(ctx, access::Action::AgreePlan, person) && (p.editable() || p.status == "submitted"))
    c.set("no_agreement_href", href + "/no-agreement");
  if ((p.status == "approved" || p.status == "superseded") && may_on(ctx, access::Action::ReviewPlan, person))
    c.set("reviews_href", "/people/" + person.id.text() + "/reviews");
  List needs, outcomes, parts, lines, unmet, risks;
  for (const auto& n : p.eligible_needs) {
    // s.25(1)(c): each need the council must meet, and how.
    const auto meeting = planning::lines_meeting(p, n);
    std::string met_by;
    // A list of the support as well as the sentence: a need met by several
    // lines reads as one very long sentence otherwise (#17, plain English).
    List met_by_lines;
    for (std::size_t i = 0; i < meeting.size(); ++i) {
      met_by += std::string(i == 0 ? "" : i + 1 == meeting.size() ? " and " : ", ") + "support " + std::to_string(meeting[i]->number) +
                " (" + to_lower_first(meeting[i]->description) + ")";
      met_by_lines.push_back(Object{{"number", std::to_string(meeting[i]->number)}, {"description", meeting[i]->description}});
    }
    Object x{{"title", need_title(n)}};
    if (!met_by.empty()) {
      x["met_by"] = met_by;
      x["met_by_lines"] = met_by_lines;
    }
    for (const auto& u : p.unmet)
      if (u.need == n) x["unmet_reason"] = u.reason;
    needs.push_back(x);
  }
  if (!r.needs_without_lines.empty()) c.set("has_gaps", true);
  List gaps;
  for (const auto& n : r.needs_without_lines) gaps.push_back(Object{{"title", need_title(n)}});
  for (const auto& o : p.outcomes) {
    std::string about_needs;
    for (const auto& n : o.needs) about_needs += (about_needs.empty() ? "" : "; ") + need_title(n);
    Object x{{"number", std::to_string(o.number)}, {"words", o.words}, {"aim", people::label_for(planning::outcome_aims(), o.aim)},
             {"needs", about_needs}};
    if (editable) x["remove"] = href + "/outcomes/" + std::to_string(o.number) + "/remove";
    outcomes.push_back(x);
  }
  for (std::size_t i = 0; i < p.parts.size(); ++i) {
    const auto& part = p.parts[i];
    std::string how = capitalised(part_name(part, person, providers));
    if (part.direct_payment) {
      how += ", " + to_lower_first(std::string(budgets::held_in_label(part.direct_payment->held_in)));
      if (!part.direct_payment->organisation.empty()) how += " (" + part.direct_payment->organisation + ")";
      if (const auto& m = part.direct_payment->managing)
        how += ". The council found they can manage it " +
               (m->manages == budgets::Manages::WithHelp ? "with help: " + m->help : std::string("by themself")) + " (" + m->decided_by +
               ", " + m->decided_on.display() + ")";
      else
        how += ". Not yet recorded: the council's finding that they can manage it";
      if (const auto& a = part.direct_payment->authorised)
        how += a->as == budgets::AuthorisedAs::AttorneyOrDeputy ? ". Authorised as " + person.given_name + "'s attorney or deputy"
                                                                : ". Authorised because the council considers them suitable (" +
                                                                      a->suitable_decided_by + ")";
    }
    const auto cost = i < r.totals.parts.size() ? r.totals.parts[i].cost : planning::PlanCost{};
    Object x{{"key", part.key}, {"name", capitalised(part_name(part, person, providers))}, {"how", how},
             {"weekly", cost.weekly.display()}, {"yearly", cost.yearly.display()}};
    if (cost.one_off.pence()) x["one_off"] = cost.one_off.display();
    if (part.mechanism == budgets::Mechanism::DirectPayment) {
      // s.25(2)(b): the amount and frequency of the direct payment.
      if (auto each = budgets::direct_payment_instalment(cost.weekly); each && cost.weekly.pence() > 0)
        x["instalment"] = each->display();
      std::string met;
      for (const auto& n : planning::needs_met_by_part(p, part.key)) met += (met.empty() ? "" : "; ") + need_title(n);
      if (!met.empty()) x["meets"] = met;  // s.25(2)(a): the needs it meets
    }
    if (part.mechanism == budgets::Mechanism::IndividualServiceFund) x["isf"] = true;
    if (editable) x["remove"] = href + "/parts/" + part.key + "/remove";
    parts.push_back(x);
  }
  for (const auto& l : p.lines) {
    std::string serves;
    for (int n : l.outcomes) serves += (serves.empty() ? "" : ", ") + std::to_string(n);
    std::string from = l.supplier_name.empty() ? people::label_for(planning::supplier_kinds(), l.supplier_kind)
                                               : l.supplier_name + " (" + to_lower_first(people::label_for(planning::supplier_kinds(), l.supplier_kind)) + ")";
    const auto* paying = p.part(l.part_key);
    Object x{{"number", std::to_string(l.number)}, {"description", l.description}, {"from", from}, {"cost", cost_text(l)},
             {"weekly", l.cost.frequency == planning::CostFrequency::OneOff ? l.cost.one_off.display() + " once" : l.cost.weekly.display() + " a week"},
             {"part", paying ? capitalised(part_name(*paying, person, providers)) : "Part " + l.part_key}, {"serves", serves}};
    if (editable) x["remove"] = href + "/lines/" + std::to_string(l.number) + "/remove";
    lines.push_back(x);
  }
  for (const auto& u : p.unmet) {
    Object x{{"title", need_title(u.need)}, {"reason", u.reason}};
    if (editable) x["remove"] = href + "/unmet-needs/" + u.need + "/remove";
    unmet.push_back(x);
  }
  for (const auto& k : p.risks) {
    Object x{{"risk", k.risk}, {"agreed", k.agreed}, {"agreed_by", k.agreed_by}};
    if (editable) x["remove"] = href + "/risks/" + std::to_string(k.number) + "/remove";
    risks.push_back(x);
  }
  c.set("needs", needs);
  c.set("gaps", gaps);
  c.set("outcomes", outcomes);
  c.set("parts", parts);
  c.set("lines", lines);
  c.set("unmet", unmet);
  c.set("risks", risks);
  if (outcomes.empty()) c.set("no_outcomes", true);
  if (parts.empty()) c.set("no_parts", true);
  if (lines.empty()) c.set("no_lines", true);
  if (editable && !p.outcomes.empty() && !p.parts.empty()) c.set("may_add_line", true);
  if (may_edit && (p.status == "approved" || p.status == "refused")) c.set("new_version_href", href + "/versions/new");
  if (may_on(ctx, access::Action::AgreePlan, person) && (p.editable() || p.status == "submitted")) c.set("agree_href", href + "/agreement");
  return c;
}

Response plan_page(Context& ctx) {
  auto found = plan_of(ctx, access::Action::ViewPlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  ctx.audit(audit::AuditAction::ViewPlan, person.id, access::Outcome::Allowed, plan_about(plan));
  auto content = plan_content(ctx, person, services::read_plan(plan), may_on(ctx, access::Action::DraftPlan, person));
  add_spending_controls(ctx, person, content);  // monitoring (#16): this plan's spending controls
  return page(ctx, "planning/plan", content, plan_title(plan) + ": " + person.full_name());
}

// s.26(1)(b) and (c) on the printed plan: what the person pays and what the
// council pays, from the budget this plan made when it was approved, else from
// the latest financial assessment, else "to be worked out by the financial
// assessment". Only for those who may see the budget (never a provider, who
// may see the plan): for them the lines say where to find it instead.
void add_who_pays(Context& ctx, const people::Person& person, const services::PlanRead& r, Data& c) {
  if (!ctx.allows(access::Action::ViewBudget, person)) {
    c.set("who_pays", "What " + person.given_name + " pays towards this is in their budget letter.");
    return;
  }
  budgets::BudgetVersion b;
  b.weekly = r.totals.plan.weekly;
  bool from_budget = false;
  for (const auto& v : storage::list_budgets(ctx.db(), person.council_id, person.id))
    if (v.plan_id == r.plan.id && !from_budget) {
      b.contribution = v.contribution;
      from_budget = true;
    }
  if (!from_budget) {
    auto assessments = storage::list_financial_assessments(ctx.db(), person.council_id, person.id);
    if (!assessments.empty()) b.contribution = assessments.front().contribution;
  }
  ctx.audit(audit::AuditAction::ViewBudget, person.id, access::Outcome::Allowed, "who pays, on the printed " + plan_about(r.plan));
  const auto person_pays = budgets::person_share(b);
  const auto council_pays = budgets::council_share(b);
  const std::string& name = person.given_name;
  if (!person_pays || !council_pays)
    c.set("who_pays", "What " + name + " pays towards this is to be worked out by the financial assessment. The council will write to " + name +
                          " about it before anything has to be paid.");
  else if (b.contribution.kind == budgets::ContributionKind::FullCost)
    c.set("who_pays", name + " pays the full cost: " + person_pays->display() + " a week. The council pays nothing towards it.");
  else if (person_pays->pence() == 0)
    c.set("who_pays", "The council pays all of it: " + council_pays->display() + " a week. " + name + " pays nothing towards it.");
  else
    c.set("who_pays", name + " pays " + person_pays->display() + " a week towards it, as the financial assessment found. The council pays " +
                          council_pays->display() + " a week.");
}

Response print_page(Context& ctx) {
  auto found = plan_of(ctx, access::Action::ViewPlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  ctx.audit(audit::AuditAction::ViewPlan, person.id, access::Outcome::Allowed, "printable " + plan_about(plan));
  const auto read = services::read_plan(plan);
  auto content = plan_content(ctx, person, read, false);
  if (ctx.council()) content.set("council_name", ctx.council()->name);
  add_worker_contact(ctx, person, content);
  add_who_pays(ctx, person, read, content);
  if (plan.status != "approved" && plan.status != "superseded") content.set("not_approved", true);
  if (plan.status != "refused") content.set("disagree_about", "the plan or the budget");
  return page(ctx, "planning/print", content, "Your support plan: " + person.full_name());
}

// ---- submitting, agreement, a new version ----

Response submit_post(Context& ctx) {
  auto found = plan_of(ctx, access::Action::DraftPlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  auto submitted = services::submit_plan_for_approval(ctx.db(), person, plan, ctx.signed_in_user().id);
  if (!submitted) {
    auto content = plan_content(ctx, person, services::read_plan(plan), true);
    add_errors(content, submitted.error());
    return page(ctx, "planning/plan", content, "There is a problem: " + plan_title(plan), 422);
  }
  for (const auto& note : submitted->audit) ctx.audit(note.action, person.id, access::Outcome::Allowed, note.reason);
  return Response::redirect(plan_href(person, submitted->plan));
}

Response agreement_form(Context& ctx, const people::Person& person, const planning::SupportPlan& plan, const FieldErrors& errors) {
  FormPage form{"Record agreement", plan_title(plan) + " for " + person.full_name(), "Does " + person.given_name + " agree with the plan?",
                "Record who agreed it and when. If the plan changes after this, it needs agreeing again.", ctx.request.path,
                "Record agreement", plan_href(person, plan)};
  ErrorMap e = error_map(errors);
  Shown s{ctx.request, &plan};
  form.fields.push_back(radios_field({"agreed_by_kind", "Who agreed?", ""}, options_of(planning::agreed_by_kinds()), s("agreed_by_kind"), e));
  form.fields.push_back(text_field({"agreed_by_name", "Their name", ""}, s("agreed_by_name"), e));
  form.fields.push_back(date_field({"agreed_on", "When did they agree?", "For example, 27 11 2026"},
                                   form_date_value(ctx.request, "agreed_on", CivilDate::today_utc().iso()), e));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response agreement_get(Context& ctx) {
  auto found = plan_of(ctx, access::Action::AgreePlan);
  if (!found) return found.error();
  return agreement_form(ctx, found->first, found->second, {});
}

Response agreement_post(Context& ctx) {
  auto found = plan_of(ctx, access::Action::AgreePlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  auto agreed = services::record_plan_agreement(ctx.db(), plan, fields_from(ctx.request, "agreement"), ctx.signed_in_user().id,
                                                CivilDate::today_utc());
  if (!agreed) return agreement_form(ctx, person, plan, agreed.error());
  ctx.audit(audit::AuditAction::AgreePlan, person.id, access::Outcome::Allowed,
            plan_about(*agreed) + " agreed by the " + agreed->agreed_by_kind + " on " + agreed->agreed_on->iso());
  return Response::redirect(plan_href(person, *agreed));
}

Response version_form(Context& ctx, const people::Person& person, const planning::SupportPlan& plan, const FieldErrors& errors) {
  FormPage form{"Change the plan", plan_title(plan) + " for " + person.full_name(), "Change the plan",
                "This makes a new version to change. The current version stays in force, and readable, until the new one is approved.",
                ctx.request.path, "Make a new version", plan_href(person, plan)};
  form.fields.push_back(date_field({"effective_from", "When should the changed plan start?", "For example, 4 1 2027"},
                                   form_date_value(ctx.request, "effective_from", ""), error_map(errors)));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response version_get(Context& ctx) {
  auto found = plan_of(ctx, access::Action::DraftPlan);
  if (!found) return found.error();
  return version_form(ctx, found->first, found->second, {});
}

Response version_post(Context& ctx) {
  auto found = plan_of(ctx, access::Action::DraftPlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  auto next = services::new_plan_version(ctx.db(), person, plan, fields_from(ctx.request, "version"), ctx.signed_in_user().id,
                                         CivilDate::today_utc());
  if (!next) return version_form(ctx, person, plan, next.error());
  ctx.audit(audit::AuditAction::NewPlanVersion, person.id, access::Outcome::Allowed, plan_about(*next) + " from " + plan_about(plan));
  return Response::redirect(plan_href(person, *next));
}

}  // namespace

void add_plans_to_act_on(Context& ctx, std::optional<UserId> worker, Data& content) {
  const auto council = ctx.signed_in_user().council_id;
  std::vector<storage::PlanDecidedBack> waiting;
  for (const auto& p : storage::plans_returned_or_refused(ctx.db(), council, worker))
    if (planning::waits_on_author(p.status, p.version, p.latest_version)) waiting.push_back(p);
  if (waiting.empty()) return;
  std::vector<people::Person> people;
  for (const auto& w : waiting)
    if (std::none_of(people.begin(), people.end(), [&](const people::Person& x) { return x.id == w.person_id; }))
      if (auto person = storage::find_person(ctx.db(), council, w.person_id)) people.push_back(*person);
  List rows;
  for (const auto& listed : ctx.list_people(people, "support plans sent back")) {
    if (!ctx.allows(access::Action::ViewPlan, listed.person)) continue;
    for (const auto& w : waiting) {
      if (w.person_id != listed.person.id) continue;
      rows.push_back(Object{{"name", listed.person.full_name()},
                            {"href", "/people/" + listed.person.id.text() + "/plans/" + std::to_string(w.plan_id)},
                            {"plan", "Support plan " + std::to_string(w.plan_number) + ", version " + std::to_string(w.version)},
                            {"status", w.status == "returned" ? "Returned with questions: answer them and send it again"
                                                              : "Refused: talk to the person about what happens next, and make a new version"},
                            {"decided_on", date_of_timestamp(w.decided_at)}});
    }
  }
  if (rows.empty()) return;
  content.set("plans_to_act_on", rows);
  content.set("has_plans_to_act_on", true);
}

void add_worker_contact(Context& ctx, const people::Person& person, Data& content) {
  const auto workers = storage::allocated_workers(ctx.db(), person.council_id, person.id);
  if (workers.empty()) return;
  content.set("worker_name", workers.front().name);
  const std::string phone = storage::work_phone(ctx.db(), person.council_id, workers.front().user_id);
  if (!phone.empty()) content.set("worker_phone", phone);
}

void add_plan_pages(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Page, std::move(h)); };
  const std::string base = "/people/{id}/plans";
  d.add(Method::Get, base, route(list_page));
  d.add(Method::Post, base, route(create_post));
  d.add(Method::Get, base + "/new", route(new_get));
  d.add(Method::Get, base + "/{plan}", route(plan_page));
  d.add(Method::Get, base + "/{plan}/print", route(print_page));
  d.add(Method::Get, base + "/{plan}/details", route([](Context& c) { return edit_get(c, "details"); }));
  d.add(Method::Post, base + "/{plan}/details", route([](Context& c) { return edit_post(c, "details"); }));
  for (const char* what : {"outcomes", "parts", "lines", "unmet-needs", "risks"}) {
    std::string w = what;
    d.add(Method::Get, base + "/{plan}/" + w + "/new", route([w](Context& c) { return edit_get(c, w); }));
    d.add(Method::Post, base + "/{plan}/" + w + "/new", route([w](Context& c) { return edit_post(c, w); }));
    d.add(Method::Post, base + "/{plan}/" + w + "/{item}/remove", route([w](Context& c) { return remove_post(c, w); }));
  }
  d.add(Method::Post, base + "/{plan}/submit", route(submit_post));
  d.add(Method::Get, base + "/{plan}/agreement", route(agreement_get));
  d.add(Method::Post, base + "/{plan}/agreement", route(agreement_post));
  d.add(Method::Get, base + "/{plan}/versions/new", route(version_get));
  d.add(Method::Post, base + "/{plan}/versions/new", route(version_post));
}

}  // namespace patchwork::web
