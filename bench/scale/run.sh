#!/usr/bin/env bash
# Patchwork as the data grows (#18): at each size, on SQLite and on PostgreSQL
# in the same run, a synthetic data set made with `patchwork generate`, then
#   - how long generation took and how big the database is;
#   - p50 and p99 latency under wrk (2 threads, 64 connections, --latency) of
#     the pages people use most: a person's record (/people/{id}, as the social
#     worker who has them on their caseload), a worker's caseload (/home), the
#     budget holder's money page (/my/{id}/money), the finance flags list
#     (/flags), the approvals queue (/approvals, as a team manager) and the
#     national summary page (/reports/self-directed-support, as a head of
#     service) when this build has it;
#   - the national summary from the command line (all councils) when this
#     build has `patchwork report self-directed-support`.
# Prints one table (a column per back end and size), then each page's p99
# side by side across sizes. Figures and query plans in docs/performance.md.
#
#   bash bench/scale/run.sh
#   SIZES="0.001 0.01" BACKENDS=sqlite SECS=5 bash bench/scale/run.sh
#
#   SIZES     fractions of England (153 councils, 1,500,000 people); default "0.01 0.1".
#             councils = max(1, round(153 x fraction)), people = 1,500,000 x fraction.
#   BACKENDS  "sqlite postgres" (default), or one of them.
#   YEARS     years of history generated (default 2); SEED (default 18);
#   TODAY     the history's last day (default: today).
#   SECS      seconds per wrk run (default 10); CONNS (default 64).
#   ROTATE    how many different people / workers / budget holders each
#             page's wrk run goes round (default 16; budget holders: at most one
#             per council, as the generator makes none and this script adds one
#             per council).
#   OUT       a folder to keep the raw results in (results.tsv, wrk output, the
#             generator's summary); by default a temporary one, removed.
#   KEEP=1    keep each generated SQLite database in OUT.
#   PLANS=1   also write each size's query plans, both back ends, to OUT/plans.SIZE.txt
#             (bench/scale/plans.sh on the databases generated here; keeps the SQLite ones).
#
#   PG_LOAD   how the PostgreSQL data set is made: "copy" (the default) generates
#             into SQLite (or takes this run's SQLite database of the same size)
#             and loads it with `patchwork copy-database`; "generate" runs
#             `patchwork generate` against PostgreSQL itself, about a tenth as
#             fast (a round trip per statement). Both are the same rows.
#   REUSE     a folder where an earlier run kept SQLite databases (scale-SIZE.db):
#             those sizes are measured again without generating them.
#   RESULTS   "a/results.tsv b/results.tsv": measure nothing, print the table of
#             earlier runs' results together (sizes and back ends as they hold).
#
# Needs a build (scripts/build.sh), wrk, sqlite3, and PostgreSQL's server
# binaries for the private server (tests/support/pg_cluster.sh, as the tests
# use), which is stopped and removed at the end, also when a step fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=${SIZES:-0.01 0.1}
backends=${BACKENDS:-sqlite postgres}
years=${YEARS:-2}
seed=${SEED:-18}
secs=${SECS:-10}
conns=${CONNS:-64}
rotate=${ROTATE:-16}
today_arg=()
[ -n "${TODAY:-}" ] && today_arg=(--today "$TODAY")
bin=$PWD/build/patchwork
password=scale-bench-password
[ -x "$bin" ] || { echo "no build at $bin (run scripts/build.sh)" >&2; exit 1; }
for b in $backends; do
  case "$b" in sqlite|postgres) ;; *) echo "BACKENDS: '$b' is neither sqlite nor postgres" >&2; exit 2 ;; esac
done
for f in $sizes; do
  awk -v f="$f" 'BEGIN { exit !(f + 0 > 0 && f + 0 <= 1) }' || { echo "SIZES: '$f' is not a fraction above 0 and at most 1" >&2; exit 2; }
done

work=$(mktemp -d /tmp/patchwork-test.scale-bench.XXXXXX)
out=${OUT:-$work/out}
mkdir -p "$out"
results=$out/results.tsv
: >"$results"
pids=()
pg_started=
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "$pg_started" ] && { bash tests/support/pg_cluster.sh stop "$work/pg.env" >/dev/null 2>&1 || true; }
  rm -rf "$work"
}
trap cleanup EXIT
. bench/lib.sh

say() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$results"; }  # backend size key value
recorded() { awk -F'\t' -v b="$1" -v s="$2" -v k="$3" '$1 == b && $2 == s && $3 == k { v = $4 } END { print v }' "$results"; }

# --- the database ------------------------------------------------------------

sql() {  # backend db query -> rows, tab-separated
  if [ "$1" = sqlite ]; then sqlite3 -readonly -separator $'\t' "$2" "$3"
  else psql "$2" -XqAt -F $'\t' -c "$3"; fi
}

db_size() {  # backend db -> bytes
  if [ "$1" = sqlite ]; then
    # The WAL is checkpointed when the generator closes; count it anyway.
    local total=0 f
    for f in "$2" "$2-wal"; do [ -f "$f" ] && total=$((total + $(stat -c %s "$f"))); done
    echo "$total"
  else sql "$1" "$2" "SELECT pg_database_size(current_database())"; fi
}

# --- the server --------------------------------------------------------------

# start_patchwork, stop_patchwork, port_of, session_cookie: bench/lib.sh (sourced above).

# A page's targets: lines "path<TAB>cookie". Each must answer 200 before it is
# measured; those that do not are printed and left out.
checked_targets() {  # port file label -> the file, keeping the 200s
  local port=$1 file=$2 label=$3 kept=$work/kept path cookie code
  : >"$kept"
  while IFS=$'\t' read -r path cookie; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$port$path")
    if [ "$code" = 200 ]; then printf '%s\t%s\n' "$path" "$cookie" >>"$kept"
    else say "  $label: GET $path answered $code, not 200: left out"; fi
  done <"$file"
  mv "$kept" "$file"
}

# wrk goes round the targets, one request after another on each connection.
write_lua() {  # targets lua
  {
    echo 'local targets = {'
    while IFS=$'\t' read -r path cookie; do printf '  {"%s", "%s"},\n' "$path" "$cookie"; done <"$1"
    cat <<'LUA'
}
local i = 0
function setup(thread) thread:set("offset", math.random(#targets)) end
function init(args) i = offset or 0 end
request = function()
  i = i % #targets + 1
  local t = targets[i]
  return wrk.format("GET", t[1], {["Cookie"] = t[2]})
end
LUA
  } >"$2"
}

to_ms() {  # wrk's "812.00us" / "3.21ms" / "1.02s" -> milliseconds
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.0f", v * 60000 }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.0f", v * 1000 }
    else printf "?" }'
}

measure() {  # backend size port key label targets
  local backend=$1 size=$2 port=$3 key=$4 label=$5 targets=$6
  checked_targets "$port" "$targets" "$label"
  local n
  n=$(wc -l <"$targets")
  if [ "$n" = 0 ]; then record "$backend" "$size" "$key" "failed"; return; fi
  write_lua "$targets" "$work/$key.lua"
  local raw=$out/wrk.$backend.$size.$key.txt
  wrk -t2 -c"$conns" -d"${secs}s" --timeout 60s --latency -s "$work/$key.lua" "http://127.0.0.1:$port" >"$raw" 2>&1 || true
  local p50 p99 rps non2xx requests
  p50=$(awk '$1 == "50%" {print $2}' "$raw")
  p99=$(awk '$1 == "99%" {print $2}' "$raw")
  rps=$(awk '/Requests\/sec/ {print $2}' "$raw")
  requests=$(awk '/requests in/ {print $1}' "$raw")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$raw")
  local errors timeouts
  errors=$(awk '/Socket errors/ {print}' "$raw")
  timeouts=$(awk '/Socket errors/ {print $NF}' "$raw")
  record "$backend" "$size" "$key" "$(to_ms "$p50") / $(to_ms "$p99")"
  record "$backend" "$size" "$key.p99" "$(to_ms "$p99")"
  record "$backend" "$size" "$key.rps" "$rps"
  record "$backend" "$size" "$key.n" "$n"
  record "$backend" "$size" "$key.non2xx" "${non2xx:-0}"
  record "$backend" "$size" "$key.timeouts" "${timeouts:-0}"
  say "  $label over $n targets: p50 $p50, p99 $p99, $rps requests/s, $requests requests, non-2xx ${non2xx:-0}${errors:+, $errors}"
}

# --- one size on one back end --------------------------------------------------

pg_url() { echo "postgresql://patchwork:$PG_PASSWORD@127.0.0.1:$PG_PORT/patchwork_test_scale_${1//./_}"; }
pg_fresh() {  # size: an empty database for it
  local name=patchwork_test_scale_${1//./_}
  psql "$PG_ADMIN_URI" -Xqc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
}

# The SQLite database of a size, just generated and not yet served (so without
# the measurement's sessions and audit rows), copied into PostgreSQL at once:
# both back ends then hold the very same rows, and no second SQLite copy of
# the data set is needed on disk (at 100% each is tens of GB). PostgreSQL's
# generation time is SQLite's plus the copy.
load_postgres_by_copy() {  # size sqlite-db sqlite-seconds people
  local size=$1 from=$2 g=$3 people=$4 db t1 t2 copied
  db=$(pg_url "$size")
  pg_fresh "$size"
  say "postgres at $size: copying from $from"
  t1=$(date +%s.%N)
  "$bin" copy-database --from "$from" --to "$db" --no-progress >"$out/copy.$size.txt" 2>&1 ||
    { say "copy failed: $(cat "$out/copy.$size.txt")"; record postgres "$size" generate failed; return 1; }
  t2=$(date +%s.%N)
  copied=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.0f", b - a }')
  record postgres "$size" copy "$copied"
  record postgres "$size" generate "$((g + copied))"
  record postgres "$size" rate "$(awk -v p="$people" -v s="$((g + copied))" 'BEGIN { printf "%.0f", p / (s > 0 ? s : 1) }')"
  touch "$work/pg-loaded-$size"
}

run_one() {  # backend fraction
  local backend=$1 size=$2
  local councils people db label
  councils=$(awk -v f="$size" 'BEGIN { c = int(153 * f + 0.5); print (c < 1 ? 1 : c) }')
  people=$(awk -v f="$size" 'BEGIN { printf "%d", 1500000 * f + 0.5 }')
  label="$backend at $size ($councils councils, $people people)"
  if [ "$backend" = sqlite ]; then
    db=$work/scale-$size.db
  else
    db=$(pg_url "$size")
    [ -f "$work/pg-loaded-$size" ] || pg_fresh "$size"
  fi
  record "$backend" "$size" councils "$councils"
  record "$backend" "$size" people "$people"

  local seconds=reused
  if [ "$backend" = sqlite ] && [ -n "${REUSE:-}" ] && [ -f "$REUSE/scale-$size.db" ]; then
    # An SQLite database an earlier run kept (KEEP=1 or PLANS=1): measured
    # again without generating it again; its generation time is that run's.
    say "$label: reusing $REUSE/scale-$size.db"
    cp "$REUSE/scale-$size.db" "$db"
    record "$backend" "$size" generate "reused"
  elif [ "$backend" = postgres ] && [ -f "$work/pg-loaded-$size" ]; then
    # Copied from this run's SQLite database of the size right after it was
    # generated (load_postgres_by_copy): the very same rows, times recorded.
    seconds=$(recorded postgres "$size" generate)
  elif [ "$backend" = postgres ] && [ "${PG_LOAD:-copy}" = copy ]; then
    # Generated into SQLite (this run's database of the size when there is
    # one, so both back ends hold the very same rows), then copied in.
    local t0 t1 t2 from=$work/scale-$size.db generated=0
    t0=$(date +%s.%N)
    if [ ! -f "$from" ]; then
      say "$label: generating into SQLite to copy"
      from=$work/scale-$size.for-postgres.db
      echo "$password" | "$bin" generate --db "$from" --councils "$councils" --people "$people" --years "$years" --seed "$seed" \
        "${today_arg[@]}" --password-stdin --no-progress >"$out/generate.$backend.$size.txt" 2>&1 ||
        { say "generation failed: $(cat "$out/generate.$backend.$size.txt")"; record "$backend" "$size" generate failed; return; }
      generated=1
    fi
    t1=$(date +%s.%N)
    say "$label: copying from $from"
    "$bin" copy-database --from "$from" --to "$db" --no-progress >"$out/copy.$size.txt" 2>&1 ||
      { say "copy failed: $(cat "$out/copy.$size.txt")"; record "$backend" "$size" generate failed; return; }
    t2=$(date +%s.%N)
    if [ "$generated" = 1 ]; then rm -f "$from"; fi
    record "$backend" "$size" copy "$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.0f", b - a }')"
    if [ "$generated" = 1 ]; then
      seconds=$(awk -v a="$t0" -v b="$t2" 'BEGIN { printf "%.0f", b - a }')
    else
      # This run's SQLite generation, plus the copy (a reused database's
      # generation time is not known here).
      local g
      g=$(recorded sqlite "$size" generate)
      if [[ "$g" =~ ^[0-9]+$ ]]; then
        seconds=$(awk -v g="$g" -v a="$t1" -v b="$t2" 'BEGIN { printf "%.0f", g + b - a }')
      else
        seconds=reused
      fi
    fi
    record "$backend" "$size" generate "$seconds"
    if [ "$seconds" != reused ]; then
      record "$backend" "$size" rate "$(awk -v p="$people" -v s="$seconds" 'BEGIN { printf "%.0f", p / (s > 0 ? s : 1) }')"
    fi
  else
  say "$label: generating"
  local t0 t1
  t0=$(date +%s.%N)
  echo "$password" | "$bin" generate --db "$db" --councils "$councils" --people "$people" --years "$years" --seed "$seed" \
    "${today_arg[@]}" --password-stdin --no-progress >"$out/generate.$backend.$size.txt" 2>&1 ||
    { say "generation failed: $(cat "$out/generate.$backend.$size.txt")"; record "$backend" "$size" generate failed; return; }
  t1=$(date +%s.%N)
  seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", b - a }')
  record "$backend" "$size" generate "$seconds"
  record "$backend" "$size" rate "$(awk -v p="$people" -v s="$seconds" 'BEGIN { printf "%.0f", p / (s > 0 ? s : 1) }')"
  if [ "$backend" = sqlite ] && [ -n "$pg_started" ] && [ "${PG_LOAD:-copy}" = copy ]; then
    load_postgres_by_copy "$size" "$db" "$seconds" "$people" || return
  fi
  fi
  [ "$backend" = postgres ] && psql "$db" -Xqc "VACUUM ANALYZE" >/dev/null
  record "$backend" "$size" bytes "$(db_size "$backend" "$db")"
  record "$backend" "$size" rows.transactions "$(sql "$backend" "$db" "SELECT count(*) FROM statement_lines")"
  say "$label: ready (generation: ${seconds}s), $(db_size "$backend" "$db") bytes"

  # The budget holders: one per council, for a person with a direct payment
  # (a payment schedule), the first such person the council recorded.
  local code council_id person
  while IFS=$'\t' read -r code council_id; do
    person=$(sql "$backend" "$db" "SELECT min(person_id) FROM payment_schedules WHERE council_id = $council_id")
    [ -n "$person" ] || { say "  $code has nobody with a direct payment: no budget holder"; continue; }
    [ -n "$(sql "$backend" "$db" "SELECT id FROM users WHERE username = '${code,,}.holder'")" ] && continue  # a reused database
    echo "$password" | "$bin" user add --db "$db" --council "$code" --username "${code,,}.holder" --role budget_holder \
      --person-id "$person" --name "Budget holder for person $person" --password-stdin >/dev/null
  done < <(sql "$backend" "$db" "SELECT code, id FROM councils WHERE code LIKE 'E__8%' ORDER BY id")

  start_patchwork "$db" "$work/serve.log"
  local port
  port=$(port_of "$work/serve.log")

  # Signed in once per account (kept in files: callers run in subshells).
  rm -rf "$work/cookies"; mkdir "$work/cookies"
  cookie_of() {
    local file=$work/cookies/$1
    [ -s "$file" ] || session_cookie "$port" "$1" "$password" >"$file"
    [ -s "$file" ] || say "  $1 could not sign in"
    cat "$file"
  }

  # People spread over the whole data set (every k-th allocation), each with a
  # worker whose caseload they are on.
  local total step
  total=$(sql "$backend" "$db" "SELECT count(*) FROM worker_allocations")
  step=$(( total / rotate > 0 ? total / rotate : 1 ))
  local picks=$work/picks
  sql "$backend" "$db" "SELECT person_id, username FROM (
      SELECT w.person_id, u.username, row_number() OVER (ORDER BY w.person_id) AS n
      FROM worker_allocations w JOIN users u ON u.id = w.user_id WHERE u.role = 'social_worker') x
    WHERE (n - 1) % $step = 0 ORDER BY n LIMIT $rotate" >"$picks"

  local f=$work/targets.record
  : >"$f"
  while IFS=$'\t' read -r person user; do printf '%s\t%s\n' "/people/$person" "$(cookie_of "$user")" >>"$f"; done <"$picks"
  measure "$backend" "$size" "$port" record "/people/{id} as their worker" "$f"

  f=$work/targets.caseload
  : >"$f"
  while IFS=$'\t' read -r person user; do printf '%s\t%s\n' "/home" "$(cookie_of "$user")" >>"$f"; done <"$picks"
  measure "$backend" "$size" "$port" caseload "/home as a social worker" "$f"

  f=$work/targets.money
  : >"$f"
  while IFS=$'\t' read -r user person; do printf '%s\t%s\n' "/my/$person/money" "$(cookie_of "$user")" >>"$f"; done < <(
    sql "$backend" "$db" "SELECT username, person_id FROM users WHERE role = 'budget_holder' AND username LIKE '%.holder' ORDER BY id LIMIT $rotate")
  measure "$backend" "$size" "$port" money "/my/{id}/money as the budget holder" "$f"

  # Council staff: the first $rotate councils' finance officers, managers, heads.
  role_targets() {  # suffix path -> targets
    while read -r code; do printf '%s\t%s\n' "$2" "$(cookie_of "${code,,}.$1")"; done < <(
      sql "$backend" "$db" "SELECT code FROM councils WHERE code LIKE 'E__8%' ORDER BY id LIMIT $rotate")
  }
  f=$work/targets.flags
  role_targets finance /flags >"$f"
  measure "$backend" "$size" "$port" flags "/flags as finance" "$f"

  f=$work/targets.approvals
  role_targets manager /approvals >"$f"
  measure "$backend" "$size" "$port" approvals "/approvals as a team manager" "$f"

  local probe
  probe=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $(cookie_of "$(sql "$backend" "$db" "SELECT lower(code) FROM councils WHERE code LIKE 'E__8%' ORDER BY id LIMIT 1").head")" \
    "http://127.0.0.1:$port/reports/self-directed-support")
  if [ "$probe" = 404 ]; then
    record "$backend" "$size" summary "not built"
    say "  /reports/self-directed-support: not in this build (404)"
  else
    f=$work/targets.summary
    role_targets head /reports/self-directed-support >"$f"
    measure "$backend" "$size" "$port" summary "/reports/self-directed-support as head of service" "$f"
  fi
  stop_patchwork

  if "$bin" report --help 2>/dev/null | grep -q 'self-directed-support'; then
    t0=$(date +%s.%N)
    if "$bin" report self-directed-support --db "$db" >"$out/summary.$backend.$size.txt" 2>&1; then
      t1=$(date +%s.%N)
      record "$backend" "$size" summary_cli "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')"
    else
      record "$backend" "$size" summary_cli "failed"
      say "  report self-directed-support failed: $(head -3 "$out/summary.$backend.$size.txt")"
    fi
  else
    record "$backend" "$size" summary_cli "not built"
  fi
  if [ "$backend" = postgres ] && [ -n "${PLANS:-}" ]; then
    say "  query plans of the pages: $out/plans.$size.txt"
    PG_DB=$db PG_LOG=$PG_DIR/server.log SQLITE_DB=$out/scale-$size.db SIZE=$size YEARS=$years SEED=$seed \
      bash bench/scale/plans.sh >"$out/plans.$size.txt" 2>>"$out/plans.$size.err" || say "  plans.sh failed: $(tail -3 "$out/plans.$size.err")"
  fi
  if [ "$backend" = sqlite ] && { [ -n "${KEEP:-}" ] || [ -n "${PLANS:-}" ]; }; then mv "$db" "$out/"
  elif [ "$backend" = sqlite ]; then rm -f "$db" "$db-wal" "$db-shm"
  else psql "$PG_ADMIN_URI" -Xqc "DROP DATABASE ${db##*/}"; fi
}

# --- the run -------------------------------------------------------------------

if [ -n "${RESULTS:-}" ]; then
  # shellcheck disable=SC2086
  cat $RESULTS >"$results"
  backends=$(for b in sqlite postgres; do if cut -f1 "$results" | grep -qx "$b"; then echo "$b"; fi; done | xargs)
  sizes=$(cut -f2 "$results" | sort -g -u | xargs)
  runs=()
else
  read -r -a runs <<<"$backends"
  say "scale benchmark: sizes $sizes; back ends $backends; $years years of history; wrk -t2 -c$conns ${secs}s; $(nproc) cores"
fi
if [[ " ${runs[*]} " == *" postgres "* ]]; then
  bash tests/support/pg_cluster.sh start "$work/pg.env" >/dev/null
  pg_started=1
  # shellcheck disable=SC1091
  . "$work/pg.env"
fi
# Each size on every back end before the next size: SQLite's database of a
# size is copied into PostgreSQL as soon as it is generated (PG_LOAD=copy).
for size in $sizes; do
  for backend in "${runs[@]}"; do run_one "$backend" "$size"; done
done

value() { awk -F'\t' -v b="$1" -v s="$2" -v k="$3" '$1 == b && $2 == s && $3 == k { v = $4 } END { print v }' "$results"; }
pct() { awk -v f="$1" 'BEGIN { v = f * 100; if (v == int(v)) printf "%d%%", v; else printf "%g%%", v }'; }
short() { [ "$1" = sqlite ] && echo SQLite || echo PostgreSQL; }

echo
echo "Patchwork at scale: $(date -u +%Y-%m-%d), $(nproc) cores, $years years of history, seed $seed;"
echo "wrk -t2 -c$conns --latency --timeout 60s, ${secs}s a page; latencies in ms as p50 / p99; non-2xx answers and timeouts noted where any."
columns=()
for backend in $backends; do for size in $sizes; do
  [ -n "$(value "$backend" "$size" people)" ] && columns+=("$backend:$size")
done; done
row() {  # label, then one cell per column
  local label=$1; shift
  printf '%-36s' "$label"
  for cell in "$@"; do printf ' %20s' "$cell"; done
  echo
}
cells=(); for c in "${columns[@]}"; do cells+=("$(short "${c%%:*}") $(pct "${c#*:}")"); done
row "" "${cells[@]}"
table_row() {  # label key [format]
  local label=$1 key=$2 fmt=${3:-}
  cells=()
  for c in "${columns[@]}"; do
    local v
    v=$(value "${c%%:*}" "${c#*:}" "$key")
    case "$fmt" in
      mb) [[ "$v" =~ ^[0-9]+$ ]] && v=$(awk -v b="$v" 'BEGIN { printf "%.0f MB", b / 1048576 }') ;;
      thousands) [[ "$v" =~ ^[0-9]+$ ]] && v=$(echo "$v" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta') ;;
      page)
        local bad
        bad=$(value "${c%%:*}" "${c#*:}" "$key.non2xx")
        [ -n "$bad" ] && [ "$bad" != 0 ] && v="$v ($bad non-2xx)"
        bad=$(value "${c%%:*}" "${c#*:}" "$key.timeouts")
        [ -n "$bad" ] && [ "$bad" != 0 ] && v="$v ($bad timeouts)" ;;
    esac
    cells+=("${v:--}")
  done
  row "$label" "${cells[@]}"
}
table_row "councils" councils
table_row "people" people thousands
table_row "statement transactions" rows.transactions thousands
table_row "generation (s)" generate
table_row "generation (people/s)" rate
table_row "  of which copy-database (s)" copy
table_row "database size" bytes mb
table_row "/people/{id} (their worker)" record page
table_row "/home (a worker's caseload)" caseload page
table_row "/my/{id}/money (budget holder)" money page
table_row "/flags (finance)" flags page
table_row "/approvals (team manager)" approvals page
table_row "/reports/self-directed-support" summary page
table_row "report self-directed-support (s)" summary_cli
for key in record caseload money flags approvals summary; do table_row "  $key: requests/s" "$key.rps"; done
table_row "(targets per page: record)" record.n
table_row "(targets per page: money)" money.n

echo
echo "p99 (ms) of each page side by side across sizes:"
for backend in $backends; do
  cells=(); for size in $sizes; do cells+=("$(pct "$size")"); done
  row "$(short "$backend")" "${cells[@]}"
  for key in record caseload money flags approvals summary; do
    cells=(); for size in $sizes; do v=$(value "$backend" "$size" "$key.p99"); [ -z "$v" ] && v=$(value "$backend" "$size" "$key"); cells+=("${v:--}"); done
    row "  $key" "${cells[@]}"
  done
done
