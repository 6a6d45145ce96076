// SQLite keeps the query planner's statistics up by itself (docs/performance.md,
// "Planner statistics"): PRAGMA optimize when a connection is handed back to
// the pool once the interval has passed, and when a connection closes; never
// while a transaction is open on it. SQLite only: PostgreSQL's autovacuum
// analyses its tables.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "core/text.hpp"
#include "storage/db.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/people_repository.hpp"

namespace patchwork::storage {
namespace {

class SqliteStatisticsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("patchwork-stat-test." + random_hex(6));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "test.db").string();
    auto db = open_database(path_, {1, true, std::chrono::hours(1)});
    auto lease = db->acquire();
    migrate(*lease);
    council_ = insert_council(*lease, "E06000001", "North");
    for (int n = 0; n < 300; ++n) {
      people::Person p;
      p.given_name = "Person" + std::to_string(n);
      p.family_name = n % 2 ? "Odd" : "Even";
      p.date_of_birth = CivilDate(1940 + n % 50, 1 + n % 12, 1);
      p.council_id = council_;
      insert_person(*lease, p);
    }
    // Each test starts with no statistics for people, whatever this setup's
    // connection did when it closed.
    lease.reset();
    db.reset();
    clear_statistics();
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  void clear_statistics() {
    auto db = open_database(path_, {1, false, std::chrono::hours(1)});
    auto lease = db->acquire();
    if (statistics_rows(*lease) >= 0) lease->execute_script("DELETE FROM sqlite_stat1");
    // Closing this connection must not analyse again: it ran no query on people.
  }
  // -1 when there is no sqlite_stat1 table at all.
  static std::int64_t statistics_rows(Connection& c) {
    static constexpr Statement kTable{"has_stat1", "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"};
    if (c.query(kTable).at(0).int64(0) == 0) return -1;
    static constexpr Statement kRows{"stat1_people", "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'people'"};
    return c.query(kRows).at(0).int64(0);
  }
  std::int64_t statistics_now() {
    auto db = open_database(path_, {1, false, std::chrono::hours(1)});
    auto lease = db->acquire();
    return statistics_rows(*lease);
  }
  // What a request does: a look-up an index of `people` serves.
  void look_up(Connection& c) {
    static constexpr Statement kByName{"people_by_name",
                                       "SELECT id FROM people WHERE council_id = $1 AND family_name = $2 AND given_name = $3"};
    ASSERT_EQ(c.query(kByName, {council_, "Odd", "Person7"}).size(), 1U);
  }

  std::filesystem::path dir_;
  std::string path_;
  CouncilId council_{};
};

TEST_F(SqliteStatisticsTest, AConnectionHandedBackAfterTheIntervalRefreshesThem) {
  ASSERT_LE(statistics_now(), 0);
  // The interval is nought: every connection handed back optimizes.
  auto db = open_database(path_, {2, false, std::chrono::seconds(0)});
  {
    auto lease = db->acquire();
    look_up(*lease);
  }
  // The database is still open and serving: the statistics are there already.
  EXPECT_GT(statistics_now(), 0);
}

TEST_F(SqliteStatisticsTest, NotBeforeTheIntervalButWhenTheConnectionCloses) {
  auto db = open_database(path_, {2, false, std::chrono::hours(1)});
  {
    auto lease = db->acquire();
    look_up(*lease);
  }
  // Within the hour: nothing yet.
  EXPECT_LE(statistics_now(), 0);
  db.reset();  // the pool's connections close, each optimizing first
  EXPECT_GT(statistics_now(), 0);
}

TEST_F(SqliteStatisticsTest, NeverInsideATransactionAndNotWaitingForAWriter) {
  auto db = open_database(path_, {2, false, std::chrono::seconds(0)});
  auto writer = db->acquire();
  writer->begin(TxMode::Write);  // another connection holds SQLite's write lock
  {
    auto lease = db->acquire();
    look_up(*lease);
    const auto started = std::chrono::steady_clock::now();
    lease.reset();  // handed back: it cannot write the statistics now, and does not wait
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  }
  EXPECT_LE(statistics_now(), 0);
  look_up(*writer);
  writer->commit();
  writer.reset();  // the next connection handed back, after the write: it is done
  EXPECT_GT(statistics_now(), 0);
}

}  // namespace
}  // namespace patchwork::storage
