#include "services/reviews_service.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "domain/planning/review_requests.hpp"
#include "services/people_service.hpp"
#include "storage/repositories/recovery_repository.hpp"
#include "storage/repositories/review_requests_repository.hpp"
#include "storage/repositories/reviews_repository.hpp"

namespace patchwork::services {
namespace {

Result<RecordedReview> fail(std::string field, std::string message) {
  return std::unexpected(FieldErrors{{std::move(field), std::move(message)}});
}

// A review the person asked for says why, as the worker's list needs it
// (planning/review_requests.hpp).
std::string requested_words(storage::Connection& c, const planning::PlanReview& r) {
  auto request = storage::review_request_for_review(c, r.council_id, r.id);
  const auto* reason = request ? planning::review_request_reason(request->reason) : nullptr;
  return "Review asked for by " + (request ? request->asked_by_name : std::string("the person")) +
         (reason ? ": " + std::string(reason->for_worker) : std::string());
}

std::string plan_review_words(storage::Connection& c, const planning::PlanReview& r) {
  if (r.kind == "requested") return requested_words(c, r);
  std::string plan = r.plan_number ? "support plan " + std::to_string(*r.plan_number) : std::string("the support plan");
  return r.kind == "first" ? "First review of " + plan + " (light-touch)" : "Review of " + plan;
}

std::string direct_payment_words(std::string_view part) { return "Direct payment review (part " + std::string(part) + ")"; }

std::optional<std::string> field(const people::Fields& f, const char* k) {
  auto it = f.find(k);
  if (it == f.end()) return std::nullopt;
  return trim(it->second);
}

// The national outcome of a review, as DHSC's client-level data spells it
// (release 2 Event_Outcome, docs/national-codes.md): support goes on as it
// is, support planning again, or a new assessment.
std::string national_outcome(std::string_view outcome) {
  if (outcome == "plan_revised") return "Progress to support planning or services";
  if (outcome == "new_assessment") return "Progress to assessment, review or reassessment";
  return "Continuation of support or services";
}

// A review the person asked for, recorded done: a national Review event on
// the timeline (this is the unplanned review the return counts), and the
// planned reviews left as they were. The next review is the one already due;
// only when none is due is the yearly one scheduled from this.
Result<RecordedReview> record_requested(storage::Connection& c, const people::Person& person, const planning::PlanReview& r,
                                        std::optional<UserId> by, CivilDate today) {
  auto request = storage::review_request_for_review(c, person.council_id, r.id);
  const auto* reason = request ? planning::review_request_reason(request->reason) : nullptr;
  std::string description = "Review asked for by " + (request ? request->asked_by_name : std::string("the person"));
  if (reason) description += " (" + to_lower(reason->for_worker) + ")";
  description += ": " + people::label_for(planning::review_outcomes(), r.outcome);
  if (!r.notes.empty()) description += ". " + r.notes;
  if (description.size() > 2000) description.resize(2000);
  people::Fields event{{"event_type", "Review"},
                       {"start_date", r.done_on->iso()},
                       {"end_date", r.done_on->iso()},
                       {"description", description},
                       {"outcome", national_outcome(r.outcome)}};
  auto recorded = record_case_event(c, person, event, by, today);
  if (!recorded) return std::unexpected(recorded.error());
  std::optional<CivilDate> next;
  for (const auto& other : storage::list_reviews(c, person.council_id, person.id))
    if (other.status == "due" && other.kind != "requested" && (!next || other.due_on < *next)) next = other.due_on;
  if (!next) {
    auto yearly = planning::yearly_review_after(r, *r.done_on);
    yearly.kind = "yearly";
    yearly.id = storage::insert_review(c, yearly, by);
    next = yearly.due_on;
  }
  return RecordedReview{r, *next};
}

}  // namespace

planning::PlanReview schedule_first_review(storage::Connection& c, const planning::SupportPlan& approved, CivilDate signed_off) {
  auto review = planning::first_review(approved.id, approved.plan_number, approved.council_id, approved.person_id, signed_off,
                                       approved.effective_from.value_or(signed_off));
  // A newer version's review takes the place of one still due for the older:
  // the newer plan is what is now reviewed.
  storage::replace_due_reviews(c, approved.council_id, approved.person_id, approved.plan_number);
  review.id = storage::insert_review(c, review, std::nullopt);
  return review;
}

PersonReviews person_reviews(storage::Connection& c, const people::Person& person, CivilDate today, bool with_direct_payments) {
  PersonReviews out;
  // Once support has ended (a death, a move, needs met) no review is due; the
  // reviews done stay on the record.
  const bool support_ended = storage::find_support_end(c, person.council_id, person.id).has_value();
  for (auto& r : storage::list_reviews(c, person.council_id, person.id)) {
    if (r.status == "due") {
      if (support_ended) continue;
      // A review the person asked for is named "request:<id>", so it is never
      // taken for the plan's scheduled review.
      out.due.push_back({(r.kind == "requested" ? "request:" : "plan:") + std::to_string(r.id), plan_review_words(c, r), r.due_on, r.earliest_on, r});
    } else if (r.status == "done") {
      out.done.push_back(std::move(r));
    }
  }
  if (with_direct_payments)
    for (const auto& b : storage::direct_payment_reviews(c, person.council_id, std::nullopt, today, person.id))
      out.due.push_back({"direct_payment:" + b.agreement.part_key, direct_payment_words(b.agreement.part_key),
                         planning::direct_payment_review_due(b.agreement, b.last_done), std::nullopt, std::nullopt});
  std::stable_sort(out.due.begin(), out.due.end(),
                   [today](const DueReview& a, const DueReview& b) { return planning::due_before(a.due_on, b.due_on, today); });
  return out;
}

Result<RecordedReview> record_review(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                                     std::optional<UserId> by, CivilDate today) {
  auto key = field(fields, "review").value_or("");
  auto done = planning::review_done_from_fields(fields, today);
  FieldErrors errors;
  if (key.empty()) errors.push_back({"review", "Choose the review that was done"});
  if (!done) for (const auto& e : done.error()) errors.push_back(e);
  if (!errors.empty()) return std::unexpected(errors);
  if (auto end = storage::find_support_end(c, person.council_id, person.id))
    return fail("review", person.full_name() + "'s support ended on " + end->on.display() + ", so no review is due");

  if (key.starts_with("plan:") || key.starts_with("request:")) {
    const bool requested = key.starts_with("request:");
    auto id = parse_id(std::string_view(key).substr(requested ? 8 : 5));
    auto due = id ? storage::find_review(c, person.council_id, person.id, *id) : std::nullopt;
    if (!due || due->status != "due" || requested != (due->kind == "requested"))
      return fail("review", "That is not a review due for this person: it may have just been recorded");
    planning::PlanReview r = *due;
    r.status = "done";
    r.done_on = done->done_on;
    r.done_by = done->done_by;
    r.outcome = done->outcome;
    r.notes = done->notes;
    if (!storage::mark_review_done(c, r, by))
      return fail("review", "That review has just been recorded by someone else");
    if (r.kind == "requested") return record_requested(c, person, r, by, today);
    auto next = planning::yearly_review_after(r, done->done_on);
    next.id = storage::insert_review(c, next, by);
    return RecordedReview{r, next.due_on};
  }
  if (key.starts_with("direct_payment:")) {
    const auto part = key.substr(15);
    for (const auto& b : storage::direct_payment_reviews(c, person.council_id, std::nullopt, today, person.id)) {
      if (b.agreement.part_key != part) continue;
      if (b.last_done && *b.last_done >= done->done_on)
        return fail("done_on", "A later review of this direct payment is already recorded (" + b.last_done->display() + ")");
      planning::PlanReview r;
      r.council_id = person.council_id;
      r.person_id = person.id;
      r.kind = "direct_payment";
      r.part_key = part;
      r.due_on = planning::direct_payment_review_due(b.agreement, b.last_done);
      r.status = "done";
      r.done_on = done->done_on;
      r.done_by = done->done_by;
      r.outcome = done->outcome;
      r.notes = done->notes;
      r.id = storage::insert_review(c, r, by);
      // The next is worked out from this one when asked (direct_payment_review_due).
      return RecordedReview{r, planning::yearly_review_after(r, done->done_on).due_on};
    }
    return fail("review", "The budget in effect has no direct-payment part " + part + " with an agreement");
  }
  return fail("review", "Choose the review that was done");
}

std::vector<planning::ReviewDue> reviews_due(storage::Connection& c, CouncilId council_id, std::optional<UserId> worker, CivilDate today) {
  std::vector<planning::ReviewDue> rows;
  for (const auto& r : storage::plan_reviews_due(c, council_id, worker))
    rows.push_back({r.person_id, plan_review_words(c, r), "/people/" + r.person_id.text() + "/reviews", r.due_on, r.earliest_on});
  for (const auto& b : storage::direct_payment_reviews(c, council_id, worker, today))
    rows.push_back({b.person_id, direct_payment_words(b.agreement.part_key), "/people/" + b.person_id.text() + "/reviews",
                    planning::direct_payment_review_due(b.agreement, b.last_done), std::nullopt});
  planning::order_reviews_due(rows, today);
  return rows;
}

}  // namespace patchwork::services
