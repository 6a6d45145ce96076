// A payment run for a large council (#16), on SQLite or PostgreSQL: BUDGETS
// people, each with a budget (one in four changed in the middle of the period,
// so the period is paid at two rates), a direct-payment part, a four-weekly
// schedule and bank details. Times, each in its own transaction as the API
// runs it:
//  - preparing the run (services::prepare_payment_run: every schedule, budget,
//    suspension and bank detail read in a few set-wise queries, each period
//    worked out day by day, every item stored);
//  - approving it (a second user);
//  - exporting it (the BACS Standard 18 file and one ledger transfer per payment);
//  - exporting it again (the same file, nothing posted);
//  - preparing a second run for the same dates (nothing due: nobody paid twice);
// and, as the floor, a bare INSERT … SELECT of the same number of rows into a
// table of the same shape as the run's items, the least any run could cost.
//
//   payments_bench DATABASE [BUDGETS]
//     DATABASE: an SQLite file to create (removed at the end) or a PostgreSQL
//     connection string naming an empty database. Default 100000.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>

#include "services/payments_service.hpp"
#include "storage/db.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/payments_repository.hpp"
#include "storage/repositories/people_repository.hpp"

using namespace patchwork;
using Clock = std::chrono::steady_clock;

namespace {

// ---- Set-up only: rows written straight into the tables, set-wise, in one
// transaction, with one SQL for both back ends (a recursive CTE counts).
constexpr storage::Statement kPeople{"bench_people",
    "WITH RECURSIVE s(n) AS (SELECT CAST(0 AS BIGINT) UNION ALL SELECT n + 1 FROM s WHERE n + 1 < CAST($2 AS BIGINT)) "
    "INSERT INTO people (council_id, given_name, family_name, date_of_birth, created_at, updated_at) "
    "SELECT CAST($1 AS BIGINT), 'Test', 'Person ' || n, '1940-01-01', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM s"};
// Version 1 from 5 October 2026 for everyone; version 2 from 16 November for one in four.
constexpr storage::Statement kBudgets{"bench_budgets",
    "INSERT INTO personal_budgets (council_id, person_id, version, plan_id, effective_from, weekly_pence, contribution_kind, "
    "contribution_pence, basis, recorded_at) "
    "SELECT council_id, id, 1, NULL, '2026-10-05', 7000 + (id * 7919) % 93000, 'weekly_amount', (id * 31) % 2000, 'benchmark', "
    "'2026-01-01T00:00:00Z' FROM people WHERE council_id = $1"};
constexpr storage::Statement kChanges{"bench_budget_changes",
    "INSERT INTO personal_budgets (council_id, person_id, version, plan_id, effective_from, weekly_pence, contribution_kind, "
    "contribution_pence, basis, recorded_at) "
    "SELECT council_id, id, 2, NULL, '2026-11-16', 7000 + (id * 104729) % 93000, 'weekly_amount', (id * 31) % 2000, 'benchmark', "
    "'2026-01-01T00:00:00Z' FROM people WHERE council_id = $1 AND id % 4 = 0"};
constexpr storage::Statement kParts{"bench_parts",
    "INSERT INTO budget_parts (council_id, budget_id, part_key, mechanism, weekly_pence, recipient, held_in) "
    "SELECT council_id, id, 'A', 'direct_payment', weekly_pence, 'person', 'bank_account' FROM personal_budgets WHERE council_id = $1"};
constexpr storage::Statement kSchedules{"bench_schedules",
    "INSERT INTO payment_schedules (council_id, person_id, part_key, frequency, starts_on, recorded_at) "
    "SELECT council_id, id, 'A', 'four_weekly', '2026-11-02', '2026-01-01T00:00:00Z' FROM people WHERE council_id = $1"};
constexpr storage::Statement kBank{"bench_bank",
    "INSERT INTO payee_bank_details (council_id, person_id, part_key, account_name, sort_code, account_number, recorded_at) "
    "SELECT council_id, id, 'A', 'Test Person ' || id, '112233', CAST(10000000 + id AS TEXT), '2026-01-01T00:00:00Z' "
    "FROM people WHERE council_id = $1"};
constexpr storage::Statement kFloorTable{"bench_floor_table",
    "CREATE TABLE bench_floor (id INTEGER, council_id BIGINT, run_id BIGINT, transfer_id TEXT, person_id BIGINT, part_key TEXT, "
    "mechanism TEXT, period_start TEXT, period_end TEXT, amount_pence BIGINT, payee_name TEXT, sort_code TEXT, account_number TEXT, "
    "reference TEXT)"};
constexpr storage::Statement kFloorIndex{"bench_floor_index", "CREATE UNIQUE INDEX bench_floor_transfer ON bench_floor (council_id, transfer_id)"};
constexpr storage::Statement kFloor{"bench_floor",
    "INSERT INTO bench_floor (council_id, run_id, transfer_id, person_id, part_key, mechanism, period_start, period_end, amount_pence, "
    "payee_name, sort_code, account_number, reference) "
    "SELECT council_id, 0, 'pay:' || person_id || ':A:2026-11-02', person_id, 'A', 'direct_payment', '2026-11-02', '2026-11-29', 1000, "
    "account_name, sort_code, account_number, 'PB' || person_id FROM payee_bank_details WHERE council_id = $1"};

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: payments_bench DATABASE [BUDGETS]\n");
    return 2;
  }
  const std::string target = argv[1];
  const long budgets = argc > 2 ? std::stol(argv[2]) : 100000;
  const bool sqlite = !storage::names_postgres(target);
  if (sqlite) std::filesystem::remove(target);
  int status = 0;
  {
    auto db = storage::open_database(target, {1, true});
    auto lease = db->acquire();
    auto& c = *lease;
    storage::migrate(c);
    auto t0 = Clock::now();
    CouncilId council;
    UserId maker, checker;
    {
      storage::Transaction tx(c, storage::TxMode::Write);
      council = storage::insert_council(c, "E99999995", "Benchmark Council");
      accounts::User u;
      u.council_id = council;
      u.role = access::Role::FinanceOfficer;
      u.password_hash = "$argon2id$bench";
      u.username = "bench.maker";
      u.display_name = "Maker";
      maker = storage::insert_user(c, u);
      u.username = "bench.checker";
      u.display_name = "Checker";
      checker = storage::insert_user(c, u);
      c.execute(kPeople, {council, std::int64_t(budgets)});
      for (const auto* s : {&kBudgets, &kChanges, &kParts, &kSchedules, &kBank}) c.execute(*s, {council});
      payments::PaymentSettings settings;
      settings.deduct_contribution = true;
      settings.originator_name = "Benchmark Council";
      settings.originator_sort_code = "204577";
      settings.originator_account_number = "83456712";
      settings.service_user_number = "912345";
      storage::set_payment_settings(c, council, settings, std::nullopt);
      c.execute(kFloorTable);
      c.execute(kFloorIndex);
      tx.commit();
    }
    std::printf("set-up: %ld budgets with schedules and bank details in %.1f s\n", budgets, seconds_since(t0));

    auto timed = [&](const char* what, const std::function<void()>& step) {
      auto t = Clock::now();
      storage::Transaction tx(c, storage::TxMode::Write);
      step();
      tx.commit();
      const double s = seconds_since(t);
      std::printf("  %-58s %8.2f s\n", what, s);
      return s;
    };
    const double floor = timed("floor: INSERT ... SELECT of as many item rows", [&] { c.execute(kFloor, {council}); });
    std::int64_t run_id = 0;
    std::int64_t items = 0;
    const double prepare = timed("prepare the run (every payment worked out and stored)", [&] {
      auto run = services::prepare_payment_run(c, council, CivilDate(2026, 11, 2), maker);
      if (!run) throw std::runtime_error(run.error()[0].message);
      run_id = run->run.id;
      items = run->run.item_count;
    });
    timed("approve it (another user)", [&] {
      if (!services::approve_payment_run(c, council, run_id, checker)) throw std::runtime_error("approve");
    });
    std::size_t bytes = 0;
    timed("export: BACS Standard 18 file and one ledger transfer each", [&] {
      auto file = services::export_payment_run(c, council, run_id, services::FileFormat::Bacs18, maker);
      if (!file) throw std::runtime_error(file.error()[0].message);
      bytes = file->file.size();
    });
    timed("export again (the same file, nothing posted)", [&] {
      if (!services::export_payment_run(c, council, run_id, services::FileFormat::Bacs18, maker)) throw std::runtime_error("export");
    });
    timed("prepare a run for the same dates (nothing due)", [&] {
      if (services::prepare_payment_run(c, council, CivilDate(2026, 11, 2), maker)) throw std::runtime_error("paid twice");
    });
    std::printf("%lld payments, a BACS file of %zu bytes; preparing took %.1fx the floor\n", static_cast<long long>(items), bytes,
                prepare / floor);
    if (items != budgets) {
      std::fprintf(stderr, "expected %ld payments\n", budgets);
      status = 1;
    }
  }
  if (sqlite) std::filesystem::remove(target);
  return status;
}
