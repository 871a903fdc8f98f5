#!/usr/bin/env bash
# Issue 7: topology latency at a fixed rate (no cache, Redis misses, Redis hits). Writes bench/results/topology.md.
# LEARNED=1 adds the hop with the learned guard (issue 14) on one and on two Streams threads; RATE, SECONDS_PER_RUN, OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -q -B -o -pl bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "bench/target/classes:$(cat bench/target/bench.cp)" \
  dev.sluice.bench.topology.TopologyLatencyBench "${OUT:-bench/results/topology.md}" "${RATE:-200}" "${SECONDS_PER_RUN:-20}" "${LEARNED:+learned}"
