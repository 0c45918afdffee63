#!/usr/bin/env bash
# Cold start: time from the README's start command `bin/switchboard` to the first `GET /health` → 200, on a fresh
# temp data dir each run (first start: migrations, the bundled webhooks plugin enabled from host/target/plugins),
# then a second start on the same data dir (schema current: no Flyway). bin/switchboard uses the AppCDS archive
# `mvn package` made (host/target/switchboard.jsa); the same jar started by plain `java -jar` shows what it saves.
# In the same run, two baselines on the same JVM: `java -version` (JVM start and exit) and a trivial JDK HttpServer
# answering /health, so the table shows what Switchboard adds. Builds nothing: run `mvn package` first.
# Each start's CPU time (user + system of the JVM, from /proc/<pid>/stat when /health first answers) is shown
# beside its wall time: on a shared machine it is the steadier figure.
#
#   bench/cold-start.sh            # 10 runs each
#   RUNS=20 PORT=18830 JAVA_OPTS=-Xmx256m bench/cold-start.sh
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/cold-start.sh   # another JDK for every row (build and train
#                                  # with the same JAVA_HOME first: on JDK 25+ the archive is an AOT cache, .aot)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}; PORT=${PORT:-18820}; JAVA_OPTS=${JAVA_OPTS:-}
JAR=host/target/switchboard.jar
[ -f "$JAR" ] || { echo "no $JAR: run 'mvn -DskipTests package' first (this script builds nothing)" >&2; exit 1; }
# The JDK of every row: JAVA_HOME's when set (bin/switchboard uses it too), else the PATH's.
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

WORK=$(mktemp -d)
PID=""
cleanup() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT

. bench/lib/wait.sh # now_ms, wait_200: no process started per poll

# Starts "$@" in the background and prints the ms until GET /health answers 200 (polled every ~5 ms) and the
# process's CPU ms by then ("wall cpu"); stops it. The commands exec the JVM, so $! is the JVM.
TCK=$(getconf CLK_TCK)
time_to_health() {
  local t0 t1 stat
  t0=$(now_ms)
  "$@" >"$WORK/out.log" 2>&1 &
  PID=$!
  wait_200 "http://127.0.0.1:$PORT/health" GET 120 "$PID" || {
    echo "no 200 from /health (the log follows):" >&2; cat "$WORK/out.log" >&2; exit 1; }
  t1=$(now_ms)
  stat=$(cut -d' ' -f14,15 "/proc/$PID/stat" 2>/dev/null || echo "0 0")
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  echo "$(( t1 - t0 )) $(( (${stat% *} + ${stat#* }) * 1000 / TCK ))"
}

time_cmd() { local t0; t0=$(now_ms); "$@" >/dev/null 2>&1; echo $(( $(now_ms) - t0 )); }

stats() { # prints "median min max" of the numbers on stdin
  sort -n | awk '{v[NR]=$1} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%d %d %d\n", m, v[1], v[NR]}'
}

# A trivial JDK HttpServer answering /health: the floor for "a JVM serving HTTP".
mkdir -p "$WORK/baseline"
cat >"$WORK/baseline/Health.java" <<'JAVA'
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
public final class Health {
    public static void main(String[] args) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 0);
        s.createContext("/health", x -> { byte[] b = "{\"status\":\"ok\"}".getBytes(); x.sendResponseHeaders(200, b.length); x.getResponseBody().write(b); x.close(); });
        s.start();
    }
}
JAVA
"${JAVA_HOME:+$JAVA_HOME/bin/}javac" -d "$WORK/baseline" "$WORK/baseline/Health.java"

ARCHIVE=$(ls -t host/target/switchboard.jsa host/target/switchboard.aot 2>/dev/null | head -1 || true)
[ -n "$ARCHIVE" ] && [ "$ARCHIVE" -nt "$JAR" ] \
  || echo "note: no host/target/switchboard.jsa or .aot newer than the jar (mvn package makes the one for its JDK): bin/switchboard starts without it" >&2

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
SB=(); WARM=(); CDS=(); BASE=(); VER=()
for i in $(seq 1 "$RUNS"); do
  DATA="$WORK/data-$i"
  # shellcheck disable=SC2086
  SB+=("$(time_to_health env SWITCHBOARD_PORT="$PORT" SWITCHBOARD_BIND_ADDRESS=127.0.0.1 SWITCHBOARD_DATA_DIR="$DATA" \
      JAVA_OPTS="$JAVA_OPTS" bin/switchboard)")
  # shellcheck disable=SC2086
  WARM+=("$(time_to_health env SWITCHBOARD_PORT="$PORT" SWITCHBOARD_BIND_ADDRESS=127.0.0.1 SWITCHBOARD_DATA_DIR="$DATA" \
      JAVA_OPTS="$JAVA_OPTS" bin/switchboard)")
  # shellcheck disable=SC2086
  CDS+=("$(time_to_health env SWITCHBOARD_PORT="$PORT" SWITCHBOARD_BIND_ADDRESS=127.0.0.1 SWITCHBOARD_DATA_DIR="$DATA-plain" \
      "$JAVA" $JAVA_OPTS -jar "$JAR")")
  # shellcheck disable=SC2086
  BASE+=("$(time_to_health "$JAVA" $JAVA_OPTS -cp "$WORK/baseline" Health "$PORT")")
  # shellcheck disable=SC2086
  VER+=("$(time_cmd "$JAVA" $JAVA_OPTS -version)")
done

wall() { printf '%s\n' "$@" | cut -d' ' -f1 | stats; }
cpu() { printf '%s\n' "$@" | cut -d' ' -f2 | stats | awk '{printf "%d (%d–%d)", $1, $2, $3}'; }
read -r sb_med sb_min sb_max < <(wall "${SB[@]}")
read -r w_med w_min w_max < <(wall "${WARM[@]}")
read -r c_med c_min c_max < <(wall "${CDS[@]}")
read -r b_med b_min b_max < <(wall "${BASE[@]}")
read -r v_med v_min v_max < <(printf '%s\n' "${VER[@]}" | stats)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", (b > 0 ? a / b : 0)}'; }

echo
echo "Cold start to first GET /health 200, $RUNS runs each, $(nproc) CPUs, $("$JAVA" -version 2>&1 | head -1)"
echo
echo "Load average before: $LOAD0; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| what | median ms | min ms | max ms | CPU ms, median (min–max) | median vs java -version |"
echo "|---|---:|---:|---:|---:|---:|"
echo "| bin/switchboard (README command; fresh data dir, webhooks enabled) | $sb_med | $sb_min | $sb_max | $(cpu "${SB[@]}") | $(ratio "$sb_med" "$v_med")× |"
echo "| bin/switchboard again on the same data dir (schema current: no Flyway) | $w_med | $w_min | $w_max | $(cpu "${WARM[@]}") | $(ratio "$w_med" "$v_med")× |"
echo "| java -jar switchboard.jar (no archive, JVM defaults; fresh data dir) | $c_med | $c_min | $c_max | $(cpu "${CDS[@]}") | $(ratio "$c_med" "$v_med")× |"
echo "| JDK HttpServer /health (baseline) | $b_med | $b_min | $b_max | $(cpu "${BASE[@]}") | $(ratio "$b_med" "$v_med")× |"
echo "| java -version (JVM start + exit) | $v_med | $v_min | $v_max | | 1.0× |"
echo
echo "Switchboard adds $(( sb_med - b_med )) ms (median) over a bare JVM serving /health ($(ratio "$sb_med" "$b_med")×)."
