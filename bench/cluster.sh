#!/usr/bin/env bash
# The scaling curve alone (bench/run runs it too, as its cluster section): durable deliveries/s with 1, 2 and 4
# worker processes on one PostgreSQL (embedded, from Maven Central, or SWITCHBOARD_TEST_PG_URL) against one SQLite
# node, with CPU, statements and commits per delivery, and inbound req/s through 1 vs 2 serve nodes behind a local
# round-robin balancer (wrk). Everything runs on this machine in one run, so read the ratios, not the absolute
# figures. Extra arguments go to Maven, e.g. -Dbench.deliveries=1000 -Dbench.max_workers=2.
set -euo pipefail
cd "$(dirname "$0")/.."
# package, not install: the tests find the plugin jars in the reactor's target folders
mvn -q -DskipTests package
mvn -q surefire:test -Dtest=ClusterBench -Dsurefire.failIfNoSpecifiedTests=false "$@"
out="bench/results/$(date -u +%Y-%m-%d)"
mkdir -p "$out"
cp webhooks-plugin/target/cluster-bench.md "$out/cluster.md"
cat "$out/cluster.md"
echo "written to $out/cluster.md"
