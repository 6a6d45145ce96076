// Support planning at a large council's size (#15), on SQLite or PostgreSQL:
//  - the approval queue (services::queue_for, what GET /api/v1/approvals
//    calls) for a head of service, with 20,000 plans of which 500 are pending;
//  - the decision-time report (services::decision_times) over the decided ones;
//  - "the budget on date D" (storage::find_budget_on, what the budgets service
//    and GET /api/v1/people/{id}/budgets?on=D call) for one person among
//    1,000,000 budget versions;
// each beside its floor, a bare indexed SELECT of the same rows, timed
// alternately with it in the same run so that the shared machine's load falls
// on both alike.
//
//   planning_bench DATABASE [PLANS] [PENDING] [BUDGET_VERSIONS] [REPEATS]
//     DATABASE: an SQLite file to create (removed at the end) or a PostgreSQL
//     connection string naming an empty database. Defaults 20000 500 1000000 200.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "services/approvals_service.hpp"
#include "storage/db.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/approvals_repository.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/people_repository.hpp"

using namespace patchwork;
using Clock = std::chrono::steady_clock;

namespace {

// ---- Set-up only: rows written straight into the tables, set-wise, in one
// transaction. One SQL for both back ends: a recursive CTE counts, text is
// built with || (no padding functions, which the two back ends spell
// differently), and every parameter is cast so PostgreSQL knows its type.
constexpr storage::Statement kPeople{"bench_people",
    "WITH RECURSIVE s(n) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT n + 1 FROM s WHERE n + 1 < CAST($2 AS BIGINT)) "
    "INSERT INTO people (council_id, given_name, family_name, date_of_birth, created_at, updated_at) "
    "SELECT CAST($1 AS BIGINT), 'Test', 'Person ' || n, '19' || (20 + n % 60) || '-0' || (1 + n % 9) || '-1' || (n % 10), "
    "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM s"};
constexpr storage::Statement kFirstPerson{"bench_first_person", "SELECT MIN(id) FROM people WHERE council_id = $1"};
// One plan version per person for the first PLANS people: the first PENDING
// submitted (waiting), the rest decided (three in four approved).
constexpr storage::Statement kPlans{"bench_plans",
    "INSERT INTO support_plans (council_id, person_id, plan_number, version, status, effective_from, drafted_by_kind, helped_by, "
    "views_included, interim, interim_reason, eligible_needs, backup_cover, who_to_call, contingency_amount, weekly_cost, yearly_cost, "
    "one_off_cost, agreed_by_kind, agreed_by_name, created_by, created_at, updated_at, submitted_by, submitted_at, decided_at) "
    "SELECT council_id, id, 1, 1, CASE WHEN id - CAST($2 AS BIGINT) < CAST($4 AS BIGINT) THEN 'submitted' "
    "WHEN id % 4 = 0 THEN 'refused' ELSE 'approved' END, NULL, 'council_worker', '', '', 0, '', '[]', '', '', 0, "
    "5000 + (id * 7919) % 145000, (5000 + (id * 7919) % 145000) * 52, 0, 'person', '', CAST($5 AS BIGINT), "
    "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', CAST($5 AS BIGINT), '', '' "
    "FROM people WHERE council_id = $1 AND id - CAST($2 AS BIGINT) < CAST($3 AS BIGINT)"};
// Each plan's approval request: submitted on a day from the 1st to the 9th of
// a month, decided (unless pending) between the 20th and the 28th.
constexpr storage::Statement kRequests{"bench_requests",
    "INSERT INTO approval_requests (council_id, person_id, plan_id, plan_version, weekly_cost_pence, indicative_weekly_pence, interim, "
    "author_id, submitted_at, queued_for, status, decided_by, decided_at, decided_as, thresholds_id, decision_text, variance_reason, "
    "variance_text) "
    "SELECT council_id, person_id, id, 1, weekly_cost, weekly_cost, 0, created_by, "
    "'2026-0' || (1 + id % 9) || '-0' || (1 + id % 9) || 'T1' || (id % 10) || ':00:00Z', "
    "CASE WHEN weekly_cost <= 30000 THEN 'social_worker' WHEN weekly_cost <= 80000 THEN 'team_manager' ELSE 'head_of_service' END, "
    "CASE status WHEN 'submitted' THEN 'pending' ELSE status END, "
    "CASE status WHEN 'submitted' THEN NULL ELSE CAST($2 AS BIGINT) END, "
    "CASE status WHEN 'submitted' THEN NULL ELSE '2026-0' || (1 + id % 9) || '-2' || (id % 9) || 'T1' || (id % 7) || ':30:00Z' END, "
    "CASE status WHEN 'submitted' THEN NULL ELSE 'head_of_service' END, "
    "CASE status WHEN 'submitted' THEN NULL ELSE CAST($3 AS BIGINT) END, '', NULL, '' "
    "FROM support_plans WHERE council_id = $1"};
// VERSIONS_PER_PERSON dated versions for each of the budget people, a year
// apart from April 2017, each with one council-managed part.
constexpr storage::Statement kBudgets{"bench_budgets",
    "WITH RECURSIVE v(n) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT n + 1 FROM v WHERE n < CAST($4 AS BIGINT)) "
    "INSERT INTO personal_budgets (council_id, person_id, version, plan_id, effective_from, weekly_pence, contribution_kind, "
    "contribution_pence, basis, recorded_at) "
    "SELECT p.council_id, p.id, v.n, NULL, (2016 + v.n) || '-04-01', 5000 + (p.id * 31 + v.n * 977) % 95000, 'not_yet_assessed', 0, "
    "'benchmark', '2026-01-01T00:00:00Z' FROM people p CROSS JOIN v "
    "WHERE p.council_id = $1 AND p.id - CAST($2 AS BIGINT) < CAST($3 AS BIGINT)"};
constexpr storage::Statement kParts{"bench_parts",
    "INSERT INTO budget_parts (council_id, budget_id, part_key, mechanism, weekly_pence) "
    "SELECT council_id, id, 'part-1', 'council_managed', weekly_pence FROM personal_budgets WHERE council_id = $1"};

// ---- The floors: bare indexed SELECTs of the rows (and columns) each measured path reads.
constexpr storage::Statement kPendingFloor{"bench_pending_floor",
    "SELECT id, council_id, person_id, plan_id, plan_version, weekly_cost_pence, indicative_weekly_pence, interim, author_id, "
    "submitted_at, queued_for, status, decided_by, decided_at, decided_as, thresholds_id, decision_text, variance_reason, "
    "variance_text, finance_acknowledged_by, finance_acknowledged_at FROM approval_requests "
    "WHERE council_id = $1 AND status = 'pending' ORDER BY submitted_at, id"};
constexpr storage::Statement kDecidedFloor{"bench_decided_floor",
    "SELECT r.weekly_cost_pence, p.date_of_birth, r.submitted_at, r.decided_at FROM approval_requests r "
    "JOIN people p ON p.council_id = r.council_id AND p.id = r.person_id "
    "WHERE r.council_id = $1 AND r.status <> 'pending' AND r.decided_at IS NOT NULL"};
constexpr storage::Statement kBudgetFloor{"bench_budget_floor",
    "SELECT id, weekly_pence FROM personal_budgets WHERE council_id = $1 AND person_id = $2 AND effective_from <= $3 "
    "ORDER BY effective_from DESC, version DESC LIMIT 1"};

constexpr long kVersionsPerPerson = 10;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct Figures {
  std::vector<double> times;
  double median() const { return at(0.5); }
  double p95() const { return at(0.95); }
  double at(double q) const {
    auto v = times;
    std::sort(v.begin(), v.end());
    return v.at(std::min(v.size() - 1, std::size_t(q * double(v.size() - 1) + 0.5)));
  }
};

// Times `floor` and `measured` alternately, REPEATS times each, after one
// untimed call of each (which prepares the statements and warms the caches).
std::pair<Figures, Figures> alternate(long repeats, const std::function<void(long)>& floor, const std::function<void(long)>& measured) {
  floor(-1);
  measured(-1);
  Figures f, m;
  for (long i = 0; i < repeats; ++i) {
    auto t = Clock::now();
    floor(i);
    f.times.push_back(seconds_since(t));
    t = Clock::now();
    measured(i);
    m.times.push_back(seconds_since(t));
  }
  return {f, m};
}

void print(const char* what, long rows, const Figures& floor, const Figures& measured, const char* unit_name, double unit) {
  std::printf("%s (%ld rows)\n", what, rows);
  std::printf("  %-40s median %9.3f %s   p95 %9.3f %s\n", "floor: bare indexed SELECT", floor.median() * unit, unit_name,
              floor.p95() * unit, unit_name);
  std::printf("  %-40s median %9.3f %s   p95 %9.3f %s   %.1fx the floor\n", "measured path", measured.median() * unit, unit_name,
              measured.p95() * unit, unit_name, measured.median() / floor.median());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: planning_bench DATABASE [PLANS] [PENDING] [BUDGET_VERSIONS] [REPEATS]\n");
    return 2;
  }
  const std::string target = argv[1];
  const long plans = argc > 2 ? std::stol(argv[2]) : 20000;
  const long pending = argc > 3 ? std::stol(argv[3]) : 500;
  const long versions = argc > 4 ? std::stol(argv[4]) : 1000000;
  const long repeats = argc > 5 ? std::stol(argv[5]) : 200;
  const long budget_people = std::max(1L, versions / kVersionsPerPerson);
  const long people = std::max(plans, budget_people);
  if (pending > plans || repeats < 1) {
    std::fprintf(stderr, "PENDING must not exceed PLANS, and REPEATS must be at least 1\n");
    return 2;
  }
  const bool sqlite = !storage::names_postgres(target);
  if (sqlite) std::filesystem::remove(target);

  int status = 0;
  {
    auto db = storage::open_database(target, {1, true});
    auto lease = db->acquire();
    auto& c = *lease;
    storage::migrate(c);

    // ---- Set-up (not timed in the figures).
    auto t0 = Clock::now();
    CouncilId council;
    accounts::User head;
    std::int64_t first_person = 0;
    {
      storage::Transaction tx(c, storage::TxMode::Write);
      council = storage::insert_council(c, "E99999997", "Benchmark Council");
      // A second council's rows share the tables, as they do in a real
      // database holding several councils: every query must keep to its own.
      auto other = storage::insert_council(c, "E99999996", "Other Benchmark Council");
      accounts::User worker;
      worker.council_id = council;
      worker.username = "bench.worker";
      worker.display_name = "Bench Worker";
      worker.role = access::Role::SocialWorker;
      worker.password_hash = "x";
      worker.id = storage::insert_user(c, worker);
      head = worker;
      head.username = "bench.head";
      head.display_name = "Bench Head of Service";
      head.role = access::Role::HeadOfService;
      head.id = storage::insert_user(c, head);
      // Head of service with no upper limit: every pending plan is in their queue.
      auto thresholds = services::load_approval_thresholds(c, council, R"({"name":"bench","version":1,"effective_from":"2026-04-01",
        "social_worker":"300.00","team_manager":"800.00","head_of_service":null,"panel":false,"author_self_approval":"150.00",
        "interim":"500.00"})", std::nullopt);
      if (!thresholds) throw std::runtime_error("thresholds: " + thresholds.error().front().message);
      for (auto id : {other, council}) c.execute(kPeople, {id, std::int64_t(id == council ? people : people / 10)});
      first_person = c.query(kFirstPerson, {council}).at(0).int64(0);
      c.execute(kPlans, {council, first_person, std::int64_t(plans), std::int64_t(pending), worker.id});
      c.execute(kRequests, {council, head.id, *thresholds});
      c.execute(kBudgets, {council, first_person, std::int64_t(budget_people), std::int64_t(kVersionsPerPerson)});
      c.execute(kParts, {council});
      tx.commit();
    }
    // PostgreSQL's autovacuum would have gathered statistics on tables this
    // size; a freshly loaded one has none, so gather them now. SQLite's
    // planner works from its indexes alone (Patchwork never runs ANALYZE).
    if (!sqlite) c.execute_script("ANALYZE");
    std::printf("set-up: %ld people, %ld plans (%ld pending), %ld budget versions written in %.1f s (not part of the figures)\n",
                people, plans, pending, budget_people * kVersionsPerPerson, seconds_since(t0));
    std::printf("back end: %s; %ld repeats each, floor and measured path alternately\n\n", sqlite ? "SQLite" : "PostgreSQL", repeats);

    const auto today = CivilDate::from_parts(2026, 12, 1).value();
    std::int64_t checksum = 0;

    // ---- The approval queue.
    std::size_t queue_rows = 0, floor_rows = 0;
    auto [qf, qm] = alternate(
        repeats, [&](long) { floor_rows = c.query(kPendingFloor, {council}).size(); },
        [&](long) {
          auto items = services::queue_for(c, head, today);
          queue_rows = items.size();
          for (const auto& i : items) checksum += i.request.weekly_cost.pence();
        });
    if (queue_rows != std::size_t(pending) || floor_rows != queue_rows) {
      std::fprintf(stderr, "the queue held %zu requests and the floor %zu; expected %ld\n", queue_rows, floor_rows, pending);
      status = 1;
    }
    print("approval queue: services::queue_for, head of service", long(queue_rows), qf, qm, "ms", 1e3);

    // The repository's read alone, to tell the SQL from what queue_for adds.
    auto [lf, lm] = alternate(
        repeats, [&](long) { floor_rows = c.query(kPendingFloor, {council}).size(); },
        [&](long) { checksum += std::int64_t(storage::list_pending_approval_requests(c, council).size()); });
    print("  of which the repository read: storage::list_pending_approval_requests", long(floor_rows), lf, lm, "ms", 1e3);

    // What GET /api/v1/approvals does after queue_for: the queue's people read
    // together (storage::find_people, 50 to a query), to ask the policy about each.
    auto [hf, hm] = alternate(
        std::max(1L, repeats / 4), [&](long) { floor_rows = c.query(kPendingFloor, {council}).size(); },
        [&](long) {
          auto items = services::queue_for(c, head, today);
          std::vector<PersonId> ids;
          for (const auto& i : items) ids.push_back(i.request.person_id);
          checksum += std::int64_t(storage::find_people(c, council, ids).size());
        });
    print("approval queue as the API handler reads it: queue_for + find_people", long(queue_rows), hf, hm, "ms", 1e3);
    // As it was before (#15 review): one find_person per person, for comparison.
    auto [of, om] = alternate(
        std::max(1L, repeats / 4), [&](long) { floor_rows = c.query(kPendingFloor, {council}).size(); },
        [&](long) {
          auto items = services::queue_for(c, head, today);
          std::map<PersonId, bool> seen;
          for (const auto& i : items)
            if (!seen.contains(i.request.person_id)) seen[i.request.person_id] = storage::find_person(c, council, i.request.person_id).has_value();
          checksum += std::int64_t(seen.size());
        });
    print("  before: queue_for + find_person for each person", long(queue_rows), of, om, "ms", 1e3);

    // ---- The decision-time report.
    long decided_rows = 0;
    std::int64_t decisions = 0;
    auto [rf, rm] = alternate(
        repeats,
        [&](long) {
          decided_rows = 0;
          c.for_each(kDecidedFloor, {council}, [&](const storage::Row&) { ++decided_rows; });
        },
        [&](long) { decisions = services::decision_times(c, council).all.decisions; });
    if (decisions != decided_rows || decided_rows != plans - pending) {
      std::fprintf(stderr, "the report counted %lld decisions and the floor %ld; expected %ld\n", static_cast<long long>(decisions),
                   decided_rows, plans - pending);
      status = 1;
    }
    print("decision-time report: services::decision_times", decided_rows, rf, rm, "ms", 1e3);

    // ---- The budget on a date: a different person and date each time.
    std::mt19937_64 random(42);
    std::vector<std::pair<PersonId, CivilDate>> asks;
    for (long i = 0; i < repeats * 10 + 1; ++i) {
      auto year = 2017 + int(random() % 10);
      asks.emplace_back(PersonId(first_person + std::int64_t(random() % std::uint64_t(budget_people))),
                        CivilDate::from_parts(year, 1 + int(random() % 12), 1 + int(random() % 28)).value());
    }
    auto ask = [&asks](long i) { return asks.at(std::size_t(i + 1)); };
    long floor_misses = 0, path_misses = 0;
    auto [bf, bm] = alternate(
        repeats * 10,
        [&](long i) {
          auto [person, date] = ask(i);
          auto rows = c.query(kBudgetFloor, {council, person, date});
          if (rows.empty()) ++floor_misses;
        },
        [&](long i) {
          auto [person, date] = ask(i);
          auto b = storage::find_budget_on(c, council, person, date);
          if (!b || b->parts.size() != 1) ++path_misses;
          else checksum += b->weekly.pence();
        });
    // Dates before 1 April 2017 have no budget on either side; both must agree.
    if (floor_misses != path_misses) {
      std::fprintf(stderr, "the floor found no budget %ld times, find_budget_on %ld times\n", floor_misses, path_misses);
      status = 1;
    }
    std::printf("\n");
    print("budget on date D: storage::find_budget_on, one person among the versions", budget_people * kVersionsPerPerson, bf, bm, "us",
          1e6);
    std::printf("  (%ld of %ld look-ups fell before the person's first budget, on both sides alike)\n", path_misses, repeats * 10 + 1);
    std::printf("\nchecksum %lld\n", static_cast<long long>(checksum));
  }
  if (sqlite)
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(target + suffix);
  return status;
}
