#!/usr/bin/env bash
# Issue 8: what Sluice adds to time to first token, apart from the model. Starts the mock
# OpenAI-compatible server (fixed TTFT and inter-token delay), measures it alone (the floor of
# harness + HTTP on this machine), then starts the dev stack with the remote engine pointed at
# it and sweeps open-loop streaming rates until overhead p99 exceeds the budget.
# Writes bench/results/pipeline.md and bench/results/pipeline-overhead.svg.
#   RATES=50,100,200 DURATION=20 bench/pipeline.sh
#   FLOOR_ONLY=1 bench/pipeline.sh      the mock alone (no Sluice), e.g. before the remote engine exists
#   PRIME_RATE=40 PRIME_S=60 bench/pipeline.sh   warm every JVM up (unmeasured) before the sweep
#   DEV_EXTRA=--inline-worker bench/pipeline.sh  every role in one JVM (the issue's "one dev process")
set -euo pipefail
cd "$(dirname "$0")/.."
RATES=${RATES:-50,100,150,200,300,400,600,800}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-20}
TTFT_MS=${TTFT_MS:-100}
ITL_MS=${ITL_MS:-10}
TOKENS=${TOKENS:-32}
BUDGET_MS=${BUDGET_MS:-50}
PORT=${PORT:-18095}
MODEL_ID=mock-llm
OUT=bench/results/pipeline.md
SVG=bench/results/pipeline-overhead.svg
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"

[ -n "${FLOOR_ONLY:-}" ] || ./sluice build >/dev/null
mvn -q -B -o -pl bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
CP=bench/target/classes:$(cat bench/target/bench.cp)
DATA=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  # The dev JVM (and a worker JVM it started) name the data dir on their command line: make
  # sure none outlives the run, or it would load the machine for whatever is measured next.
  if pkill -f -- "$DATA" 2>/dev/null; then sleep 3; pkill -9 -f -- "$DATA" 2>/dev/null || true; fi
  rm -rf "$DATA"
}
trap cleanup EXIT
# The load average at start says how quiet the machine was: on a shared VM it matters.
LOAD1=$(cut -d' ' -f1 /proc/loadavg)
BUSY=$(awk -v l="$LOAD1" -v n="$(nproc)" 'BEGIN{print (l > n) ? 1 : 0}')
MACHINE="$(nproc) vCPU, $(free -g | awk '/Mem/{print $2}') GiB, $(uname -sr), $("$JAVA" -version 2>&1 | head -1), load average at start $(cut -d' ' -f1-3 /proc/loadavg)"

# --- the mock, alone --------------------------------------------------------------------
"$JAVA" -cp "$CP" dev.sluice.bench.mock.MockLlmMain --port 0 --ttft-ms "$TTFT_MS" --itl-ms "$ITL_MS" \
  --tokens "$TOKENS" --model "$MODEL_ID" > "$DATA/mock.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do grep -qs 'listening on' "$DATA/mock.log" && break; sleep 0.1; done
MOCK_V1=$(grep -o 'http://[^ ]*/v1' "$DATA/mock.log")
MOCK_BASE=${MOCK_V1%/v1}
echo "mock: $MOCK_V1"
bench() {  # url token title out [svg]
  "$JAVA" -cp "$CP" dev.sluice.bench.pipeline.PipelineBench --url "$1" --token "$2" --model "$MODEL_ID" \
    --rates "$RATES" --warmup-s "$WARMUP" --duration-s "$DURATION" --mock-ttft-ms "$TTFT_MS" --mock-itl-ms "$ITL_MS" \
    --max-tokens "$TOKENS" --budget-ms "$BUDGET_MS" --prime-s "${PRIME_S:-15}" ${PRIME_RATE:+--prime-rate "$PRIME_RATE"} --machine "$MACHINE" --title "$3" --out "$4" ${5:+--svg "$5"} --keep-going "${KEEP_GOING:-0}"
}
KEEP_GOING=1 bench "$MOCK_V1" "" "Mock engine alone (floor: harness + HTTP on this machine)" "$DATA/direct.md" bench/results/pipeline-floor.svg
header() {
  echo "# Pipeline overhead (issue 8)"
  echo
  echo "What Sluice adds to time to first token, measured apart from the model: every request goes"
  echo "gateway → chat.requests → topology → chat.prompts → worker → remote engine (the mock) → chat.stream → SSE."
  echo "Goals at 200 req/s: overhead p50 ≤ 5 ms, p99 ≤ 25 ms; the highest rate with p99 ≤ ${BUDGET_MS} ms."
  echo "Mock, harness and Sluice share this machine's cores, so every number here includes their contention."
  echo "Run: \`RATES=$RATES WARMUP=$WARMUP DURATION=$DURATION PRIME_RATE=${PRIME_RATE:-first} PRIME_S=${PRIME_S:-15} DEV_EXTRA='${DEV_EXTRA:-}' bench/pipeline.sh\` ($(date -u '+%F %H:%M') UTC)."
  echo "Layout: $([ "${DEV_EXTRA:-}" = --inline-worker ] && echo 'every role in one dev JVM (--inline-worker)' || echo 'dev mode: gateway, topology and persistence in one JVM, the worker in its supervised child JVM')."
  echo "Analysis of these numbers and where the time goes: [pipeline-notes.md](pipeline-notes.md)."
  if [ "$BUSY" = 1 ]; then
    echo
    echo "**The machine was busy (load average $LOAD1 on $(nproc) vCPU at start, other processes running):**"
    echo "**the tails (p95, p99) mostly measure CPU starvation, not the code; rerun on a quiet machine.**"
  fi
  echo
}
if [ -n "${FLOOR_ONLY:-}" ]; then
  { header; echo "Sluice itself: not measured in this run (FLOOR_ONLY)."; echo; cat "$DATA/direct.md"; } > "$OUT"
  cat "$OUT"
  exit 0
fi

# --- Sluice in front of the mock ----------------------------------------------------------
# The remote engine is chosen by SLUICE_ENGINE=openai + SLUICE_ENGINE_URL/SLUICE_ENGINE_MODEL.
# `./sluice dev --engine-url URL` does the same where that flag exists; without it dev mode still
# wants a GGUF for --model (it is not loaded when the engine is remote), so pass the small one.
DEV_ARGS=(--port "$PORT" --data-dir "$DATA/sluice")
if "$JAVA" -jar app/target/sluice-exec.jar help 2>/dev/null | grep -q -- '--engine-url'; then
  DEV_ARGS+=(--engine-url "$MOCK_BASE")
else
  DEV_ARGS+=(--model "${MODEL:-../shared/models/stories260K.gguf}")
fi
# DEV_EXTRA adds dev-mode flags, e.g. DEV_EXTRA=--inline-worker to keep every role in one JVM.
# shellcheck disable=SC2206
[ -z "${DEV_EXTRA:-}" ] || DEV_ARGS+=($DEV_EXTRA)
# One bench user sends hundreds of requests a second: per-user rate limits (sluice.ratelimit.*)
# would measure the limiter, not the pipeline, so they are off here. BENCH_SLUICE_ENV adds more
# settings, e.g. BENCH_SLUICE_ENV="SLUICE_KAFKA_PARTITIONS=12".
# shellcheck disable=SC2086
env SLUICE_RATELIMIT_ENABLED=false SLUICE_ENGINE_PER_SERVER=${ENGINE_CONCURRENCY:-512} SLUICE_ENGINE_SLOTS=${ENGINE_CONCURRENCY:-512} ${BENCH_SLUICE_ENV:-} \
  SLUICE_ENGINE=openai SLUICE_ENGINE_URL="$MOCK_BASE" SLUICE_ENGINE_MODEL="$MODEL_ID" \
  ./sluice dev "${DEV_ARGS[@]}" > "$DATA/dev.log" 2>&1 &
PIDS+=($!)
TOKEN=""
for _ in $(seq 1 1200); do
  if curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1; then
    TOKEN=$(./sluice token bench --data-dir "$DATA/sluice")
    curl -sf "localhost:$PORT/v1/models" -H "Authorization: Bearer $TOKEN" | grep -q "\"$MODEL_ID\"" && break
  fi
  sleep 0.1
done
curl -sf "localhost:$PORT/v1/models" -H "Authorization: Bearer $TOKEN" | grep -q "\"$MODEL_ID\"" \
  || { echo "Sluice did not list $MODEL_ID (is the openai engine merged?); last log lines:" >&2; tail -30 "$DATA/dev.log" >&2; exit 1; }
bench "http://127.0.0.1:$PORT/v1" "$TOKEN" "Sluice dev stack (all roles, one machine) in front of the mock engine" "$DATA/sluice.md" "$SVG"

{
  header
  cat "$DATA/sluice.md"
  echo
  cat "$DATA/direct.md"
} > "$OUT"
cat "$OUT"
