#!/usr/bin/env bash
# The query plans of the pages bench/scale/run.sh measures, on a generated data
# set, on both back ends: what each page really runs, not what we think it runs.
#
#   SIZE=0.01 bash bench/scale/plans.sh > plans.txt
#   COUNCILS=3 PEOPLE=3000 bash bench/scale/plans.sh > plans.txt   (any shape)
#
# A PostgreSQL database of that size (a fraction of England, as in run.sh) is
# generated on a private server; then the server logs every statement with its
# parameters and, through auto_explain, its plan. One GET of each page, as the
# user run.sh measures it with, and the statements that request ran are listed
# with PostgreSQL's plan and SQLite's EXPLAIN QUERY PLAN of the same SQL with
# the same parameters, on an SQLite database generated with the same seed and
# size (or SQLITE_DB=an existing one, e.g. one run.sh kept with KEEP=1).
# run.sh runs it with PLANS=1 on the databases it generated (PG_DB, PG_LOG,
# SQLITE_DB given): nothing is generated twice.
set -euo pipefail
cd "$(dirname "$0")/../.."
size=${SIZE:-0.01}
years=${YEARS:-2}
seed=${SEED:-18}
today_arg=()
[ -n "${TODAY:-}" ] && today_arg=(--today "$TODAY")
bin=$PWD/build/patchwork
password=scale-bench-password
work=$(mktemp -d /tmp/patchwork-test.scale-plans.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "${PG_DB:-}" ] && psql "$PG_DB" -Xqc "ALTER DATABASE ${PG_DB##*/} RESET ALL" >/dev/null 2>&1
  bash tests/support/pg_cluster.sh stop "$work/pg.env" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
say() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

councils=${COUNCILS:-$(awk -v f="$size" 'BEGIN { c = int(153 * f + 0.5); print (c < 1 ? 1 : c) }')}
people=${PEOPLE:-$(awk -v f="$size" 'BEGIN { printf "%d", 1500000 * f + 0.5 }')}

generate() {  # db
  echo "$password" | "$bin" generate --db "$1" --councils "$councils" --people "$people" --years "$years" --seed "$seed" \
    "${today_arg[@]}" --password-stdin --no-progress >&2
}
sqlite_db=${SQLITE_DB:-}
if [ -z "$sqlite_db" ] || [ ! -f "$sqlite_db" ]; then
  sqlite_db=$work/plans.db
  say "SQLite: generating $councils councils, $people people"
  generate "$sqlite_db"
fi

if [ -n "${PG_DB:-}" ]; then
  # run.sh's database, on its server (superuser), whose log is PG_LOG.
  pg_db=$PG_DB
  log=${PG_LOG:?PG_LOG: the server log of PG_DB}
else
  bash tests/support/pg_cluster.sh start "$work/pg.env" >/dev/null
  # shellcheck disable=SC1091
  . "$work/pg.env"
  psql "$PG_ADMIN_URI" -Xqc 'CREATE DATABASE patchwork_test_scale_plans'
  pg_db="postgresql://patchwork:$PG_PASSWORD@127.0.0.1:$PG_PORT/patchwork_test_scale_plans"
  log=$PG_DIR/server.log
  say "PostgreSQL: generating $councils councils, $people people"
  generate "$pg_db"
  psql "$pg_db" -Xqc 'VACUUM ANALYZE'
fi
pg_name=${pg_db##*/}

sql() { psql "$pg_db" -XqAt -F $'\t' -c "$1"; }
# One budget holder in the first council, as run.sh adds.
read -r code council_id < <(sql "SELECT code, id FROM councils ORDER BY id LIMIT 1" | tr '\t' ' ')
holder_person=$(sql "SELECT min(person_id) FROM payment_schedules WHERE council_id = $council_id")
existing=$(sql "SELECT person_id FROM users WHERE username = '${code,,}.holder'")
if [ -n "$existing" ]; then holder_person=$existing
else
  echo "$password" | "$bin" user add --db "$pg_db" --council "$code" --username "${code,,}.holder" --role budget_holder \
    --person-id "$holder_person" --name "Budget holder" --password-stdin >/dev/null
fi
read -r person worker < <(sql "SELECT w.person_id, u.username FROM worker_allocations w JOIN users u ON u.id = w.user_id
  WHERE w.council_id = $council_id AND u.role = 'social_worker' ORDER BY w.person_id LIMIT 1" | tr '\t' ' ')

# From here on, every statement and its plan goes to the server's log.
psql "$pg_db" -Xq <<SQL
ALTER DATABASE $pg_name SET log_statement = 'all';
ALTER DATABASE $pg_name SET session_preload_libraries = 'auto_explain';
ALTER DATABASE $pg_name SET auto_explain.log_min_duration = 0;
ALTER DATABASE $pg_name SET auto_explain.log_nested_statements = on;
SQL

"$bin" serve --db "$pg_db" --listen 127.0.0.1:0 --io-threads 1 >"$work/serve.log" 2>&1 &
pids+=($!)
port=
for _ in $(seq 300); do
  port=$(grep -o 'at http://127.0.0.1:[0-9]*' "$work/serve.log" | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "Patchwork did not start: $(cat "$work/serve.log")" >&2; exit 1; }

cookie() {
  curl -s -D - -o /dev/null -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$password\"}" "http://127.0.0.1:$port/api/v1/sessions" |
    grep -i '^set-cookie: pw_session=' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//; s/\r$//'
}

lower=${code,,}
pages=(
  "record|/people/$person|$worker"
  "caseload|/home|$worker"
  "money|/my/$holder_person/money|$lower.holder"
  "flags|/flags|$lower.finance"
  "approvals|/approvals|$lower.manager"
  "summary|/reports/self-directed-support|$lower.head"
)
echo "Query plans of the pages bench/scale measures: $councils councils, $people people, $years years, seed $seed; $(date -u +%Y-%m-%d)."
echo "PostgreSQL $(psql "$pg_db" -XqAt -c 'SHOW server_version'), SQLite $(sqlite3 --version | cut -d' ' -f1)."
for page in "${pages[@]}"; do
  IFS='|' read -r key path user <<<"$page"
  c=$(cookie "$user")
  curl -s -o /dev/null -H "Cookie: $c" "http://127.0.0.1:$port/home"   # warm: the session's first use
  sleep 0.5
  from=$(stat -c %s "$log")
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $c" "http://127.0.0.1:$port$path")
  sleep 0.5
  echo
  echo "=================================================================="
  echo "== $key: GET $path as $user -> $code"
  [ "$code" = 200 ] || continue
  # Kept beside the SQLite database (run.sh's OUT), to explain against others.
  segment=$(dirname "$sqlite_db")/statements.$key.log
  tail -c +"$((from + 1))" "$log" >"$segment"
  python3 bench/scale/explain_page.py "$segment" "$sqlite_db"
done
