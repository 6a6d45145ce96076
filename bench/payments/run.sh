#!/usr/bin/env bash
# A payment run for a large council, on SQLite and on PostgreSQL: BUDGETS
# direct-payment budgets with schedules and bank details, prepared, approved,
# exported (BACS file and ledger transfers), exported again, and prepared again
# for the same dates, beside a bare INSERT ... SELECT of as many rows (the
# floor). Figures in docs/performance.md.
#
#   bash bench/payments/run.sh [BUDGETS]      default 100000
#
# With PAYMENTS_BENCH_BEFORE=/path/to/an/older/payments_bench, that build runs
# too, on its own database, right before this one on each back end: before and
# after in one run, on the same machine at the same moment.
#
# PostgreSQL is a private server of its own (tests/support/pg_cluster.sh, as
# the tests use), stopped and removed at the end, also when a step fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
budgets="${1:-100000}"
work=$(mktemp -d /tmp/patchwork-test.payments-bench.XXXXXX)
cleanup() {
  bash tests/support/pg_cluster.sh stop "$work/pg.env" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

cmake --build build --target payments_bench >/dev/null
bench=$PWD/build/bench/payments_bench
echo "payments benchmark on $(nproc) cores, $(date -u +%Y-%m-%d) (the machine may be shared: compare ratios, not times)"

before="${PAYMENTS_BENCH_BEFORE:-}"

echo
if [ -n "$before" ]; then
  echo "=== SQLite, before ($before)"
  "$before" "$work/payments-before.db" "$budgets"
  echo
fi
echo "=== SQLite"
"$bench" "$work/payments.db" "$budgets"

echo
echo "=== PostgreSQL"
bash tests/support/pg_cluster.sh start "$work/pg.env" >/dev/null
# shellcheck disable=SC1091
. "$work/pg.env"
if [ -n "$before" ]; then
  psql "$PG_ADMIN_URI" -qc 'CREATE DATABASE patchwork_test_payments_bench_before'
  echo "--- before ($before)"
  "$before" "postgresql://patchwork:$PG_PASSWORD@127.0.0.1:$PG_PORT/patchwork_test_payments_bench_before" "$budgets"
  echo "--- after"
fi
psql "$PG_ADMIN_URI" -qc 'CREATE DATABASE patchwork_test_payments_bench'
"$bench" "postgresql://patchwork:$PG_PASSWORD@127.0.0.1:$PG_PORT/patchwork_test_payments_bench" "$budgets"
