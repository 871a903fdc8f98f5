#!/usr/bin/env bash
# Data keys in PostgreSQL: new-chat inserts one statement per call vs group commit, and key lookups
# one per record vs one per poll (prefetch), same database, same run. Starts its own broker,
# PostgreSQL (fsync and synchronous_commit on, Debezium reading the WAL) and Redis.
# Usage: bench/crypto-keys.sh [seconds per row]   (default 8; about 3 minutes in all)
# Appends a section to bench/results/crypto-keys.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
MVN_OFFLINE="${MVN_OFFLINE:--o}"

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  mvn $MVN_OFFLINE -q -B -pl bench -am package dependency:build-classpath \
    -DskipTests -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
"$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -Xmx2g -XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED \
  -Dlogback.configurationFile=persistence/src/test/resources/logback-test.xml \
  -cp "$CP" dev.sluice.bench.crypto.KeyStoreBench bench/results/crypto-keys.md "$@"
