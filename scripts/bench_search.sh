#!/usr/bin/env bash
# The desk's full-text search with many requests (issue 7): GET /api/v1/requests?q= median and
# p99 as the desk, one client and CLIENTS at once, beside /healthz on the same server. Fills a
# fresh database through the API first (BENCH_SEARCH_REQUESTS, default 1,000,000, with varied
# realistic text: scripts/bench/desk_fill.py --text realistic) and says how long that took; the
# filled database is kept in build/bench-search/ and reused by the next run with the same count
# (delete the folder to fill again). Run by `make bench-search`; not part of `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${BENCH_SEARCH_REQUESTS:-1000000}
DURATION=${BENCH_SECONDS:-10}
SERVER=${SPOC_SERVER:-build/native/server/spoc-server}
PYTHON=${PYTHON:-/usr/bin/python3}
CLIENTS=8
FILL_CLIENTS=8
TARGET_MEDIAN_MS=50
DIR=build/bench-search
PORT=$((20000 + RANDOM % 20000))
URL="http://127.0.0.1:$PORT"
LUA=scripts/bench

# Queries as an agent types them: a common word, a rare one, two words, a phrase-like pair, a
# word being typed (the last word is a prefix), a word in the descriptions only, and one that
# matches nothing.
QUERIES=("printer" "webcam" "vpn%20disconnecting" "outlook%20sync" "shared%20dri" "audit" "0x1a2b" "projector%20sound"
         "payroll%20crashes" "zebra")

mkdir -p "$DIR"
DB="$DIR/spoc-$N.db"
TOKEN_FILE="$DIR/desk.token"
[[ -s $TOKEN_FILE ]] || head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$TOKEN_FILE"
chmod 600 "$TOKEN_FILE"
TOKEN=$(cat "$TOKEN_FILE")

"$SERVER" --port "$PORT" --data "$DB" --desk-token "$TOKEN" > "$DIR/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2> /dev/null || true' EXIT
for _ in $(seq 100); do
  curl -s -o /dev/null -m 1 "$URL/healthz" && break
  sleep 0.1
done

have=$(curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/v1/requests?limit=1" | "$PYTHON" -c \
  'import json,sys; items=json.load(sys.stdin)["items"]; print(items[0]["id"] if items else 0)')
FILL_NOTE="reused the database filled earlier ($have requests)"
if ((have < N)); then
  echo "bench-search: filing $((N - have)) requests with realistic text over $FILL_CLIENTS connections..." >&2
  started=$(date +%s.%N)
  "$PYTHON" "$LUA/desk_fill.py" fill --port "$PORT" --token-file "$TOKEN_FILE" --email "agent$have@bench.example.org" \
    -n $((N - have)) -c "$FILL_CLIENTS" --text realistic --assign-percent 0 > "$DIR/fill.out"
  ended=$(date +%s.%N)
  FILL_NOTE=$(awk -v s="$started" -v e="$ended" -v n=$((N - have)) 'BEGIN {
      printf "filled through the API in %.0f s (%.0f requests a second)", e - s, n / (e - s) }')
fi

# measure LABEL CONNECTIONS SCRIPT URL_PATH ARGS... -> "label conns req/s p50 p99"
measure() {
  local label=$1 conns=$2 script=$3 path=$4
  shift 4
  wrk --latency --timeout 10s -t$((conns < 2 ? conns : 2)) -c"$conns" -d"${SECONDS_EACH:-$DURATION}s" -s "$script" "$URL$path" \
    -- "$@" > "$DIR/wrk.out" 2>&1
  local line
  line=$(grep '^BENCH ' "$DIR/wrk.out") || { cat "$DIR/wrk.out" >&2; exit 1; }
  read -r requests duration non2xx sockerr p50 p99 _ <<< "${line#BENCH }"
  awk -v l="$label" -v c="$conns" -v n="$requests" -v d="$duration" -v e="$non2xx" -v p50="$p50" -v p99="$p99" 'BEGIN {
      printf "%-40s %7d %10.0f %9.2f %9.2f %8d\n", l, c, n / (d / 1e6), p50 / 1000, p99 / 1000, e }'
}

paths=()
for q in "${QUERIES[@]}"; do paths+=("/api/v1/requests?q=$q&limit=50"); done
echo
echo "full-text search over $N requests (the desk: subjects, descriptions, replies and notes); $FILL_NOTE"
echo "queries: ${QUERIES[*]//%20/ }"
printf '%-40s %7s %10s %9s %9s %8s\n' "what" "clients" "req/s" "p50 ms" "p99 ms" "errors"
one=$(measure "GET /api/v1/requests?q= (desk)" 1 "$LUA/paths.lua" / "$TOKEN" "${paths[@]}")
echo "$one"
measure "GET /api/v1/requests?q= (desk)" "$CLIENTS" "$LUA/paths.lua" / "$TOKEN" "${paths[@]}"
measure "GET /healthz (ceiling)" "$CLIENTS" "$LUA/paths.lua" / "" /healthz
read -r median <<< "$(awk '{ print $(NF-2) }' <<< "$one")"
awk -v m="$median" -v t=$TARGET_MEDIAN_MS 'BEGIN {
    printf "one client: median %.2f ms, target at most %d ms: %s\n", m, t, (m <= t ? "met" : "MISSED") }'
echo "per query (one client, median ms):"
for q in "${QUERIES[@]}"; do
  printf '  %-22s' "${q//%20/ }"
  SECONDS_EACH=3 measure "q" 1 "$LUA/paths.lua" / "$TOKEN" "/api/v1/requests?q=$q&limit=50" | awk '{ printf "%8s ms  (p99 %s ms)\n", $(NF-2), $(NF-1) }'
done
