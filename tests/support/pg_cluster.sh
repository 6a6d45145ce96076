#!/usr/bin/env bash
# A private PostgreSQL 15 server for the tests: its own data folder, a free
# loopback port, its unix socket inside the folder. Never a system service.
#
#   pg_cluster.sh start ENV_FILE   make a cluster in a new /tmp/patchwork-pg.* folder and
#                                  write PG_DIR, PG_PORT, PG_ADMIN_URI... to ENV_FILE
#   pg_cluster.sh stop ENV_FILE    stop it and remove the folder
#   pg_cluster.sh pause ENV_FILE   stop the server but keep the folder (outage tests)
#   pg_cluster.sh resume ENV_FILE  start it again on the same port
set -euo pipefail
action=${1:?start|stop|pause|resume}
env_file=${2:?env file}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (install the postgresql package)" >&2; exit 1; }

# PostgreSQL refuses to run as root: run it as the postgres user the package made.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    dir=$(mktemp -d /tmp/patchwork-pg.XXXXXX)
    chmod 755 "$dir"
    # Remembered so that the last test can check this run left nothing behind.
    [ -n "${PATCHWORK_PG_REGISTRY:-}" ] && echo "$dir" >> "$PATCHWORK_PG_REGISTRY"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    password=patchwork-test-secret
    as_owner bash -c "echo '$password' > '$dir/pwfile'"
    as_owner "$bin/initdb" -D "$dir/data" -U patchwork --pwfile="$dir/pwfile" --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    cat > "$env_file" <<ENV
PG_BIN=$bin
PG_DIR=$dir
PG_PORT=$port
PG_PASSWORD=$password
PG_ADMIN_URI=postgresql://patchwork:$password@127.0.0.1:$port/postgres
ENV
    echo "PostgreSQL test server on 127.0.0.1:$port ($dir)"
    ;;
  stop|pause|resume)
    [ -f "$env_file" ] || { echo "no test server recorded in $env_file"; exit 0; }
    # shellcheck disable=SC1090
    . "$env_file"
    if [ "$action" = resume ]; then
      as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
      exit 0
    fi
    as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
    if [ "$action" = stop ]; then
      rm -rf "$PG_DIR" "$env_file"
      echo "PostgreSQL test server stopped and removed"
    fi
    ;;
  *) echo "unknown action $action" >&2; exit 2 ;;
esac
