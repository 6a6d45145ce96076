#!/usr/bin/env bash
# Does SQLite choose better plans for the pages bench/scale measures when it
# has statistics (ANALYZE)? A database without them (generated before
# `patchwork generate` ended with ANALYZE, or grown by use for less than the
# server's refresh interval: PRAGMA optimize, docs/performance.md) leaves the
# planner guessing; on PostgreSQL autovacuum keeps statistics. Two copies of one
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
# start_patchwork, stop_patchwork, port_of, session_cookie
. bench/lib.sh

cp "$source_db" "$work/plain.db"
cp "$source_db" "$work/analyzed.db"
sqlite3 "$work/analyzed.db" 'ANALYZE'

# The same accounts on both copies: the first council's first worker, its
# finance officer and team manager.
q() { sqlite3 -readonly "$work/plain.db" "$1"; }
code=$(q "SELECT lower(code) FROM councils ORDER BY id LIMIT 1")
worker=$(q "SELECT u.username FROM users u WHERE u.role = 'social_worker' ORDER BY u.id LIMIT 1")

measure() {  # db label path user
  # Served from a fresh copy each time: the server refreshes SQLite's
  # statistics itself when it closes its connections (PRAGMA optimize,
  # docs/performance.md), which would give the "as is" copy statistics after
  # its first page.
  cp "$1" "$work/serving.db"
  start_patchwork "$work/serving.db" "$work/serve.log"
  local port cookie code out
  port=$(port_of "$work/serve.log")
  cookie=$(session_cookie "$port" "$4" "$password")
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$port$3")
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --timeout 60s --latency -H "Cookie: $cookie" "http://127.0.0.1:$port$3")
  printf '%-34s %-9s %4s %10s %10s %10s\n' "$3" "$2" "$code" "$(echo "$out" | awk '$1 == "50%" {print $2}')" \
    "$(echo "$out" | awk '$1 == "99%" {print $2}')" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
  stop_patchwork
}

echo "SQLite without and with statistics: $(q 'SELECT count(*) FROM people') people; wrk -t2 -c$conns ${secs}s; $(date -u +'%Y-%m-%d %H:%M UTC')"
printf '%-34s %-9s %4s %10s %10s %10s\n' page database code p50 p99 requests/s
for page in "/home|$worker" "/flags|$code.finance" "/approvals|$code.manager"; do
  IFS='|' read -r path user <<<"$page"
  measure "$work/plain.db" "as is" "$path" "$user"
  measure "$work/analyzed.db" "ANALYZE" "$path" "$user"
done
