#!/usr/bin/env bash
# Issue 2 baseline: dev-mode readiness, TTFT overhead over 100 sequential requests, jar size.
# Writes bench/results/foundation.md (OUT=FILE elsewhere). Run from the repository root on a quiet machine.
# WARMUP=W: requests sent and not counted first (default 5); the figure depends on it: see bench/results/ttft-warmup.md.
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=${MODEL:-../shared/models/stories260K.gguf}
PORT=${PORT:-18090}
N=${N:-100}
OUT=${OUT:-bench/results/foundation.md}
WARMUP=${WARMUP:-5}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./sluice build >/dev/null
mvn -q -B -o -pl bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
DATA=$(mktemp -d)
start=$(date +%s.%N)
SLUICE_RATELIMIT_ENABLED=false SLUICE_DATA_DIR=$DATA ./sluice dev --model "$MODEL" --port "$PORT" ${DEV_ARGS:-} > "$DATA/dev.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
TOKEN=""
for _ in $(seq 1 600); do
  if curl -sf "localhost:$PORT/actuator/health" | grep -q UP; then
    TOKEN=$(./sluice token bench --data-dir "$DATA")
    curl -sf "localhost:$PORT/v1/models" -H "Authorization: Bearer $TOKEN" | grep -q '"id"' && break
  fi
  sleep 0.1
done
ready=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')
BOOT=$(grep -ao 'sluice.kafka.bootstrap=[^,}]*' "$DATA/dev.log" | head -1 | cut -d= -f2)
CP=bench/target/classes:$(cat bench/target/bench.cp)
"$JAVA_HOME/bin/java" -cp "$CP" dev.sluice.bench.ttft.TtftOverheadBench "http://localhost:$PORT" "$TOKEN" "$BOOT" "$(basename "$MODEL" .gguf)" "$N" "$DATA/ttft.md" "$WARMUP"
JAR_MB=$(du -m app/target/sluice-exec.jar | cut -f1)
{
  echo "# Foundation baseline (issue 2)"
  echo
  echo "Machine: $(nproc) vCPU, $(free -g | awk '/Mem/{print $2}') GiB, $(uname -sr); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); model $(basename "$MODEL"); $(date -u +%F)"
  echo
  echo "- Dev mode ready (health UP and model listed), built tree, fresh data dir: **${ready} s** (goal 20 s; includes JVM start, KRaft format, PostgreSQL initdb)"
  echo "- Runnable jar: **${JAR_MB} MB** (goal < 150 MB)"
  echo "- Time to first token over $N sequential streaming requests (16 tokens each), client-side minus the engine's own TTFT:"
  echo
  cat "$DATA/ttft.md"
} > "$OUT"
cat "$OUT"
