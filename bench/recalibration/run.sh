#!/usr/bin/env bash
# Prints how long recalibrating N stored assessments takes on SQLite, beside a
# bare SELECT of the same rows (the floor), measured in one run.
#   bash bench/recalibration/run.sh [ROWS]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --build build --target recalibration_bench >/dev/null
/usr/bin/time -v build/bench/recalibration_bench "${1:-1000000}" 2> >(grep -E "Maximum resident|Elapsed" >&2)
