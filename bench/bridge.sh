#!/usr/bin/env bash
# SSE bridge benchmarks (issue 4): routing cost at 1/2/4 instances, delivery latency through
# the gateway, 10,000 open streams in a 1 GB heap, and 1,000 cut-and-resumed streams.
# Writes bench/results/bridge.md. Usage: bench/bridge.sh [quick]
#   quick: shorter runs and fewer streams, to check the harness works.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
OUT="$ROOT/bench/results/bridge.md"
WORK=$(mktemp -d /tmp/sluice-bridge-bench.XXXXXX)
mkdir -p "$ROOT/bench/results"

# Each of 10,000 streams is one socket on each side; the client and the server are separate JVMs.
ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -ge 12000 ] || { echo "bridge.sh: need ulimit -n >= 12000 for 10,000 streams (have $(ulimit -n))" >&2; exit 1; }

if [ "${1:-}" = quick ]; then
  RATE=2000; CLIENTS=50; WARM=2; MEASURE=5; ROUTE_S=5; STREAMS=2000; HB=2; HOLD=10; RESUMES=100
else
  RATE=5000; CLIENTS=100; WARM=5; MEASURE=30; ROUTE_S=20; STREAMS=10000; HB=2; HOLD=30; RESUMES=1000
fi

echo "bridge.sh: building..." >&2
mvn -q -B -pl bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/cp.txt")"
run() { "$JAVA" --enable-native-access=ALL-UNNAMED "$@"; }

{
  echo "# SSE bridge benchmarks"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') by \`bench/bridge.sh ${1:-}\` on $(nproc) CPU cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
  echo "$(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(. /etc/os-release; echo "$PRETTY_NAME"), JDK $("$JAVA" -version 2>&1 | head -1 | cut -d'"' -f2)."
  echo "Load average when starting: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared; numbers under load are upper bounds)."
  echo "Kafka broker, Redis and PostgreSQL are embedded (single node, localhost); producer and clients run on the same machine."
  echo
} > "$OUT"

echo "bridge.sh: routing cost..." >&2
run -Xmx1g -Dsluice.bench.stream-partitions=12 -cp "$CP" dev.sluice.bench.bridge.RoutingCostBench "$RATE" "$CLIENTS" "$ROUTE_S" 1 2 4 2>"$WORK/routing.err" >> "$OUT"

echo "bridge.sh: delivery latency..." >&2
run -Xmx1g -cp "$CP" dev.sluice.bench.bridge.LatencyBench "$RATE" "$CLIENTS" "$WARM" "$MEASURE" 2>"$WORK/latency.err" >> "$OUT"

echo "bridge.sh: $STREAMS open streams..." >&2
mkdir -p "$WORK/open"
run -Xmx1g -cp "$CP" dev.sluice.bench.bridge.BenchInfra "$WORK/open" > "$WORK/open/infra.log" 2>&1 &
INFRA=$!
for _ in $(seq 1 300); do [ -f "$WORK/open/infra.properties" ] && break; sleep 1; done
"$JAVA" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "$CP" dev.sluice.bench.bridge.OpenStreamsServer "$STREAMS" "$HB" 840 "$WORK/open" > "$WORK/open/server.log" 2>"$WORK/open/server.err" &
SERVER=$!
for _ in $(seq 1 300); do [ -f "$WORK/open/ready" ] && break; sleep 1; done
[ -f "$WORK/open/ready" ] || { echo "bridge.sh: server did not start; see $WORK/open/server.err" >&2; kill "$SERVER"; touch "$WORK/open/stop"; exit 1; }
timeout 600 "$JAVA" -Xmx512m -cp "$CP" dev.sluice.bench.bridge.OpenStreamsClient "$WORK/open" "$HB" "$HOLD" > "$WORK/open/client.log" 2>"$WORK/open/client.err" || true
touch "$WORK/open/stop"
# A gateway past its heap may no longer stop by itself; give it a minute.
for _ in $(seq 1 60); do kill -0 "$SERVER" 2>/dev/null || break; sleep 1; done
kill -9 "$SERVER" 2>/dev/null || true
wait "$SERVER" || true
wait "$INFRA" || true
{
  echo "### $STREAMS concurrent open streams on one gateway instance"
  echo
  cat "$WORK/open/server.md" 2>/dev/null || echo "server wrote no summary; see the log below"
  echo
  cat "$WORK/open/client.md" 2>/dev/null || echo "client wrote no summary; see the log below"
  echo
  echo '```'
  tail -n 8 "$WORK/open/server.log"
  tail -n 4 "$WORK/open/client.log"
  echo '```'
  echo
} >> "$OUT"

echo "bridge.sh: resume..." >&2
run -Xmx1g -cp "$CP" dev.sluice.bench.bridge.ResumeBench "$RESUMES" 40 100 2>"$WORK/resume.err" >> "$OUT"

echo "bridge.sh: results in $OUT (logs in $WORK)" >&2
