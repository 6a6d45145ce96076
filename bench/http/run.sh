#!/usr/bin/env bash
# HTTP benchmark: wrk against Patchwork's /healthz and an authenticated,
# database-backed JSON endpoint (GET /api/v1/me) on SQLite and on PostgreSQL,
# and, in the same run, against nginx serving a small static file. Prints
# requests per second, p99 latency and the ratio to nginx.
#
#   bash bench/http/run.sh [SECONDS] [CONNECTIONS]
#
# Needs a build (scripts/build.sh) and the test packages (scripts/install-deps.sh --test).
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-10}
conns=${2:-64}
bin=$PWD/build/patchwork
work=$(mktemp -d /tmp/patchwork-test.bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  bash tests/support/pg_cluster.sh stop "$work/pg.env" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
# start_patchwork, port_of, session_cookie
. bench/lib.sh

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# wrk prints "Requests/sec: N" and, with --latency, " 99%  X.XXms".
measure() {  # key label url [header]
  local key=$1 label=$2 url=$3 header=${4:-}
  local out
  if [ -n "$header" ]; then out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -H "$header" "$url")
  else out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$url"); fi
  local rps p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  printf '%-44s %12s %10s %s\n' "$label" "$rps" "$p99" "${errors:+non-2xx: $errors}"
  echo "$rps" >"$work/rps.$key"
}

# nginx: a small static file, its default worker count (one per core).
chmod 755 "$work"   # nginx's workers run unprivileged
echo 'ok' >"$work/healthz"
nginx_port=$(free_port)
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy; fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  server { listen 127.0.0.1:$nginx_port; root $work; location / { } }
}
CONF
nginx -c "$work/nginx.conf"

# Patchwork on SQLite.
sqlite_db=$work/bench.db
"$bin" init --db "$sqlite_db" >/dev/null
"$bin" demo --db "$sqlite_db" >/dev/null
start_patchwork "$sqlite_db" "$work/sqlite.log"
sqlite_port=$(port_of "$work/sqlite.log")

# Patchwork on PostgreSQL (a private server, as in the tests).
bash tests/support/pg_cluster.sh start "$work/pg.env" >/dev/null
# shellcheck disable=SC1091
. "$work/pg.env"
psql "$PG_ADMIN_URI" -qc 'CREATE DATABASE patchwork_test_bench'
pg_db="postgresql://patchwork:$PG_PASSWORD@127.0.0.1:$PG_PORT/patchwork_test_bench"
"$bin" init --db "$pg_db" >/dev/null
"$bin" demo --db "$pg_db" >/dev/null
start_patchwork "$pg_db" "$work/pg.log"
pg_port=$(port_of "$work/pg.log")
# The same database through PostgreSQL's Unix socket, the usual way to reach a
# server on the same machine: no TCP stack on either side.
start_patchwork "host=$PG_DIR port=$PG_PORT dbname=patchwork_test_bench user=patchwork password=$PG_PASSWORD" "$work/pg_socket.log"
pg_socket_port=$(port_of "$work/pg_socket.log")

sqlite_cookie=$(session_cookie "$sqlite_port")
pg_cookie=$(session_cookie "$pg_port")
pg_socket_cookie=$(session_cookie "$pg_socket_port")

echo "wrk: 2 threads, $conns keep-alive connections, ${secs}s each, on $(nproc) cores ($(date -u +%Y-%m-%d))"
printf '%-44s %12s %10s\n' "target" "requests/s" "p99"
measure nginx "nginx static file" "http://127.0.0.1:$nginx_port/healthz"
measure healthz "patchwork /healthz" "http://127.0.0.1:$sqlite_port/healthz"
measure me_sqlite "patchwork GET /api/v1/me (SQLite)" "http://127.0.0.1:$sqlite_port/api/v1/me" "Cookie: $sqlite_cookie"
measure me_postgres "patchwork GET /api/v1/me (PostgreSQL, TCP)" "http://127.0.0.1:$pg_port/api/v1/me" "Cookie: $pg_cookie"
measure me_pg_socket "patchwork GET /api/v1/me (PostgreSQL, socket)" "http://127.0.0.1:$pg_socket_port/api/v1/me" "Cookie: $pg_socket_cookie"

nginx_rps=$(cat "$work/rps.nginx")
echo
echo "throughput as a share of nginx's:"
for key in healthz me_sqlite me_postgres me_pg_socket; do
  awk -v a="$(cat "$work/rps.$key")" -v b="$nginx_rps" -v n="$key" 'BEGIN { printf "  %-12s %.2f\n", n, a / b }'
done
