#!/usr/bin/env bash
# README command 1: install, build the program, create the database with demo
# data if there is none, and serve.
#
#   PATCHWORK_LISTEN   where to serve, HOST:PORT (default 127.0.0.1:8080; :0 picks a free port)
#   PATCHWORK_DB       the database: an SQLite file (default data/patchwork.db) or a
#                      PostgreSQL connection string
#   PATCHWORK_BIN      run this already built `patchwork` instead of installing and
#                      building (the tests do)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${PATCHWORK_BIN:-}" ]; then
  bin=$PATCHWORK_BIN
else
  bash scripts/install-deps.sh
  # Only what it runs: the test command builds the tests and benchmarks.
  bash scripts/build.sh patchwork
  bin=./build/patchwork
fi
db=${PATCHWORK_DB:-data/patchwork.db}
listen=${PATCHWORK_LISTEN:-127.0.0.1:8080}
case "$db" in
  postgres://* | postgresql://* | *dbname=* | *host=*) ;;
  *) mkdir -p "$(dirname "$db")" ;;
esac
# init creates the tables, or brings an existing database up to date; demo
# loads the demo council once and prints the sign-ins.
"$bin" init --db "$db"
"$bin" demo --db "$db"
# The server prints the address it serves once it is listening, or, if the port
# is taken, one line saying so and what to set.
exec "$bin" serve --db "$db" --listen "$listen"
