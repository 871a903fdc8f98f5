#!/usr/bin/env bash
# Crypto-shredding benchmark: CPU per stream event added by sealing, and erasure confirmation latency.
# Starts its own broker, PostgreSQL and Redis; needs no services.
# Usage: bench/crypto.sh [events per figure] [erasures]   (defaults 1000000 60)
# Writes bench/results/crypto.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
MVN_OFFLINE="${MVN_OFFLINE:--o}"

mvn $MVN_OFFLINE -q -B -pl bench -am package dependency:build-classpath \
  -DskipTests -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
"$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} -Xmx2g -XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED \
  -Dlogback.configurationFile=persistence/src/test/resources/logback-test.xml \
  -cp "$CP" dev.sluice.bench.crypto.CryptoBench bench/results/crypto.md "$@"
