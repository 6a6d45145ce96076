// Who was involved in preparing a support plan, and agreement that could not
// be reached (Care Act 2014 s.25(3) and s.25(5)): one page each, like every
// other piece of a plan, no JavaScript needed. The plan page shows both
// (plan_pages.cpp). Decided by the policy (draft_plan to record who was
// involved, agree_plan to record that agreement could not be reached) and
// audited (change_plan, agree_plan).
#include "domain/planning/involvement.hpp"
#include "services/plans_service.hpp"
#include "storage/repositories/plans_repository.hpp"
#include "web/forms.hpp"
#include "web/people/person_pages.hpp"
#include "web/planning/plan_pages.hpp"
#include "web/routes.hpp"

namespace patchwork::web {

using http::Context;
using http::Method;
using http::Response;
using http::Surface;

namespace {

Response involved_form(Context& ctx, const people::Person& person, const planning::SupportPlan& plan, const FieldErrors& errors) {
  FormPage form{"Who was involved", plan_caption(person, plan), "Who was involved in preparing the plan?",
                "The council must involve " + person.given_name + ", any carer, and anyone " + person.given_name +
                    " asks for (or, if they cannot ask, anyone interested in their welfare). Add each person who took part.",
                ctx.request.path, "Add", plan_href(person, plan)};
  const ErrorMap e = error_map(errors);
  const bool post = ctx.request.method == Method::Post;
  auto shown = [&](const char* k) { return post ? ctx.request.form_value(k) : std::string(); };
  Options recorded;
  for (const auto& choice : services::involvement_choices(ctx.db(), person)) recorded.emplace_back(choice.value, choice.label);
  recorded.emplace_back("", "Someone else: give their details below");
  form.fields.push_back(radios_field({"from_record", "Who took part?", "People already on " + person.given_name + "'s record"}, recorded,
                                     post ? ctx.request.form_value("from_record") : std::string("person"), e));
  form.fields.push_back(heading_field("Someone else"));
  Options kinds;
  for (const auto& k : planning::involvement_kinds()) kinds.emplace_back(std::string(k.value), std::string(k.label));
  form.fields.push_back(radios_field({"kind", "How are they involved?", "Leave this if you chose someone above"}, kinds, shown("kind"), e));
  form.fields.push_back(text_field({"name", "Their name", "Leave this if you chose someone above"}, shown("name"), e));
  form.fields.push_back(heading_field("How they took part"));
  form.fields.push_back(textarea_field({"how", "How did they take part? (optional)", "For example, at a meeting at home, or by phone with an interpreter"},
                                       shown("how"), e));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response involved_get(Context& ctx) {
  auto found = plan_of(ctx, access::Action::DraftPlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  if (auto e = planning::frozen(plan)) return error_page(ctx, 409, "This plan cannot be changed", e->message);
  return involved_form(ctx, person, plan, {});
}

Response involved_post(Context& ctx) {
  auto found = plan_of(ctx, access::Action::DraftPlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  const auto& r = ctx.request;
  people::Fields f{{"from_record", r.form_value("from_record")}, {"kind", r.form_value("kind")}, {"name", r.form_value("name")},
                   {"how", r.form_value("how")}};
  auto changed = services::change_plan(ctx.db(), person, plan, "involved", f, CivilDate::today_utc());
  if (!changed) return involved_form(ctx, person, plan, changed.error());
  ctx.audit(audit::AuditAction::ChangePlan, person.id, access::Outcome::Allowed, "involved of " + plan_about(*changed));
  return Response::redirect(plan_href(person, *changed));
}

Response involved_remove(Context& ctx) {
  auto found = plan_of(ctx, access::Action::DraftPlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  auto item = ctx.request.path_params.find("item");
  auto changed = services::remove_from_plan(ctx.db(), plan, "involved", item == ctx.request.path_params.end() ? "" : item->second);
  if (!changed) return error_page(ctx, 409, "This could not be removed", changed.error()[0].message);
  ctx.audit(audit::AuditAction::ChangePlan, person.id, access::Outcome::Allowed, "removed from involved of " + plan_about(*changed));
  return Response::redirect(plan_href(person, *changed));
}

Response no_agreement_form(Context& ctx, const people::Person& person, const planning::SupportPlan& plan, const FieldErrors& errors) {
  FormPage form{"Agreement could not be reached", plan_caption(person, plan), "Agreement could not be reached",
                "The council must take all reasonable steps to agree the plan with " + person.given_name +
                    ". If that was not possible, say what was done and why it did not work. The plan can then go for approval, and "
                    "the approver reads this.",
                ctx.request.path, "Save", plan_href(person, plan)};
  const ErrorMap e = error_map(errors);
  const bool post = ctx.request.method == Method::Post;
  form.fields.push_back(textarea_field({"reason", "What was done to reach agreement, and why could it not be reached?",
                                        "For example, we met twice and offered three ways of meeting her needs; she does not want help yet"},
                                       post ? ctx.request.form_value("reason") : plan.no_agreement_reason, e));
  form.fields.push_back(date_field({"recorded_on", "Date", "For example, 27 11 2026"},
                                   form_date_value(ctx.request, "recorded_on", CivilDate::today_utc().iso()), e));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response no_agreement_get(Context& ctx) {
  auto found = plan_of(ctx, access::Action::AgreePlan);
  if (!found) return found.error();
  return no_agreement_form(ctx, found->first, found->second, {});
}

Response no_agreement_post(Context& ctx) {
  auto found = plan_of(ctx, access::Action::AgreePlan);
  if (!found) return found.error();
  auto& [person, plan] = *found;
  people::Fields f{{"reason", ctx.request.form_value("reason")}, {"recorded_on", date_from_form(ctx.request, "recorded_on")}};
  auto recorded = services::record_no_agreement(ctx.db(), plan, f, ctx.signed_in_user().id, CivilDate::today_utc());
  if (!recorded) return no_agreement_form(ctx, person, plan, recorded.error());
  ctx.audit(audit::AuditAction::AgreePlan, person.id, access::Outcome::Allowed,
            plan_about(*recorded) + ": agreement could not be reached (recorded " + recorded->no_agreement_on->iso() + ")");
  return Response::redirect(plan_href(person, *recorded));
}

}  // namespace

void add_involvement_pages(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Page, std::move(h)); };
  const std::string base = "/people/{id}/plans/{plan}";
  d.add(Method::Get, base + "/involved/new", route(involved_get));
  d.add(Method::Post, base + "/involved/new", route(involved_post));
  d.add(Method::Post, base + "/involved/{item}/remove", route(involved_remove));
  d.add(Method::Get, base + "/no-agreement", route(no_agreement_get));
  d.add(Method::Post, base + "/no-agreement", route(no_agreement_post));
}

}  // namespace patchwork::web
