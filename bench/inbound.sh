#!/usr/bin/env bash
# Inbound benchmark: the seed "Webhook Bot" echo listener (full engine, templates, request log on) against a bare
# Javalin + Jackson echo of the same JSON, both started by this script, measured with wrk in the same run.
# Only ratios matter: this machine is shared and noisy.
#
#   bench/inbound.sh                    # defaults below
#   WRK_CONNS=64 WRK_DURATION=20 bench/inbound.sh
#
# Knobs: WRK_THREADS [1] WRK_CONNS [32] WRK_DURATION [10] WARMUP [10] BODY_BYTES [0] JAVA_OPTS [-Xmx512m]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
THREADS=${WRK_THREADS:-1}; CONNS=${WRK_CONNS:-32}; DUR=${WRK_DURATION:-10}; WARM=${WARMUP:-10}
BODY_BYTES=${BODY_BYTES:-0}; JAVA_OPTS=${JAVA_OPTS:--Xmx512m}
SB_PORT=18810; BASE_PORT=18811; TOKEN=bench-admin-token-0123456789
OUT=${OUT:-$ROOT/bench/results/$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -f host/target/switchboard.jar ] || mvn -q -DskipTests package
[ -f bench/baseline/target/echo-baseline.jar ] || mvn -q -f bench/baseline/pom.xml package

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_up() { for _ in $(seq 1 100); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done; echo "not up: $1"; exit 1; }
rss_mib() { awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$1/status"; }

run_wrk() { # name path
  local name=$1 path=$2
  WEBHOOK_PATH=$path BODY_BYTES=$BODY_BYTES wrk -t"$THREADS" -c"$CONNS" -d"${WARM}s" --timeout 10s \
    -s bench/wrk/echo.lua "http://127.0.0.1:$3" >"$OUT/$name.warmup.txt"
  WEBHOOK_PATH=$path BODY_BYTES=$BODY_BYTES wrk -t"$THREADS" -c"$CONNS" -d"${DUR}s" --timeout 10s --latency \
    -s bench/wrk/echo.lua "http://127.0.0.1:$3" >"$OUT/$name.wrk.txt"
  grep '^RESULT' "$OUT/$name.wrk.txt"
}

# --- Switchboard: seed package + one listener -------------------------------------------------------------------
DATA=$(mktemp -d)
SWITCHBOARD_PORT=$SB_PORT SWITCHBOARD_BIND_ADDRESS=127.0.0.1 SWITCHBOARD_DATA_DIR=$DATA \
  SWITCHBOARD_ADMIN_TOKEN=$TOKEN java $JAVA_OPTS -jar host/target/switchboard.jar >"$OUT/switchboard.log" 2>&1 &
SB_PID=$!; PIDS+=("$SB_PID")
wait_up "http://127.0.0.1:$SB_PORT/health"
IMPORT=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  --data-binary @sample-behaviors/src/main/resources/packages/webhook-bot.json \
  "http://127.0.0.1:$SB_PORT/api/packages/import")
BEHAVIOR=$(printf '%s' "$IMPORT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["behaviors"][0]["id"])')
LISTENER=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"name\":\"bench\",\"behavior_id\":$BEHAVIOR}" "http://127.0.0.1:$SB_PORT/api/webhooks/listeners")
GUID=$(printf '%s' "$LISTENER" | python3 -c 'import json,sys; print(json.load(sys.stdin)["guid"])')
curl -sf -X POST -H 'X-CustomHeader: true' "http://127.0.0.1:$SB_PORT/webhooks/$GUID?name=Joe+Customer&age=37" \
  >"$OUT/switchboard.curl.txt"
SB_IDLE=$(rss_mib "$SB_PID")
SB=$(run_wrk switchboard "/webhooks/$GUID" "$SB_PORT")
SB_LOAD=$(rss_mib "$SB_PID")
kill "$SB_PID"; wait "$SB_PID" 2>/dev/null || true

# --- Baseline ---------------------------------------------------------------------------------------------------
java $JAVA_OPTS -jar bench/baseline/target/echo-baseline.jar $BASE_PORT >"$OUT/baseline.log" 2>&1 &
BASE_PID=$!; PIDS+=("$BASE_PID")
wait_up "http://127.0.0.1:$BASE_PORT/webhooks/0123456789abcdef0123456789abcdef01234567"
BASE_IDLE=$(rss_mib "$BASE_PID")
BASE=$(run_wrk baseline "/webhooks/0123456789abcdef0123456789abcdef01234567" "$BASE_PORT")
BASE_LOAD=$(rss_mib "$BASE_PID")

field() { printf '%s' "$1" | tr ' ' '\n' | awk -F= -v k="$2" '$1==k {print $2}'; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
{
  echo "# Inbound echo benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "wrk -t$THREADS -c$CONNS -d${DUR}s (warm-up ${WARM}s), body padding $BODY_BYTES B, $(nproc) cores, JAVA_OPTS=$JAVA_OPTS"
  echo
  echo "| system | req/s | p50 ms | p90 ms | p99 ms | errors | non-2xx | RSS idle MiB | RSS after MiB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for row in "Switchboard (seed package, request log on)|$SB|$SB_IDLE|$SB_LOAD" "bare Javalin + Jackson|$BASE|$BASE_IDLE|$BASE_LOAD"; do
    IFS='|' read -r name r idle load <<<"$row"
    echo "| $name | $(field "$r" rps) | $(field "$r" p50_ms) | $(field "$r" p90_ms) | $(field "$r" p99_ms) | $(field "$r" errors) | $(field "$r" non2xx) | $idle | $load |"
  done
  echo
  echo "Ratio Switchboard / baseline: req/s **$(ratio "$(field "$SB" rps)" "$(field "$BASE" rps)")**, p99 **$(ratio "$(field "$SB" p99_ms)" "$(field "$BASE" p99_ms)")**"
} | tee "$OUT/inbound.md"
