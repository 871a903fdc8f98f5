#!/usr/bin/env bash
# Issue 3: the gateway's own work per request (auth, rate limit, validation, produce to ack),
# p99 at a fixed 500 req/s. Writes bench/results/gateway-run.txt; bench/results/gateway.md
# holds the write-up. Run from anywhere on a quiet machine.
#   RATE=500 WARMUP=10 DURATION=20 USERS=100 bench/gateway.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
RATE=${RATE:-500}
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-20}
USERS=${USERS:-100}
# compile, not package: the app module repackages its jar for Spring Boot, which hides its classes.
mvn -q -B -o -pl bench -am compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
CP=bench/target/classes:$(cat bench/target/bench.cp)
"$JAVA_HOME/bin/java" -XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED -cp "$CP" \
  dev.sluice.bench.gateway.GatewayAdmissionBench "$RATE" "$WARMUP" "$DURATION" "$USERS" bench/results/gateway-run.txt
