#include "storage/repositories/reports_repository.hpp"

#include <charconv>

namespace patchwork::storage {
namespace {

// Who is in long-term community support on the date ($1), as one statement:
//  - `in_force`: each person's budget version in force, the latest
//    effective_from on or before the date (ties to the higher version), as the
//    budget "as at" look-up picks it (budgets_repository kBudgetOn), but for
//    everyone at once with a window over the personal_budgets_as_at index;
//    with whether it has a direct-payment part of more than nothing a week
//    (one probe of budget_parts' (council_id, budget_id, part_key) key);
//  - `served`: an open Service event on the date (not one replaced by a later
//    event) of long-term community support: Service_Type 'Long Term Support:
//    Community' (people::kLongTermCommunity; release 1 spelling, as stored),
//    or none for an event recorded before events carried one; short-term
//    support, residential and nursing care, prison and carers' support are
//    not community long-term support (ASCOF 3D's cohort). With no budget this
//    is support the council commissions;
//  - each of those rows with the day its support started (`since`: the
//    version's effective_from, the event's start_date), so that an end of
//    support removes only the support it ended: a row goes when the person's
//    support_endings row has its last day paid before the date and on or after
//    `since`. One end is kept per person, and support that started again after
//    it (a later budget version, a later Service event) is not ended by it;
//  - everyone left, once (grouped by person, keeping whether any row had a
//    budget and a direct payment: no second join to `in_force`, which the
//    planner could only scan), less those dead before the date.
// Grouped by birth month ("YYYY-MM"): national age needs no finer date.
// Dates are ISO text on both back ends, so they compare and cut as text.
#define PW_SDS_SQL(COUNCIL_FILTER_B, COUNCIL_FILTER_E)                                                                  \
  "WITH ranked AS (SELECT b.council_id, b.person_id, b.id, b.effective_from, ROW_NUMBER() OVER (PARTITION BY "         \
  "b.council_id, b.person_id ORDER BY b.effective_from DESC, b.version DESC) AS n FROM personal_budgets b "            \
  "WHERE b.effective_from <= $1" COUNCIL_FILTER_B "), "                                                                \
  "in_force AS (SELECT r.council_id, r.person_id, r.effective_from AS since, CASE WHEN EXISTS (SELECT 1 FROM "         \
  "budget_parts p WHERE p.council_id = r.council_id AND p.budget_id = r.id AND p.mechanism = 'direct_payment' AND "    \
  "p.weekly_pence > 0) THEN 1 ELSE 0 END AS dp FROM ranked r WHERE r.n = 1), "                                         \
  "cohort AS (SELECT council_id, person_id, since, 1 AS pb, dp FROM in_force UNION ALL SELECT e.council_id, "          \
  "e.person_id, e.start_date, 0, 0 FROM case_events e WHERE e.event_type = 'Service' AND e.superseded_by IS NULL "     \
  "AND (e.service_type IS NULL OR e.service_type = 'Long Term Support: Community') AND e.start_date <= $1 "            \
  "AND (e.end_date IS NULL OR e.end_date >= $1)" COUNCIL_FILTER_E "), "                                                 \
  "flags AS (SELECT k.council_id, k.person_id, MAX(k.pb) AS pb, MAX(k.dp) AS dp FROM cohort k WHERE NOT EXISTS ("      \
  "SELECT 1 FROM support_endings s WHERE s.council_id = k.council_id AND s.person_id = k.person_id "                   \
  "AND s.last_day_paid < $1 AND s.last_day_paid >= k.since) GROUP BY k.council_id, k.person_id) "                      \
  "SELECT x.council_id, substr(x.date_of_birth, 1, 7) AS birth_month, x.dementia, x.pb, x.dp, COUNT(*) FROM ("         \
  "SELECT p.council_id, p.date_of_birth, p.dementia, k.pb, k.dp FROM flags k "                                         \
  "JOIN people p ON p.id = k.person_id AND p.council_id = k.council_id "                                               \
  "WHERE p.date_of_death IS NULL OR p.date_of_death >= $1) x "                                                         \
  "GROUP BY x.council_id, substr(x.date_of_birth, 1, 7), x.dementia, x.pb, x.dp "                                      \
  "ORDER BY x.council_id, birth_month, x.dementia, x.pb, x.dp"

constexpr Statement kAllCouncils{"self_directed_support_all", PW_SDS_SQL("", "")};
constexpr Statement kOneCouncil{"self_directed_support_council",
                                PW_SDS_SQL(" AND b.council_id = $2", " AND e.council_id = $2")};
#undef PW_SDS_SQL

}  // namespace

void self_directed_support_groups(Connection& c, CivilDate on, std::optional<CouncilId> council,
                                  const std::function<void(const reports::SupportGroup&)>& row) {
  auto read = [&row](const Row& r) {
    reports::SupportGroup g;
    g.council_id = r.id<CouncilId>(0);
    // "YYYY-MM" of an ISO date of birth (the column is always one: people are
    // recorded through the person rules).
    const auto month = r.text(1);
    if (month.size() != 7) return;
    std::from_chars(month.data(), month.data() + 4, g.birth_year);
    std::from_chars(month.data() + 5, month.data() + 7, g.birth_month);
    if (g.birth_month < 1 || g.birth_month > 12) return;
    g.dementia = r.text(2);
    g.personal_budget = r.int64(3) != 0;
    g.direct_payment = r.int64(4) != 0;
    g.people = r.int64(5);
    row(g);
  };
  if (council) c.for_each(kOneCouncil, {on, *council}, read);
  else c.for_each(kAllCouncils, {on}, read);
}

}  // namespace patchwork::storage
