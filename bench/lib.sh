# Helpers the bench scripts share (sourced, not run): start Patchwork's
# server, wait for it to say its port, sign in. Each script sets, before
# using them:
#   bin    the patchwork binary;
#   pids   an array its cleanup kills (start_patchwork adds the server to it).
# IO_THREADS (default 1) and WORKERS (default: the server's) are passed to serve.

# Started in the calling shell (never in $(...)), so that its cleanup knows the pid.
start_patchwork() {  # db log [more serve options] -> sets server_pid
  local db=$1 log=$2
  shift 2
  "$bin" serve --db "$db" --listen 127.0.0.1:0 --io-threads "${IO_THREADS:-1}" ${WORKERS:+--workers "$WORKERS"} "$@" >"$log" 2>&1 &
  pids+=($!)
  server_pid=$!
}

stop_patchwork() {  # the server start_patchwork started last
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
}

port_of() {  # log -> port, once the server says it is listening (waits up to 30 s)
  local log=$1 port
  for _ in $(seq 300); do
    port=$(grep -o 'at http://127.0.0.1:[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && { echo "$port"; return; }
    sleep 0.1
  done
  echo "Patchwork did not start: $(cat "$log")" >&2
  exit 1
}

session_cookie() {  # port [username] [password] -> "pw_session=..." (empty when refused)
  local port=$1 username=${2:-social.worker} password=${3:-patchwork-demo}
  curl -s -D - -o /dev/null -H 'content-type: application/json' \
    -d "{\"username\":\"$username\",\"password\":\"$password\"}" "http://127.0.0.1:$port/api/v1/sessions" |
    grep -i '^set-cookie: pw_session=' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//; s/\r$//' || true
}
