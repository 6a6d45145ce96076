#include "domain/planning/reviews.hpp"

#include <algorithm>

#include "domain/people/field_reader.hpp"

namespace patchwork::planning {

using people::CodeList;

const CodeList& review_outcomes() {
  static const CodeList list = {
      {"no_change", "No change: the plan is working"},
      {"plan_revised", "The plan needs changing (a new version)"},
      {"new_assessment", "Needs have changed: a new assessment"},
  };
  return list;
}

const CodeList& review_kinds() {
  static const CodeList list = {
      {"first", "First review of the plan (light-touch)"},
      {"yearly", "Review of the plan"},
      {"direct_payment", "Direct payment review"},
      // Asked for by the person or someone acting for them (Care Act 2014
      // s.27(1)(b); planning/review_requests.hpp).
      {"requested", "Review asked for by the person"},
  };
  return list;
}

// Care Act 2014 s.27(1): "A local authority must— (a) keep under review
// generally care and support plans, and support plans, that it has prepared,
// and (b) on a reasonable request by or on behalf of the adult to whom a care
// and support plan relates ..., review the plan." The Act sets no interval;
// the Care and Support Statutory Guidance (chapter 13, para. 13.32) expects a
// light-touch review 6 to 8 weeks after the plan and personal budget are
// agreed and signed off, and a review at least every 12 months after that.
// The window opens at 6 weeks and the review is due by 8 weeks, counted from
// the later of the sign-off and the plan's start: a plan signed off today to
// start next month is reviewed once it has been working, not before.
PlanReview first_review(std::int64_t plan_id, int plan_number, CouncilId council, PersonId person, CivilDate signed_off,
                        CivilDate starts) {
  const CivilDate from = std::max(signed_off, starts);
  PlanReview r;
  r.council_id = council;
  r.person_id = person;
  r.plan_id = plan_id;
  r.plan_number = plan_number;
  r.kind = "first";
  r.earliest_on = from.plus_days(6 * 7);
  r.due_on = from.plus_days(8 * 7);
  return r;
}

PlanReview yearly_review_after(const PlanReview& done, CivilDate done_on) {
  PlanReview r;
  r.council_id = done.council_id;
  r.person_id = done.person_id;
  r.plan_id = done.plan_id;
  r.plan_number = done.plan_number;
  r.part_key = done.part_key;
  // A direct payment is reviewed at intervals of at most 12 months after the
  // first (reg. 7(1)(b)), and a plan at least every 12 months (guidance 13.32):
  // the same arithmetic (budgets::next_review_due), whichever is reviewed.
  r.kind = done.kind == "direct_payment" ? "direct_payment" : "yearly";
  r.due_on = budgets::next_review_due(done_on);
  return r;
}

Result<ReviewDone> review_done_from_fields(const people::Fields& f, CivilDate today) {
  FieldErrors errors;
  people::FieldReader r{f, errors, today};
  ReviewDone d;
  auto on = r.date("done_on", "date of the review", true, true, 40);
  d.done_by = r.text("done_by", "who did the review", true, 200);
  d.outcome = r.coded("outcome", review_outcomes(), "what the review found", true, 60).value_or("");
  d.notes = r.text("notes", "notes", false, 4000);
  if (!errors.empty()) return std::unexpected(errors);
  d.done_on = *on;
  return d;
}

CivilDate direct_payment_review_due(const budgets::DirectPaymentAgreement& agreement, std::optional<CivilDate> last_done) {
  // Reg. 7(1): at least once within the first 6 months (the agreement's
  // review date, checked against that when it was recorded), "and at intervals
  // not exceeding 12 months thereafter".
  if (last_done && *last_done >= agreement.signed_on) return budgets::next_review_due(*last_done);
  return agreement.review_on;
}

bool interim_period_ended(const std::optional<budgets::Interim>& interim, CivilDate today) {
  return interim && interim->ends_on < today;
}

bool due_before(CivilDate a, CivilDate b, CivilDate today) {
  const bool a_over = a < today, b_over = b < today;
  if (a_over != b_over) return a_over;
  return a < b;
}

void order_reviews_due(std::vector<ReviewDue>& rows, CivilDate today) {
  std::stable_sort(rows.begin(), rows.end(), [today](const ReviewDue& a, const ReviewDue& b) { return due_before(a.due_on, b.due_on, today); });
}

}  // namespace patchwork::planning
