#include "storage/batch.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace patchwork::storage {
namespace {

TEST(Batch, SplitsIntoWholeBatchesThenPowersOfTwo) {
  EXPECT_EQ(batch_sizes(0), std::vector<std::size_t>{});
  EXPECT_EQ(batch_sizes(100), (std::vector<std::size_t>{64, 32, 4}));
  EXPECT_EQ(batch_sizes(kBatchRows * 2 + 1), (std::vector<std::size_t>{kBatchRows, kBatchRows, 1}));
  for (std::size_t n : {1u, 7u, 255u, 256u, 257u, 1000u, 100001u}) {
    auto sizes = batch_sizes(n);
    EXPECT_EQ(std::accumulate(sizes.begin(), sizes.end(), std::size_t(0)), n) << n;
  }
}

TEST(Batch, NumbersPlaceholdersAfterTheFixedOnes) {
  const auto& insert = batched("test_insert", "INSERT INTO t (a, b) VALUES ", 2, 3);
  EXPECT_EQ(insert.sql, "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4), ($5, $6)");
  EXPECT_EQ(insert.name, "test_insert_x3");
  const auto& in = batched("test_in", "SELECT a FROM t WHERE c = $1 AND a IN (", 1, 3, ")", 1, false);
  EXPECT_EQ(in.sql, "SELECT a FROM t WHERE c = $1 AND a IN ($2, $3, $4)");
  // The same shape is the same statement, kept (its name prepares it once).
  EXPECT_EQ(&batched("test_in", "ignored", 1, 3), &in);
}

}  // namespace
}  // namespace patchwork::storage
