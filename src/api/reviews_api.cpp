// /api/v1/people/{id}/reviews: reviews of a person's support plan and direct
// payments (Care Act 2014 s.27; Direct Payments Regulations 2014, reg. 7).
// GET needs view_plan (direct payment reviews also view_budget); POST records
// one done, needs the policy's review_plan, and schedules the next. Audited.
#include <algorithm>

#include "api/json.hpp"
#include "api/routes.hpp"
#include "services/reviews_service.hpp"

namespace patchwork::api {

std::expected<people::Person, http::Response> person_for(http::Context& ctx, access::Action action);

namespace {

json::object review_json(const planning::PlanReview& r) {
  return {{"id", r.id},
          {"kind", r.kind},
          {"plan_id", optional_id(r.plan_id)},
          {"plan_number", r.plan_number ? json::value(*r.plan_number) : json::value(nullptr)},
          {"part", r.part_key.empty() ? json::value(nullptr) : json::value(r.part_key)},
          {"due_on", r.due_on.iso()},
          {"earliest_on", optional_date(r.earliest_on)},
          {"status", r.status},
          {"done_on", optional_date(r.done_on)},
          {"done_by", r.done_by.empty() ? json::value(nullptr) : json::value(r.done_by)},
          {"outcome", r.outcome.empty() ? json::value(nullptr) : json::value(r.outcome)},
          {"notes", r.notes}};
}

http::Response list(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ViewPlan);
  if (!person) return person.error();
  const auto today = CivilDate::today_utc();
  auto reviews = services::person_reviews(ctx.db(), *person, today, ctx.allows(access::Action::ViewBudget, *person));
  json::array due, done;
  for (const auto& r : reviews.due)
    due.push_back(json::object{{"review", r.key}, {"what", r.what}, {"due_on", r.due_on.iso()}, {"earliest_on", optional_date(r.earliest_on)},
                               {"overdue", r.due_on < today}});
  for (const auto& r : reviews.done) done.push_back(review_json(r));
  ctx.audit(audit::AuditAction::ViewPlan, person->id, access::Outcome::Allowed, "the plan's reviews");
  return json_response(json::object{{"due", std::move(due)}, {"done", std::move(done)}});
}

http::Response record(http::Context& ctx) {
  auto person = person_for(ctx, access::Action::ReviewPlan);
  if (!person) return person.error();
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  static const std::vector<std::string> known = {"review", "done_on", "done_by", "outcome", "notes"};
  FieldErrors unknown;
  for (const auto& [k, v] : *fields)
    if (std::find(known.begin(), known.end(), k) == known.end())
      unknown.push_back({k, "is not part of a review (review, done_on, done_by, outcome, notes)"});
  if (!unknown.empty()) return validation_problem(unknown);
  const std::string key = (*fields)["review"];
  if (key.starts_with("direct_payment:") && !ctx.allows(access::Action::ViewBudget, *person))
    return http::Response::problem(403, "Forbidden", "You may not see this person's budget, so you do not review its direct payments.");
  auto recorded = services::record_review(ctx.db(), *person, *fields, ctx.signed_in_user().id, CivilDate::today_utc());
  if (!recorded) return validation_problem(recorded.error());
  ctx.audit(audit::AuditAction::RecordReview, person->id, access::Outcome::Allowed,
            key + " done on " + recorded->done.done_on->iso() + " (" + recorded->done.outcome + "); next due by " + recorded->next_due.iso());
  return json_response(json::object{{"review", review_json(recorded->done)}, {"next_due_on", recorded->next_due.iso()}}, 201);
}

}  // namespace

void add_reviews_api(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(http::Surface::Api, std::move(h)); };
  d.add(http::Method::Get, "/api/v1/people/{id}/reviews", route(list));
  d.add(http::Method::Post, "/api/v1/people/{id}/reviews", route(record));
}

}  // namespace patchwork::api
