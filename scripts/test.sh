#!/usr/bin/env bash
# README command 2: install, build everything, and run every test (unit,
# storage on SQLite and PostgreSQL, integration over real HTTP on both back
# ends, browser and accessibility). The test suite starts and stops its own
# PostgreSQL server. A compiler warning fails the build, so there are none.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
bash scripts/build.sh --warnings-as-errors
cd build
echo "==> Running the tests (ctest)"
# ctest prints its summary last; its exit status is the script's.
ctest --output-on-failure --parallel 2 --timeout 900
