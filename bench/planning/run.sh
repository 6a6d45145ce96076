#!/usr/bin/env bash
# Support planning at a large council's size, on SQLite and on PostgreSQL: the
# approval queue and the decision-time report for a council with 20,000 plans
# of which 500 are pending, and "the budget on date D" for one person among
# 1,000,000 budget versions, each beside a bare indexed SELECT of the same rows
# (the floor) in the same run. Prints rows, median and p95 of the repeats, and
# the ratio to the floor, for each back end.
#
#   bash bench/planning/run.sh [PLANS] [PENDING] [BUDGET_VERSIONS] [REPEATS]
#     defaults 20000 500 1000000 200; e.g. `run.sh 2000 50 10000 20` for a quick run
#
# PostgreSQL is a private server of its own (tests/support/pg_cluster.sh, as
# the tests use), stopped and removed at the end, also when a step fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
args=("${1:-20000}" "${2:-500}" "${3:-1000000}" "${4:-200}")
work=$(mktemp -d /tmp/patchwork-test.planning-bench.XXXXXX)
cleanup() {
  bash tests/support/pg_cluster.sh stop "$work/pg.env" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

cmake --build build --target planning_bench >/dev/null
bench=$PWD/build/bench/planning_bench
echo "planning benchmark on $(nproc) cores, $(date -u +%Y-%m-%d) (the machine may be shared: compare ratios, not times)"

echo
echo "=== SQLite"
"$bench" "$work/planning.db" "${args[@]}"

echo
echo "=== PostgreSQL"
bash tests/support/pg_cluster.sh start "$work/pg.env" >/dev/null
# shellcheck disable=SC1091
. "$work/pg.env"
psql "$PG_ADMIN_URI" -qc 'CREATE DATABASE patchwork_test_planning_bench'
"$bench" "postgresql://patchwork:$PG_PASSWORD@127.0.0.1:$PG_PORT/patchwork_test_planning_bench" "${args[@]}"
