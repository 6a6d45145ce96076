#pragma once
// Statements that carry many rows at once, for the jobs that write or read a
// whole council (a payment run at 100,000 budgets): one round trip per few
// hundred rows instead of one per row, which on PostgreSQL is most of the time
// (docs/performance.md "Payment runs"). The SQL is still written once, in `$N`
// style, for both back ends: only the number of repeated groups varies.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "storage/db.hpp"

namespace patchwork::storage {

// The most rows one batched statement carries. 13 columns x 256 rows is 3,328
// parameters: far inside SQLite's 32,766 and PostgreSQL's 65,535.
inline constexpr std::size_t kBatchRows = 256;

// How `n` rows are split into statements: whole batches of kBatchRows, then the
// rest by powers of two (100 -> 64, 32, 4), so a connection prepares at most a
// handful of shapes of each statement, never one per remainder.
std::vector<std::size_t> batch_sizes(std::size_t n);

// "$first, $first+1, ..." for `count` placeholders: the one way a statement's
// list of parameters is written, here and wherever SQL is built from names.
std::string placeholders(int first, int count);

// `head` followed by `rows` groups of `width` placeholders, numbered after the
// `fixed` leading ones, then `tail`:
//   batched("x", "INSERT INTO t (a, b) VALUES ", 2, 3)
//     -> INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4), ($5, $6)
//   batched("y", "SELECT ... WHERE council_id = $1 AND id IN (", 1, 3, ")", 1, false)
//     -> ... IN ($2, $3, $4)
// With `grouped` false each placeholder stands alone (for IN lists). Built once
// per shape and kept for the life of the program (statements are prepared by
// name on each connection).
const Statement& batched(std::string_view name, std::string_view head, int width, std::size_t rows, std::string_view tail = "",
                         int fixed = 0, bool grouped = true);

}  // namespace patchwork::storage
