# Shared by the HTTP benchmarks (source it): a scratch directory, the backend, serai's start and stop.
#   BACKEND=sqlite (default) or postgres: a throwaway PostgreSQL cluster on loopback, one database
#   per data directory. SERAI_BIN and DURATION (seconds per wrk run, default 10) can be set.
bin=${SERAI_BIN:-build/dev/src/app/serai}
duration=${DURATION:-10}
backend=${BACKEND:-sqlite}
work=$(mktemp -d /tmp/serai-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pid=""
pgurl=""
pgdir=""
bench_cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  wait 2>/dev/null
  [ -n "$pgdir" ] && scripts/pg-cluster.sh stop "$pgdir"
  rm -rf "$work"
}
trap bench_cleanup EXIT
if [ "$backend" = postgres ]; then
  pgdir=$(mktemp -d /tmp/serai-bench-pg.XXXXXX)  # its own folder: the cluster's user must reach it
  pgurl=$(scripts/pg-cluster.sh start "$pgdir")
fi

# db_args NAME: the arguments that put a data directory's database on the backend.
db_args() {
  if [ -n "$pgurl" ]; then
    psql -q "$pgurl" -c "CREATE DATABASE $1" >/dev/null
    echo "--db ${pgurl%/*}/$1"
  fi
}

# start_serai DATA [ARGS...]: serve DATA on $port and wait until it answers.
start_serai() {
  local data=$1; shift
  "$bin" serve --data "$data" --port "$port" "$@" 2>/dev/null >/dev/null & pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do sleep 0.02; done
}

stop_serai() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

rss() { awk '/VmRSS/ {printf "%d MB", $2/1024}' "/proc/$pid/status"; }
# cpu_ms: the processor time serai has used so far (all its threads, user and system), in ms. On a
# shared machine this is steadier than throughput: what a message costs, not what the neighbours
# left over.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$pid/stat"; }

# sign_in DATA EMAIL: a session cookie for that demo user.
sign_in() {
  local password
  password=$(python3 -c "import json; print([u['password'] for u in json.load(open('$1/demo-users.json'))['users'] if u['email']=='$2'][0])")
  curl -s -D - -o /dev/null -H 'content-type: application/json' \
    -d "{\"email\":\"$2\",\"password\":\"$password\"}" "http://127.0.0.1:$port/api/v1/session" |
    grep -i '^set-cookie' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*);.*/\1/'
}

# wrk_row LABEL WRK-ARGS...: one Markdown row: requests/s, p50, p99, non-2xx.
wrk_row() {
  local label=$1; shift
  local out rps p50 p99 non2xx
  out=$(wrk --latency "$@")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '| %s | %.0f | %s | %s | %s |\n' "$label" "$rps" "$p50" "$p99" "${non2xx:-0}"
}
