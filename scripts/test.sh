#!/usr/bin/env bash
# README command 2: install, build, and run every test (unit, storage on SQLite
# and PostgreSQL, integration over real HTTP on both back ends, browser and
# accessibility). The test suite starts and stops its own PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
bash scripts/build.sh
cd build
# ctest prints its summary last; its exit status is the script's.
ctest --output-on-failure --parallel 2 --timeout 900
