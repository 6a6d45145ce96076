// Recalculating indicative budgets for N stored assessments under a new RAS
// configuration (read every current allocation, compute, write the comparison),
// against the floor: a bare SELECT of the same rows, in the same run.
//
//   recalibration_bench [ROWS] [DATABASE]   (default 1000000, a new SQLite file in /tmp)
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "core/text.hpp"
#include "services/assessment_service.hpp"
#include "storage/db.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/assessment_repository.hpp"

using namespace patchwork;
using Clock = std::chrono::steady_clock;

namespace {

// Setup only: bulk rows straight into the tables, in one transaction.
constexpr storage::Statement kPerson{"bench_person",
    "INSERT INTO people (council_id, given_name, family_name, date_of_birth, created_at, updated_at) "
    "VALUES ($1, 'Test', 'Person', '1940-01-01', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id"};
constexpr storage::Statement kAssessment{"bench_assessment",
    "INSERT INTO assessments (council_id, person_id, questionnaire_id, status, completed_with, person_answers, started_at, updated_at) "
    "VALUES ($1, $2, $3, 'confirmed', 'bench', '{}', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id"};
constexpr storage::Statement kAllocation{"bench_allocation",
    "INSERT INTO allocations (council_id, person_id, assessment_id, ras_configuration_id, total_points, carer_points, weekly_pence, "
    "explanation, is_current, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, '[]', 1, '2026-01-01T00:00:00Z')"};

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

int main(int argc, char** argv) {
  const long rows = argc > 1 ? std::stol(argv[1]) : 1000000;
  const std::string path = argc > 2 ? argv[2] : "/tmp/patchwork-test.recalibration-" + random_hex(4) + ".db";
  std::filesystem::remove(path);
  auto db = storage::open_database(path, {1, true});
  auto lease = db->acquire();
  auto& c = *lease;
  storage::migrate(c);

  auto t0 = Clock::now();
  CouncilId council;
  std::int64_t old_config, new_config;
  {
    storage::Transaction tx(c, storage::TxMode::Write);
    council = storage::insert_council(c, "E99999998", "Benchmark Council");
    std::string questionnaire = R"({"name":"q","version":1,"domains":[{"id":"d","title":"D","questions":[{"id":"q","text":"Q",
      "answers":[{"value":"a","text":"A","points":0},{"value":"b","text":"B","points":1}]}]}]})";
    auto qid = services::load_questionnaire(c, council, questionnaire, std::nullopt).value();
    old_config = services::load_ras_configuration(c, council, R"({"name":"old","version":1,"method":"price_per_point","price_per_point":"5.20",
      "floor":"30.00","ceiling":"950.00","carer_adjustment":{"percent_of_needs_share":100}})", std::nullopt).value();
    new_config = services::load_ras_configuration(c, council, R"({"name":"new","version":2,"method":"bands","bands":[
      {"min_points":0,"max_points":20,"weekly":"80.00"},{"min_points":21,"max_points":40,"weekly":"190.00"},
      {"min_points":41,"max_points":60,"weekly":"300.00"},{"min_points":61,"max_points":200,"weekly":"450.00"}],
      "floor":"30.00","carer_adjustment":{"percent_of_needs_share":50}})", std::nullopt).value();
    std::mt19937 random(42);
    // A third of people have a willing-and-able carer meeting some of their needs.
    for (long i = 0; i < rows; ++i) {
      auto person = c.query(kPerson, {council}).at(0).int64(0);
      auto assessment = c.query(kAssessment, {council, person, qid}).at(0).int64(0);
      std::int64_t points = random() % 90;
      std::int64_t pence = std::max<std::int64_t>(3000, points * 520);
      const storage::Value carer_points = random() % 3 == 0 ? storage::Value(points / 4) : storage::Value(storage::Null{});
      c.execute(kAllocation, {council, person, assessment, old_config, points, carer_points, pence});
    }
    tx.commit();
  }
  std::printf("set-up: %ld people, assessments and allocations written in %.1f s (not part of the figures)\n", rows, seconds_since(t0));

  // The floor: read the same rows and do nothing with them.
  long seen = 0;
  std::int64_t checksum = 0;
  auto t1 = Clock::now();
  {
    storage::Transaction tx(c, storage::TxMode::Read);
    storage::for_each_current_allocation(c, council, [&](const storage::CurrentAllocation& a) {
      ++seen;
      checksum += a.weekly.pence();
    });
    tx.commit();
  }
  double select_seconds = seconds_since(t1);

  auto t2 = Clock::now();
  services::RecalibrationSummary summary;
  {
    storage::Transaction tx(c, storage::TxMode::Write);
    summary = services::recalibrate(c, council, new_config, std::nullopt).value();
    tx.commit();
  }
  double recalibration_seconds = seconds_since(t2);

  std::printf("rows: %ld (checksum %lld)\n", seen, static_cast<long long>(checksum));
  std::printf("bare SELECT of the current allocations:             %7.2f s  (%.0f rows/s)\n", select_seconds, seen / select_seconds);
  std::printf("recalibration (read, compute, write the comparison): %7.2f s  (%.0f rows/s)\n", recalibration_seconds,
              summary.allocations / recalibration_seconds);
  std::printf("recalibration / bare SELECT: %.1fx\n", recalibration_seconds / select_seconds);
  std::printf("changes: %lld up, %lld down; weekly total %lld -> %lld pence\n", static_cast<long long>(summary.increased),
              static_cast<long long>(summary.decreased), static_cast<long long>(summary.total_old_pence),
              static_cast<long long>(summary.total_new_pence));
  lease.reset();
  db.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return 0;
}
