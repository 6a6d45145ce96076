#!/usr/bin/env bash
# Statement import speed: generates a bank CSV and a camt.053 file of LINES
# lines each (default 1,000,000); reads each through its streaming parser
# with categorisation; imports each through Patchwork into a fresh SQLite
# ledger; and, in the same run, times the sqlite3 shell's `.import` of the
# same CSV into a bare table, printing the ratio (issue 16's goal: at least
# 0.5). Needs the sqlite3 shell (scripts/install-deps.sh installs it).
# docs/performance.md has the figures.
#
#   bash bench/statements/run.sh [LINES]
set -euo pipefail
cd "$(dirname "$0")/../.."
lines=${1:-1000000}
work=$(mktemp -d /tmp/patchwork-test.statements-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cmake --build build --target statements_bench >/dev/null
echo "statement import on $(nproc) cores, $(date -u +%Y-%m-%d) (the machine may be shared: compare ratios, not times)"
build/bench/statements_bench "$work" "$lines"
