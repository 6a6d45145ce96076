#!/usr/bin/env bash
# Does SQLite choose better plans for the pages bench/scale measures when it
# has statistics (ANALYZE)? Patchwork never runs ANALYZE on SQLite, so the
# planner guesses; on PostgreSQL autovacuum keeps statistics. Two copies of one
# generated database (one as it is, one after ANALYZE), each page measured on
# each, one after the other, with the same wrk settings as run.sh.
#
#   bash bench/scale/sqlite_stats.sh DATABASE      (e.g. one run.sh kept with KEEP=1)
set -euo pipefail
cd "$(dirname "$0")/../.."
source_db=${1:?a generated SQLite database}
secs=${SECS:-10}
conns=${CONNS:-64}
bin=$PWD/build/patchwork
password=scale-bench-password
work=$(mktemp -d /tmp/patchwork-test.scale-stats.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

cp "$source_db" "$work/plain.db"
cp "$source_db" "$work/analyzed.db"
sqlite3 "$work/analyzed.db" 'ANALYZE'

# The same accounts on both copies: the first council's first worker, its
# finance officer and team manager.
q() { sqlite3 -readonly "$work/plain.db" "$1"; }
code=$(q "SELECT lower(code) FROM councils ORDER BY id LIMIT 1")
worker=$(q "SELECT u.username FROM users u WHERE u.role = 'social_worker' ORDER BY u.id LIMIT 1")

measure() {  # db label path user
  "$bin" serve --db "$1" --listen 127.0.0.1:0 --io-threads 1 >"$work/serve.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  local port=
  for _ in $(seq 300); do
    port=$(grep -o 'at http://127.0.0.1:[0-9]*' "$work/serve.log" | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && break
    sleep 0.1
  done
  local cookie
  cookie=$(curl -s -D - -o /dev/null -H 'content-type: application/json' \
    -d "{\"username\":\"$4\",\"password\":\"$password\"}" "http://127.0.0.1:$port/api/v1/sessions" |
    grep -i '^set-cookie: pw_session=' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//; s/\r$//')
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$port$3")
  local out
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --timeout 60s --latency -H "Cookie: $cookie" "http://127.0.0.1:$port$3")
  printf '%-34s %-9s %4s %10s %10s %10s\n' "$3" "$2" "$code" "$(echo "$out" | awk '$1 == "50%" {print $2}')" \
    "$(echo "$out" | awk '$1 == "99%" {print $2}')" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

echo "SQLite without and with statistics: $(q 'SELECT count(*) FROM people') people; wrk -t2 -c$conns ${secs}s; $(date -u +'%Y-%m-%d %H:%M UTC')"
printf '%-34s %-9s %4s %10s %10s %10s\n' page database code p50 p99 requests/s
for page in "/home|$worker" "/flags|$code.finance" "/approvals|$code.manager"; do
  IFS='|' read -r path user <<<"$page"
  measure "$work/plain.db" "as is" "$path" "$user"
  measure "$work/analyzed.db" "ANALYZE" "$path" "$user"
done
