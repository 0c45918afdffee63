#!/usr/bin/env bash
# Issue 9's benchmark: durable deliveries/s with 1, 2 and 4 worker processes on one PostgreSQL (embedded, from Maven
# Central, or SWITCHBOARD_TEST_PG_URL) against one SQLite node, and inbound req/s through 1 vs 2 serve nodes (wrk).
# Everything runs on this machine in one run, so read the ratios, not the absolute figures.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q install -DskipTests
(cd host && mvn -q surefire:test -Dtest=ClusterBench -Dswitchboard.test.db=postgresql \
    -Dsurefire.failIfNoSpecifiedTests=false "$@")
out="bench/results/$(date -u +%Y-%m-%d)"
mkdir -p "$out"
cp host/target/cluster-bench.md "$out/cluster.md"
cat "$out/cluster.md"
echo "written to $out/cluster.md"
