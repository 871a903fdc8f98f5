#!/usr/bin/env bash
# Issue 7: topology latency at a fixed rate (no cache, Redis misses, Redis hits). Writes bench/results/topology.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -q -B -o -pl bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "bench/target/classes:$(cat bench/target/bench.cp)" \
  dev.sluice.bench.topology.TopologyLatencyBench bench/results/topology.md "${RATE:-200}" "${SECONDS_PER_RUN:-20}"
