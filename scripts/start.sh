#!/usr/bin/env bash
# README command 1: install, build, create the SQLite database with demo data
# if there is none, and serve at http://127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
db=${PATCHWORK_DB:-data/patchwork.db}
mkdir -p "$(dirname "$db")"
if [ ! -f "$db" ]; then
  ./build/patchwork init --db "$db"
  ./build/patchwork demo --db "$db"
else
  ./build/patchwork migrate --db "$db"
  ./build/patchwork demo --db "$db"
fi
echo "Open http://127.0.0.1:8080 in a browser. Stop with Ctrl+C."
exec ./build/patchwork serve --db "$db" --listen "${PATCHWORK_LISTEN:-127.0.0.1:8080}"
