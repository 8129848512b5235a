#!/usr/bin/env bash
# Benchmark spoc: throughput and latency of the native server (wrk) and the size of the web portal.
# Run from anywhere (`make bench` runs it after building). BENCH_SECONDS sets each measurement's length.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_SECONDS:-5}
SERVER=build/native/server/spoc-server
SITE=build/web/site
LUA=scripts/bench
CLIENTS=8   # concurrent connections for the parallel measurements
THREADS=2   # wrk threads (the machine has 2 cores, shared by wrk and the server)

die() { echo "bench: $*" >&2; exit 1; }
[[ $DURATION =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS must be a whole number of seconds, got '$DURATION'"
[[ -x $SERVER ]] || die "$SERVER is missing: build it first with 'make native'"
for tool in wrk curl gzip timeout; do
  command -v "$tool" > /dev/null || die "'$tool' is not installed (sudo apt-get install $tool)"
done

# --- start the server on a throw-away database -------------------------------------------------
TMP=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2> /dev/null; then
    kill -TERM "$SERVER_PID" 2> /dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2> /dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2> /dev/null || true
    wait "$SERVER_PID" 2> /dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

TOKEN="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
"$SERVER" --port 0 --data "$TMP/spoc.db" --web "$SITE" --desk-token "$TOKEN" \
  > "$TMP/server.out" 2> "$TMP/server.err" &
SERVER_PID=$!

PORT=
for _ in $(seq 100); do   # up to 10 s
  PORT=$(sed -n 's|^spoc is serving http://[^/]*:\([0-9][0-9]*\)/.*|\1|p' "$TMP/server.out")
  [[ -n $PORT ]] && break
  kill -0 "$SERVER_PID" 2> /dev/null || { cat "$TMP/server.err" >&2; die "the server exited at start"; }
  sleep 0.1
done
[[ -n $PORT ]] || { cat "$TMP/server.err" >&2; die "the server did not report its port within 10 s"; }
URL="http://127.0.0.1:$PORT"
echo "bench: server on $URL, ${DURATION} s per measurement" >&2

# --- measurements -------------------------------------------------------------------------------
ROWS=()       # formatted table rows
FAILED=0
CREATED=0     # requests answered 2xx by the create measurements (ids 1..CREATED exist)

# measure LABEL CONNECTIONS PATH LUA_SCRIPT [SCRIPT_ARGS...]
measure() {
  local label=$1 conns=$2 path=$3 script=$4
  shift 4
  local threads=$((conns < THREADS ? conns : THREADS))
  echo "bench: $label, $conns client(s)..." >&2
  if ! timeout $((DURATION + 30)) wrk --latency --timeout 5s -t"$threads" -c"$conns" -d"${DURATION}s" \
       -s "$script" "$URL$path" ${1+-- "$@"} > "$TMP/wrk.out" 2>&1; then
    cat "$TMP/wrk.out" >&2
    die "wrk failed or timed out for: $label"
  fi
  local line
  line=$(grep '^BENCH ' "$TMP/wrk.out") || { cat "$TMP/wrk.out" >&2; die "no summary from wrk for: $label"; }
  local requests duration non2xx sockerr p50 p99
  read -r requests duration non2xx sockerr p50 p99 <<< "${line#BENCH }"
  LAST_OK=$((requests - non2xx))
  local note=""
  if ((requests == 0 || 2 * non2xx > requests)); then
    note="  <- MOSTLY ERRORS"
    FAILED=1
    echo "bench: $label: $non2xx of $requests responses were errors" >&2
  elif ((non2xx > 0 || sockerr > 0)); then
    note="  <- some errors"
  fi
  ROWS+=("$(awk -v l="$label" -v c="$conns" -v n="$requests" -v d="$duration" -v e="$non2xx" \
                -v s="$sockerr" -v p50="$p50" -v p99="$p99" -v note="$note" 'BEGIN {
      printf "%-34s %7d %10.0f %9.2f %9.2f %10d %8d %8d%s", l, c, n / (d / 1e6), p50 / 1000, p99 / 1000, n, e, s, note }')")
}

measure "POST /api/v1/requests (sequential)" 1 /api/v1/requests "$LUA/create.lua"
CREATED=$((CREATED + LAST_OK))
measure "POST /api/v1/requests" "$CLIENTS" /api/v1/requests "$LUA/create.lua"
CREATED=$((CREATED + LAST_OK))

# The reads spread over ids 1..CREATED: check that the last one is really there.
if ((CREATED > 0)); then
  status=$(curl -s -o /dev/null -w '%{http_code}' -m 10 -H "Authorization: Bearer $TOKEN" \
                "$URL/api/v1/requests/$CREATED") || status=none
  [[ $status == 200 ]] || die "GET /api/v1/requests/$CREATED answered $status, expected 200"
  measure "GET /api/v1/requests/{id} (desk)" "$CLIENTS" /api/v1/requests/1 "$LUA/read.lua" "$TOKEN" "$CREATED"
  # Many open connections at once, as from many browsers: each holds a server worker.
  measure "GET /api/v1/requests/{id} (desk)" 64 /api/v1/requests/1 "$LUA/read.lua" "$TOKEN" "$CREATED"
else
  ROWS+=("$(printf '%-34s %7d %10s' "GET /api/v1/requests/{id} (desk)" "$CLIENTS" "skipped: no request was created")")
  FAILED=1
fi
measure "GET /healthz (ceiling)" "$CLIENTS" /healthz "$LUA/plain.lua"

# --- portal size --------------------------------------------------------------------------------
SIZE_ROWS=()
size_row() {   # size_row LABEL FILE...   (several files: their total)
  local label=$1 raw=0 gz=0 f
  shift
  for f in "$@"; do
    if [[ ! -f $f ]]; then
      SIZE_ROWS+=("$(printf '%-34s %12s' "$label" "not built")")
      return
    fi
    raw=$((raw + $(stat -c %s "$f")))
    gz=$((gz + $(gzip -9 -c "$f" | wc -c)))
  done
  SIZE_ROWS+=("$(awk -v l="$label" -v r="$raw" -v g="$gz" 'BEGIN {
      printf "%-34s %12d %9.1f %12d %9.1f", l, r, r / 1024, g, g / 1024 }')")
}
size_row spoc.wasm "$SITE/spoc.wasm"
size_row spoc.js "$SITE/spoc.js"
size_row "spoc.wasm + spoc.js" "$SITE/spoc.wasm" "$SITE/spoc.js"
if [[ -d $SITE ]]; then
  while IFS= read -r f; do
    size_row "${f#"$SITE"/}" "$f"
  done < <(find "$SITE" -type f ! -path "$SITE/spoc.wasm" ! -path "$SITE/spoc.js" | sort)
fi

# --- report -------------------------------------------------------------------------------------
commit=$(git rev-parse --short HEAD 2> /dev/null || echo unknown)
if [[ $commit != unknown ]] && [[ -n $(git status --porcelain 2> /dev/null) ]]; then
  commit="$commit (with uncommitted changes)"
fi
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2> /dev/null | head -n 1)

echo
echo "spoc benchmark"
echo "  date     $(date '+%Y-%m-%d %H:%M:%S %Z')"
echo "  commit   $commit"
echo "  cores    $(nproc)${cpu:+ ($cpu)}"
echo "  wrk      $THREADS threads, ${DURATION} s per measurement, on the same machine as the server"
echo
printf '%-34s %7s %10s %9s %9s %10s %8s %8s\n' \
  "throughput" "clients" "req/s" "p50 ms" "p99 ms" "requests" "non-2xx" "sock err"
printf '%s\n' "${ROWS[@]}"
echo
printf '%-34s %12s %9s %12s %9s\n' "portal ($SITE)" "bytes" "KiB" "gzip -9" "KiB"
printf '%s\n' "${SIZE_ROWS[@]}"
[[ -d $SITE ]] || echo "(no $SITE yet: build the portal with 'make web')"

if ((FAILED)); then
  echo >&2
  die "at least one measurement answered mostly errors: the figures above are not valid"
fi
