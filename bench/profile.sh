#!/usr/bin/env bash
# bench/profile.sh — where the seed Webhook Bot listener's server CPU goes, by part of the request path.
#
#   bench/profile.sh                      # durable request log (the default listener)
#   LOG_MODE=best_effort bench/profile.sh
#   WARMUP=60 DURATION=15 WRK_CONNS=32 OUT=/tmp/profile bench/profile.sh
#
# Starts the host as the README does (bin/switchboard) on a fresh data dir, imports the seed package, loads its
# listener with wrk (bench/wrk/webhook-post.lua) for $WARMUP s so the JIT has compiled the path, then attaches
# async-profiler (tools.profiler:async-profiler from Maven Central, fetched by `mvn dependency:get` into the local
# repository; CPU samples every 500 µs, kernel stacks included) for $DURATION s of the same load. Prints the share of
# the server's CPU per part (bench/lib/profile_split.py) with req/s, CPU µs per call and request-log calls per commit
# measured over the same seconds, and leaves the collapsed stacks in $OUT/cpu.collapsed (flame-graph input).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WARM=${WARMUP:-60}; DUR=${DURATION:-15}; CONNS=${WRK_CONNS:-32}; MODE=${LOG_MODE:-durable}
OUT=${OUT:-$ROOT/bench/.work/profile}; PORT=${PORT:-18830}; TOKEN=bench-profile-token-0123456789
AP_VERSION=4.2
mkdir -p "$OUT"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -f host/target/switchboard.jar ] || mvn -q -DskipTests package
AP_JAR=$HOME/.m2/repository/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION-linux-x64.jar
[ -f "$AP_JAR" ] || mvn -q dependency:get -Dartifact=tools.profiler:async-profiler:$AP_VERSION:jar:linux-x64 >/dev/null
AP_DIR=$ROOT/bench/.work/async-profiler-$AP_VERSION
[ -f "$AP_DIR/linux-x64/libasyncProfiler.so" ] || { mkdir -p "$AP_DIR" && (cd "$AP_DIR" && unzip -q -o "$AP_JAR"); }
LIB=$AP_DIR/linux-x64/libasyncProfiler.so

DATA=$(mktemp -d)
SWITCHBOARD_PORT=$PORT SWITCHBOARD_BIND_ADDRESS=127.0.0.1 SWITCHBOARD_DATA_DIR=$DATA SWITCHBOARD_ADMIN_TOKEN=$TOKEN \
  bin/switchboard >"$OUT/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.05; done
api() { curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
api --data-binary @sample-behaviors/src/main/resources/packages/webhook-bot.json \
  "http://127.0.0.1:$PORT/api/packages/import" >"$OUT/import.json"
GUID=$(api "http://127.0.0.1:$PORT/api/webhooks/listeners" | python3 -c '
import json, sys
print([l for l in json.load(sys.stdin)["listeners"] if l["name"] == "Webhook Example"][0]["guid"])')
if [ "$MODE" != durable ]; then
  ID=$(api "http://127.0.0.1:$PORT/api/webhooks/listeners" | python3 -c '
import json, sys
print([l for l in json.load(sys.stdin)["listeners"] if l["name"] == "Webhook Example"][0]["id"])')
  api -X PATCH -d "{\"log_mode\": \"$MODE\"}" "http://127.0.0.1:$PORT/api/webhooks/listeners/$ID" >/dev/null
fi
load() { WEBHOOK_ID=$GUID wrk -t1 -c"$CONNS" -d"$1s" --timeout 10s -s bench/wrk/webhook-post.lua "http://127.0.0.1:$PORT"; }
ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
commits() { curl -s "http://127.0.0.1:$PORT/metrics" -H "Authorization: Bearer $TOKEN" \
  | awk '/^webhooks_log_commit_seconds_count/ {print $2}'; }
echo "warm-up: $(load "$WARM" | grep '^RESULT' | cut -d' ' -f2-4)" >&2
jcmd "$PID" JVMTI.agent_load "$LIB" "\"start,event=cpu,interval=500us,threads\"" >/dev/null
t0=$(ticks); k0=$(commits)
R=$(load "$DUR" | grep '^RESULT')
t1=$(ticks); k1=$(commits)
jcmd "$PID" JVMTI.agent_load "$LIB" "\"stop,file=$OUT/cpu.collapsed,collapsed\"" >/dev/null
N=$(printf '%s' "$R" | sed 's/.*requests=\([0-9]*\).*/\1/')
python3 - "$R" "$N" "$t0" "$t1" "${k0:-0}" "${k1:-0}" "$(getconf CLK_TCK)" "$MODE" <<'PY'
import sys
r, n, t0, t1, k0, k1, hz, mode = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:8]), sys.argv[8]
f = dict(kv.split("=") for kv in r.split()[1:])
per_commit = f", {n / (k1 - k0):.1f} calls per request-log commit" if k1 > k0 else ""
print(f"{mode} log: {float(f['rps']):,.0f} req/s, p50 {f['p50_ms']} ms, p99 {f['p99_ms']} ms, "
      f"{(t1 - t0) / hz * 1e6 / n:,.0f} µs of server CPU per call{per_commit}")
PY
python3 bench/lib/profile_split.py "$OUT/cpu.collapsed"
