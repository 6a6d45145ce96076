// Reviews of a person's support plan and direct payments (Care Act 2014 s.27;
// Direct Payments Regulations 2014, reg. 7): the person's reviews, due and
// done, recording one done (which schedules the next), and the "Reviews due"
// list on the caseload pages. Looking is view_plan; recording is the policy's
// review_plan; both audited (review_plan, record_review).
#include "web/planning/review_pages.hpp"

#include <map>

#include "services/reviews_service.hpp"
#include "storage/repositories/people_repository.hpp"
#include "web/forms.hpp"
#include "web/people/person_pages.hpp"
#include "web/routes.hpp"

namespace patchwork::web {

using http::Context;
using http::Method;
using http::Response;
using http::Surface;

void add_reviews_due(Context& ctx, std::optional<UserId> worker, Data& content) {
  const auto council = ctx.signed_in_user().council_id;
  const auto today = CivilDate::today_utc();
  auto rows = services::reviews_due(ctx.db(), council, worker, today);
  if (rows.empty()) return;
  std::vector<PersonId> ids;
  for (const auto& r : rows) ids.push_back(r.person_id);
  std::map<PersonId, std::pair<std::string, bool>> shown;  // name, may see the budget
  for (const auto& listed : ctx.list_people(storage::find_people(ctx.db(), council, ids), "reviews due"))
    if (ctx.allows(access::Action::ViewPlan, listed.person))
      shown.emplace(listed.person.id, std::pair{listed.person.full_name(), ctx.allows(access::Action::ViewBudget, listed.person)});
  List out;
  for (const auto& r : rows) {
    auto it = shown.find(r.person_id);
    if (it == shown.end()) continue;
    // A direct payment review is about the budget: only for those who may see it.
    if (r.what.starts_with("Direct payment") && !it->second.second) continue;
    out.push_back(Object{{"name", it->second.first}, {"what", r.what}, {"href", r.href}, {"due_on", r.due_on.display()},
                         {"overdue", r.due_on < today}});
  }
  if (out.empty()) return;
  content.set("reviews_due", out);
  content.set("has_reviews_due", true);
}

namespace {

std::string reviews_href(const people::Person& p) { return "/people/" + p.id.text() + "/reviews"; }

Response reviews_page(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ViewPlan);
  if (!person) return person.error();
  const auto today = CivilDate::today_utc();
  const bool budget = ctx.allows(access::Action::ViewBudget, *person);
  const bool may_record = ctx.allows(access::Action::ReviewPlan, *person);
  auto reviews = services::person_reviews(ctx.db(), *person, today, budget);
  ctx.audit(audit::AuditAction::ViewPlan, person->id, access::Outcome::Allowed, "the plan's reviews");
  List due, done;
  for (const auto& r : reviews.due) {
    Object o{{"what", r.what}, {"due_on", r.due_on.display()}, {"overdue", r.due_on < today}};
    if (r.earliest_on) o["earliest_on"] = r.earliest_on->display();
    if (may_record) o["record_href"] = reviews_href(*person) + "/record?review=" + r.key;
    due.push_back(o);
  }
  for (const auto& r : reviews.done)
    done.push_back(Object{{"what", r.kind == "direct_payment" ? "Direct payment review (part " + r.part_key + ")"
                                                             : people::label_for(planning::review_kinds(), r.kind)},
                          {"done_on", r.done_on ? r.done_on->display() : std::string()},
                          {"done_by", r.done_by},
                          {"outcome", people::label_for(planning::review_outcomes(), r.outcome)},
                          {"notes", r.notes}});
  Data content;
  content.set("name", person->full_name());
  content.set("given_name", person->given_name);
  content.set("person_href", "/people/" + person->id.text());
  content.set("due", due);
  content.set("done", done);
  if (due.empty()) content.set("no_due", true);
  else content.set("has_due", true);
  if (done.empty()) content.set("no_done", true);
  return page(ctx, "planning/reviews", content, "Reviews: " + person->full_name());
}

Response record_form(Context& ctx, const people::Person& person, const std::string& key, const FieldErrors& errors) {
  const auto today = CivilDate::today_utc();
  std::string what = "Review";
  for (const auto& r : services::person_reviews(ctx.db(), person, today, ctx.allows(access::Action::ViewBudget, person)).due)
    if (r.key == key) what = r.what + ", due by " + r.due_on.display();
  FormPage form{"Record a review", person.full_name(), "Record a review", what + ".", reviews_href(person) + "/record", "Record the review",
                reviews_href(person)};
  form.hidden.emplace_back("review", key);
  const ErrorMap e = error_map(errors);
  const bool post = ctx.request.method == Method::Post;
  form.fields.push_back(date_field({"done_on", "When was the review?", "For example, 27 11 2026"},
                                   form_date_value(ctx.request, "done_on", today.iso()), e));
  form.fields.push_back(text_field({"done_by", "Who did the review?", ""},
                                   post ? ctx.request.form_value("done_by") : ctx.signed_in_user().display_name, e));
  Options outcomes;
  for (const auto& o : planning::review_outcomes()) outcomes.emplace_back(std::string(o.value), std::string(o.label));
  form.fields.push_back(radios_field({"outcome", "What did the review find?", ""}, outcomes, post ? ctx.request.form_value("outcome") : "", e));
  form.fields.push_back(textarea_field({"notes", "Notes (optional)", "What is working, what is not, and what happens next"},
                                       post ? ctx.request.form_value("notes") : "", e));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response record_get(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ReviewPlan);
  if (!person) return person.error();
  auto key = ctx.request.query.find("review");
  return record_form(ctx, *person, key == ctx.request.query.end() ? std::string() : key->second, {});
}

Response record_post(Context& ctx) {
  auto person = person_page_for(ctx, access::Action::ReviewPlan);
  if (!person) return person.error();
  const auto& r = ctx.request;
  people::Fields f{{"review", r.form_value("review")}, {"done_on", date_from_form(r, "done_on")}, {"done_by", r.form_value("done_by")},
                   {"outcome", r.form_value("outcome")}, {"notes", r.form_value("notes")}};
  // A direct payment review is about the budget: only someone who may see it records one.
  if (f["review"].starts_with("direct_payment:") && !ctx.allows(access::Action::ViewBudget, *person))
    return record_form(ctx, *person, f["review"], {{"review", "You cannot record a review of this direct payment"}});
  auto recorded = services::record_review(ctx.db(), *person, f, ctx.signed_in_user().id, CivilDate::today_utc());
  if (!recorded) return record_form(ctx, *person, f["review"], recorded.error());
  ctx.audit(audit::AuditAction::RecordReview, person->id, access::Outcome::Allowed,
            f["review"] + " done on " + recorded->done.done_on->iso() + " (" + recorded->done.outcome + "); next due by " +
                recorded->next_due.iso());
  return Response::redirect(reviews_href(*person));
}

}  // namespace

void add_review_pages(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Page, std::move(h)); };
  d.add(Method::Get, "/people/{id}/reviews", route(reviews_page));
  d.add(Method::Get, "/people/{id}/reviews/record", route(record_get));
  d.add(Method::Post, "/people/{id}/reviews/record", route(record_post));
}

}  // namespace patchwork::web
