#pragma once
// Reviews of support plans (Care Act 2014 s.27) and of direct payments (the
// Care and Support (Direct Payments) Regulations 2014, reg. 7): when each is
// due, what a review records, and the order the caseload lists show them in.
// Rules and sources: docs/planning.md, "Reviews". Pure domain.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/budgets/budget.hpp"
#include "domain/people/codes.hpp"
#include "domain/people/records.hpp"

namespace patchwork::planning {

// What a review found: no_change, plan_revised, new_assessment.
const people::CodeList& review_outcomes();
// What kind of review: first (the light-touch one after a plan is agreed),
// yearly (at least every 12 months after), direct_payment (reg. 7).
const people::CodeList& review_kinds();

struct PlanReview {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::optional<std::int64_t> plan_id;  // the plan version reviewed (none for a direct payment on a budget set before plans)
  std::optional<int> plan_number;
  std::string kind;                     // review_kinds()
  std::string part_key;                 // the direct-payment part, for a direct payment review
  std::optional<CivilDate> earliest_on; // the light-touch review's window opens (6 weeks)
  CivilDate due_on;                     // due by
  std::string status = "due";           // due, done, replaced (a newer plan version was approved first)
  std::optional<CivilDate> done_on;
  std::string done_by;
  std::string outcome;                  // review_outcomes(), when done
  std::string notes;
};

// The light-touch review of a plan version signed off on `signed_off`,
// starting on `starts`: six to eight weeks after the later of the two (the
// plan is reviewed once it has been working, not before it starts).
PlanReview first_review(std::int64_t plan_id, int plan_number, CouncilId council, PersonId person, CivilDate signed_off, CivilDate starts);
// The next review after one done on `done_on`: at least every 12 months.
PlanReview yearly_review_after(const PlanReview& done, CivilDate done_on);

// A review done: done_on (today or before), done_by, outcome, notes (optional).
struct ReviewDone {
  CivilDate done_on;
  std::string done_by;
  std::string outcome;
  std::string notes;
};
Result<ReviewDone> review_done_from_fields(const people::Fields& f, CivilDate today);

// When a direct-payment part's next review is due: the agreement's first
// review until one is recorded, then 12 months after the latest recorded.
CivilDate direct_payment_review_due(const budgets::DirectPaymentAgreement& agreement, std::optional<CivilDate> last_done);

// Whether an interim period has ended by `today` (the day after its end date):
// an interim plan is then no longer in force, and its review is overdue
// (docs/planning.md, "Interim plans after their end date").
bool interim_period_ended(const std::optional<budgets::Interim>& interim, CivilDate today);

// One row of a caseload's "Reviews due" list.
struct ReviewDue {
  PersonId person_id{};
  std::string what;       // "First review of support plan 1", "Direct payment review (part A)"
  std::string href;       // where it is recorded
  CivilDate due_on;
  std::optional<CivilDate> earliest_on;
};
// Overdue reviews first (longest overdue at the top), then the rest by date due.
bool due_before(CivilDate a, CivilDate b, CivilDate today);
void order_reviews_due(std::vector<ReviewDue>& rows, CivilDate today);

}  // namespace patchwork::planning
