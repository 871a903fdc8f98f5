#!/usr/bin/env bash
# Issue 13: the token path's cost and latency, with the broker in its own process. Starts
# `./sluice broker`, the mock OpenAI engine, and `./sluice dev --kafka … --engine-url …` (gateway,
# topology and persistence in the dev JVM, the worker in its child JVM), then runs open-loop
# streaming load and reads every process's CPU from /proc over each measured window.
# Writes bench/results/tokenpath.md.
#   bench/tokenpath.sh
#   RUNS=200x1,200x32,200x256 SWEEP=100x32,200x32,300x32,400x32,600x32 bench/tokenpath.sh   (SWEEP= empty: no sweep)
#   PIN="taskset -c 0,1" bench/tokenpath.sh     every process on two cores (on a bigger machine)
#   WINDOW=5ms bench/tokenpath.sh                another coalescing window (sluice.worker.coalesce-window)
#   VARIED=1 bench/tokenpath.sh                  every answer differs (its request's number every 16th token), as real
#                                                answers do: the guard's harm heads then read each output window
#                                                instead of finding it in their embedding cache
#   PRIME=50x16 PRIME_S=120 JIT_QUIET_PCT=5 PRIME_MAX_S=600 bench/tokenpath.sh
#                                                the unmeasured prime: PRIME_S at PRIME, then 30 s rounds until the
#                                                JIT compiler threads of the Sluice JVMs and the broker use at most
#                                                JIT_QUIET_PCT % of a core (or PRIME_MAX_S in all); written in each result's Setting
#   IDLE_S=60 bench/tokenpath.sh                 after the prime, CPU per process with no requests for 60 s (the part of CPU
#                                                per request that a low rate spreads over few requests); bench/results/tokenpath-idle.md
#   THROUGHPUT=64 THROUGHPUT_LABEL=on bench/tokenpath.sh   closed loop, 64 clients: answers per second the stack carries; appends
#                                                a row to bench/results/tokenpath-throughput.md (TOKENS=32 per answer;
#                                                CONVERSATION=per-client: each client goes on with one conversation; per-client:N starts a new one every N answers)
#   RECORDS=1 RUNS=20x32 bench/tokenpath.sh      after the prime, records written per request on every topic (end offsets before and
#                                                after each run); appends to bench/results/tokenpath-records.md
#   SOAK=1 RUNS=50x400 ITL_MS=25 DURATION=60 OUT=bench/results/tokenpath-soak.md bench/tokenpath.sh
#                                                500 streams at once, 20,000 tokens/s, every text checked, heap after GC before and
#                                                after each of SOAK_ROUNDS rounds (default 2), the dev JVM's largest classes
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-200x1,200x32,200x256}
SWEEP=${SWEEP-50x16,100x32,200x32,300x32,400x32,600x32}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-20}
TTFT_MS=${TTFT_MS:-100}
ITL_MS=${ITL_MS:-10}
WINDOW=${WINDOW:-20ms}
PORT=${PORT:-18096}
PIN=${PIN:-}
OUT=${OUT:-bench/results/tokenpath.md}
MODEL_ID=mock-llm
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"

if [ -z "${SKIP_BUILD:-}" ]; then
  ./sluice build >/dev/null
  mvn -q -B -pl bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
fi
CP=bench/target/classes:$(cat bench/target/bench.cp)
DATA=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  if pkill -f -- "$DATA" 2>/dev/null; then sleep 3; pkill -9 -f -- "$DATA" 2>/dev/null || true; fi
  rm -rf "$DATA"
}
trap cleanup EXIT
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
CORES=$([ -n "$PIN" ] && echo "${PIN##* }" || echo "all $(nproc)")
MACHINE="$(nproc) vCPU ($CORES used), $(free -g | awk '/Mem/{print $2}') GiB, $(uname -sr), $("$JAVA" -version 2>&1 | head -1), load average at start $LOAD"
wait_for() { for _ in $(seq 1 "$3"); do grep -qs "$2" "$1" && return 0; sleep 0.1; done; echo "timed out waiting for '$2' in $1:" >&2; tail -20 "$1" >&2; exit 1; }

# --- broker apart, mock, dev stack --------------------------------------------------------
$PIN ./sluice broker --port 0 --data-dir "$DATA/broker" > "$DATA/broker.log" 2>&1 &
BROKER_PID=$!; PIDS+=($BROKER_PID)
wait_for "$DATA/broker.log" 'ready at' 1200
BOOTSTRAP=$(grep -o 'ready at [^ ]*' "$DATA/broker.log" | awk '{print $3}')
$PIN "$JAVA" -cp "$CP" dev.sluice.bench.mock.MockLlmMain --port 0 --ttft-ms "$TTFT_MS" --itl-ms "$ITL_MS" \
  --tokens 100000 --model "$MODEL_ID" --varied "${VARIED:-0}" > "$DATA/mock.log" 2>&1 &
MOCK_PID=$!; PIDS+=($MOCK_PID)
wait_for "$DATA/mock.log" 'listening on' 100
MOCK_V1=$(grep -o 'http://[^ ]*/v1' "$DATA/mock.log"); MOCK_BASE=${MOCK_V1%/v1}
# One bench user sends hundreds of requests a second: per-user rate limits would measure the limiter.
# PROFILE=DIR records a JFR CPU profile of the dev JVM and the worker JVM into DIR (one file per process).
JFR_OPTS=${PROFILE:+-XX:StartFlightRecording=filename=$PROFILE/sluice-%p.jfr,settings=profile,dumponexit=true}
env SLUICE_RATELIMIT_ENABLED=false SLUICE_WORKER_COALESCE_WINDOW="$WINDOW" ${BENCH_SLUICE_ENV:-} ${JFR_OPTS:+JAVA_TOOL_OPTIONS=$JFR_OPTS} \
  SLUICE_ENGINE=openai SLUICE_ENGINE_URL="$MOCK_BASE" SLUICE_ENGINE_MODEL="$MODEL_ID" \
  $PIN ./sluice dev --kafka "$BOOTSTRAP" --engine-url "$MOCK_BASE" --port "$PORT" --data-dir "$DATA/sluice" > "$DATA/dev.log" 2>&1 &
DEV_PID=$!; PIDS+=($DEV_PID)
TOKEN=""
for _ in $(seq 1 1800); do
  if curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1; then
    TOKEN=$(./sluice token bench --data-dir "$DATA/sluice" 2>/dev/null || true)
    [ -n "$TOKEN" ] && curl -sf "localhost:$PORT/v1/models" -H "Authorization: Bearer $TOKEN" | grep -q "\"$MODEL_ID\"" && break
  fi
  sleep 0.1
done
curl -sf "localhost:$PORT/v1/models" -H "Authorization: Bearer $TOKEN" | grep -q "\"$MODEL_ID\"" \
  || { echo "Sluice did not list $MODEL_ID; last log lines:" >&2; tail -30 "$DATA/dev.log" >&2; exit 1; }
# `./sluice dev` execs the JVM, so its pid is the dev JVM; the worker JVM, PostgreSQL and Redis run below it.
PIDSPEC="broker=$BROKER_PID,sluice=$DEV_PID,mock=$MOCK_PID"
bench() {  # title runs out
  $PIN "$JAVA" -cp "$CP" dev.sluice.bench.tokenpath.TokenPathBench --url "http://127.0.0.1:$PORT/v1" --token "$TOKEN" --model "$MODEL_ID" \
    --pids "$PIDSPEC" --match "sluice=$DATA/sluice" --runs "$2" --warmup-s "$WARMUP" --duration-s "$DURATION" --mock-ttft-ms "$TTFT_MS" --mock-itl-ms "$ITL_MS" --varied-text "${VARIED:-0}" \
    --machine "$MACHINE" --setting "coalescing window $WINDOW, broker in its own process, dev defaults otherwise; $PRIMED_NOTE" --title "$1" --out "$3"
}
# Prime every JVM (unmeasured): a cold JVM counts its compilation as overhead. On the 2-vCPU VM the
# stack's CPU per request at 20 req/s kept falling for about two minutes after start (57 → 28 ms,
# overhead p50 200 → 15 ms: bench/results/tokenpath-notes.md, 2026-12-06), so the default primes for
# 120 s at a rate this machine carries (PRIME=RATExTOKENS, PRIME_S=seconds), then on while the JIT is busy
# (JIT_QUIET_PCT, PRIME_MAX_S: below).
prime() {
  $PIN "$JAVA" -cp "$CP" dev.sluice.bench.tokenpath.TokenPathBench --url "http://127.0.0.1:$PORT/v1" --token "$TOKEN" --model "$MODEL_ID" \
    --pids "$PIDSPEC" --runs "${PRIME:-40x32}" --warmup-s 0 --duration-s "$1" --mock-ttft-ms "$TTFT_MS" --mock-itl-ms "$ITL_MS" --varied-text "${VARIED:-0}" >/dev/null
}
# CPU ticks (1/100 s) of the JIT compiler threads of every Sluice JVM and the broker, summed.
jit_ticks() {
  local p t sum=0
  for p in $BROKER_PID $DEV_PID $(pgrep -f -- "--sluice.roles=worker"); do
    for t in /proc/"$p"/task/*; do
      case "$(cat "$t/comm" 2>/dev/null)" in C1\ CompilerThre*|C2\ CompilerThre*)
        sum=$(( sum + $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null || echo 0) )) ;;
      esac
    done
  done
  echo "$sum"
}
prime "${PRIME_S:-120}"
# At a low rate the JIT takes minutes to reach the request path's colder methods: at 50 req/s × 16 tokens
# the compiler threads still used ~20 % of a core after 90 s of priming (5 ms of CPU per request, counted as
# the stack's), and fell under 5 % only after ~3-4 minutes (bench/results/tokenpath-notes.md, session 23). So
# the prime goes on in 30 s rounds while they use more than JIT_QUIET_PCT % of a core, up to PRIME_MAX_S in all.
PRIMED=${PRIME_S:-120}
while :; do
  j0=$(jit_ticks); prime 30; j1=$(jit_ticks); PRIMED=$((PRIMED + 30))
  JIT_PCT=$(( (j1 - j0) * 100 / 3000 ))
  echo "tokenpath: primed ${PRIMED} s; JIT compiler threads ${JIT_PCT} % of a core over the last 30 s" >&2
  [ "$JIT_PCT" -gt "${JIT_QUIET_PCT:-5}" ] && [ "$PRIMED" -lt "${PRIME_MAX_S:-600}" ] || break
done
PRIMED_NOTE="primed ${PRIMED} s at ${PRIME:-40x32} (JIT compiler threads ${JIT_PCT} % of a core in its last 30 s)"
heap() {  # used heap right after a full GC, per Sluice JVM
  local w
  w=$(pgrep -f -- "--sluice.roles=worker" | while read -r p; do tr '\0' ' ' < "/proc/$p/cmdline" | grep -q "$DATA" && echo "$p"; done | head -1)
  for p in "$DEV_PID" $w; do
    "$JAVA_HOME/bin/jcmd" "$p" GC.run >/dev/null 2>&1 || true
    echo "$([ "$p" = "$DEV_PID" ] && echo dev || echo worker) JVM: $("$JAVA_HOME/bin/jcmd" "$p" GC.heap_info 2>/dev/null | grep -m1 -o 'used [0-9]*K' || echo 'n/a')"
  done
}
histo() {  # the dev JVM's 15 largest classes on the heap (live objects only: the histogram runs a full GC)
  "$JAVA_HOME/bin/jcmd" "$DEV_PID" GC.class_histogram 2>/dev/null | sed -n '4,18p'
}
if [ -n "${IDLE_S:-}" ]; then
  # Idle: after the prime, no requests for IDLE_S seconds; what each process uses then is the rate-independent
  # part of CPU per request. Appends a section to IDLE_OUT (default bench/results/tokenpath-idle.md).
  $PIN "$JAVA" -cp "$CP" dev.sluice.bench.tokenpath.IdleCpu --pids "$PIDSPEC" --match "sluice=$DATA/sluice" \
    --seconds "$IDLE_S" --title "${IDLE_TITLE:-Idle stack, dev defaults, broker apart} · $MACHINE" \
    --out "${IDLE_OUT:-bench/results/tokenpath-idle.md}"
  exit 0
fi
if [ -n "${THROUGHPUT:-}" ]; then
  # Closed loop: THROUGHPUT clients, each sending its next request when its answer ends; answers completed per
  # second over DURATION after WARMUP, every text checked. One row appended to THROUGHPUT_OUT per run of this script
  # (a fresh stack each), labelled THROUGHPUT_LABEL: compare settings by alternating them over several runs.
  TOUT=${THROUGHPUT_OUT:-bench/results/tokenpath-throughput.md}
  [ -s "$TOUT" ] || printf '%s\n%s\n' "| setting | at (UTC) | clients | errors | answers/s | TTFT p50 / p99 ms | Sluice roles ms CPU per answer | all but mock |" \
    "|---|---|---:|---:|---:|---|---:|---:|" > "$TOUT"
  $PIN "$JAVA" -cp "$CP" dev.sluice.bench.tokenpath.ClosedLoopThroughput --url "http://127.0.0.1:$PORT/v1" --token "$TOKEN" \
    --model "$MODEL_ID" --tokens "${TOKENS:-32}" --clients "$THROUGHPUT" --warmup-s "$WARMUP" --duration-s "$DURATION" \
    --conversation "${CONVERSATION:-none}" \
    --pids "$PIDSPEC" --match "sluice=$DATA/sluice" --label "${THROUGHPUT_LABEL:-dev defaults}" --out "$TOUT"
  exit 0
fi
if [ -n "${RECORDS:-}" ]; then
  # Records per request: every topic's end offsets (internal ones too, transaction markers included) before
  # and after one run of each RUNS entry, the difference over the requests sent (warm-up included).
  for run in ${RUNS//,/ }; do
    sleep 5  # the previous run's tails
    "$JAVA" -cp "$CP" dev.sluice.bench.tokenpath.TopicRecords --bootstrap "$BOOTSTRAP" --out "$DATA/before"
    bench "Records per request: $run" "$run" "$DATA/records-run.md" >/dev/null
    sleep 5
    "$JAVA" -cp "$CP" dev.sluice.bench.tokenpath.TopicRecords --bootstrap "$BOOTSTRAP" --out "$DATA/after"
    SENT=$(( ${run%x*} * (WARMUP + DURATION) ))
    echo "## $run ($SENT requests sent, $(date -u '+%F %H:%M') UTC)"
    echo
    echo "| topic | records | per request |"
    echo "|---|---:|---:|"
    join "$DATA/before" "$DATA/after" | awk -v n="$SENT" '$3>$2 {d=$3-$2; t+=d; printf "| %s | %d | %.2f |\n", $1, d, d/n} END {printf "| **all** | **%d** | **%.2f** |\n", t, t/n}'
    echo
  done | tee -a "${RECORDS_OUT:-bench/results/tokenpath-records.md}"
  exit 0
fi
if [ -n "${SOAK:-}" ]; then
  # Soak: many long streams at once for a minute, SOAK_ROUNDS times; every response's text is checked against
  # what the mock sent. Heap after a full GC before and after each round: stable means the rounds after the
  # first add nothing.
  ROUNDS=${SOAK_ROUNDS:-2}
  HEAPS="before: $(heap | paste -sd';' -)"
  for r in $(seq 1 "$ROUNDS"); do
    bench "Soak round $r of $ROUNDS: $RUNS (rate x tokens) at ${ITL_MS} ms per token, every response checked token for token" "$RUNS" "$DATA/soak-$r.md"
    HEAPS="$HEAPS · after round $r: $(heap | paste -sd';' -)"
  done
  {
    echo "# Token path soak (issue 13)"
    echo
    echo "Run: \`SOAK=1 SOAK_ROUNDS=$ROUNDS RUNS=$RUNS ITL_MS=$ITL_MS DURATION=$DURATION WINDOW=$WINDOW PIN='$PIN' bench/tokenpath.sh\` ($(date -u '+%F %H:%M') UTC)."
    echo "A response counts as an error unless its whole text equals what the mock streamed (lost, repeated or reordered tokens)."
    echo
    echo "Heap used after a full GC, $HEAPS."
    echo
    echo "Largest classes on the dev JVM's heap after the last round (live objects):"
    echo
    echo '```'
    histo
    echo '```'
    echo
    for r in $(seq 1 "$ROUNDS"); do cat "$DATA/soak-$r.md"; echo; done
  } > "$OUT"
  cat "$OUT"
  exit 0
fi
bench "CPU per request and the per-token slope" "$RUNS" "$DATA/cost.md"
[ -z "$SWEEP" ] || bench "Rate sweep" "$SWEEP" "$DATA/sweep.md"
{
  echo "# Token path (issue 13)"
  echo
  echo "Run: \`RUNS=$RUNS SWEEP=$SWEEP WINDOW=$WINDOW VARIED=${VARIED:-0} PIN='$PIN' bench/tokenpath.sh\` ($(date -u '+%F %H:%M') UTC)."
  echo "Layout: \`./sluice broker\` (own JVM) · \`./sluice dev --kafka\` (gateway, topology, persistence in one JVM; worker in its child JVM;"
  echo "embedded PostgreSQL and Redis beside it) · the mock OpenAI engine (own JVM) · the load client (own JVM)."
  echo "Roles: \`sluice\` = the dev JVM (gateway + topology + persistence), \`sluice: worker JVM\`, \`sluice: postgres\`, \`sluice: redis\`;"
  echo "\"Sluice roles\" sums the two Sluice JVMs; \"all but mock\" adds the broker, PostgreSQL and Redis. Every response's text is checked"
  echo "against what the mock sent (a mismatch counts as an error)."
  echo
  cat "$DATA/cost.md"; echo
  [ -z "$SWEEP" ] || cat "$DATA/sweep.md"
} > "$OUT"
cat "$OUT"
