#!/usr/bin/env bash
# Persistence benchmark: sink throughput into PostgreSQL, completion -> row latency and
# row -> audit event latency. Starts its own broker, PostgreSQL and Redis; needs no services.
# Usage: bench/persistence.sh [backlog] [rates/s, comma-separated] [seconds per rate]   (defaults 100000 200,1000 30)
# Writes bench/results/persistence.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
MVN_OFFLINE="${MVN_OFFLINE:--o}"

mvn $MVN_OFFLINE -q -B -pl bench -am package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
"$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -Xmx2g -XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED \
  -Dlogback.configurationFile=persistence/src/test/resources/logback-test.xml \
  -cp "$CP" dev.sluice.bench.persistence.PersistenceBench bench/results/persistence.md "$@"
