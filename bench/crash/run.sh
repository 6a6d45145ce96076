#!/usr/bin/env bash
# The crash test at 100 kill points of a payment run and 100 of a statement
# import on each back end (tests/crash/crash.mjs says what a point does and
# checks), printing the figures.
#
#   bash bench/crash/run.sh [POINTS] [SEED]     default 100 points of each, a random seed (printed)
#
# The same SEED repeats a run exactly. PostgreSQL is a private server of its
# own (tests/support/pg_cluster.sh), stopped and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
points="${1:-100}"
seed="${2:-$((RANDOM * 32768 + RANDOM))}"
work=$(mktemp -d /tmp/patchwork-test.crash-bench.XXXXXX)
cleanup() {
  bash tests/support/pg_cluster.sh stop "$work/pg.env" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
cmake --build build --target patchwork >/dev/null
export PATCHWORK_BIN=$PWD/build/patchwork
echo "crash test: $points kill points per back end, seed $seed, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "=== SQLite"
PATCHWORK_BACKEND=sqlite node tests/crash/crash.mjs --points "$points" --import-points "$points" --seed "$seed"
echo
echo "=== PostgreSQL"
bash tests/support/pg_cluster.sh start "$work/pg.env" >/dev/null
PATCHWORK_BACKEND=postgres PATCHWORK_PG_ENV="$work/pg.env" node tests/crash/crash.mjs --points "$points" --import-points "$points" --seed "$seed"
