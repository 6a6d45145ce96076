#!/usr/bin/env bash
# Statement parsing speed: generates a bank CSV and a camt.053 file of LINES
# lines each (default 1,000,000) and reads each back through its streaming
# parser with categorisation by the council defaults, printing lines per
# second. Parse only for now: the import into the SQLite ledger and the
# sqlite3 shell's `.import` of the same CSV (the floor the goal is measured
# against) are added when the import lands (docs/performance.md).
#
#   bash bench/statements/run.sh [LINES]
set -euo pipefail
cd "$(dirname "$0")/../.."
lines=${1:-1000000}
work=$(mktemp -d /tmp/patchwork-test.statements-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cmake --build build --target statements_bench >/dev/null
echo "statement parsing on $(nproc) cores, $(date -u +%Y-%m-%d) (the machine may be shared: compare ratios, not times)"
build/bench/statements_bench "$work" "$lines"
