#!/usr/bin/env bash
# Issue 13, one figure: Sluice through its API against llama.cpp's own runtime, same GGUF, same run.
# For each engine, starts `./sluice dev --model GGUF --engine E` (every role, embedded broker, Redis
# and PostgreSQL, the worker in its child JVM) with the peer's thread count and rate limits off, then
# within each repeat runs, one after the other:
#   Sluice  greedy streamed /v1/chat/completions (temperature 0, max_tokens TOKENS): 1 alone, then 8 at once
#   peer    bench/peer/engines-peer.mjs (node-llama-cpp 3.21.1): 1 sequence, then 8 sequences
# and keeps each side's best repeat. Both load llama.cpp from the same npm package
# (@node-llama-cpp/linux-x64 3.21.1): the ffm engine gets bench/peer's copy as sluice.llama.lib-dir.
# Writes bench/results/api-vs-peer.md (raw lines: bench/results/api-vs-peer.jsonl) and adds a row per
# engine to bench/results/api-vs-peer-history.md.
#   bench/api-vs-peer.sh
#   ENGINES=ffm REPEATS=2 bench/api-vs-peer.sh
# Env: MODEL, THREADS (1), TOKENS (256), REPEATS (3), ENGINES (ffm,llamacpp), CTX (4096, per sequence, both sides),
#      PRIME (1: one unmeasured pass of 8 full-length streams per engine before the repeats; 0: none).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
MODEL=$(realpath "${MODEL:-$ROOT/../shared/models/random-llama-76M-q4_0.gguf}")
THREADS=${THREADS:-1}
TOKENS=${TOKENS:-256}
REPEATS=${REPEATS:-3}
ENGINES=${ENGINES:-ffm,llamacpp}
CTX=${CTX:-4096}
PROMPT=${PROMPT:-Once upon a time}
OUT=${OUT:-bench/results/api-vs-peer.md}
RAW=${OUT%.md}.jsonl
CLIENT=bench/api-vs-peer/client.mjs
[ -f "$MODEL" ] || { echo "missing model $MODEL" >&2; exit 1; }

# --- the peer's runtime, and the same llama.cpp build for the ffm engine -----------------------
(cd bench/peer && { [ -d node_modules/node-llama-cpp ] || npm ci --omit=optional --ignore-scripts --no-audit --no-fund; })
LIB_DIR=$ROOT/bench/peer/node_modules/@node-llama-cpp/linux-x64/bins/linux-x64
[ -f "$LIB_DIR/libllama.v0.4.0.so" ] || { echo "no libllama.v0.4.0.so in $LIB_DIR" >&2; exit 1; }
[ -f app/target/sluice-exec.jar ] || ./sluice build

DATA=$(mktemp -d)
DEV_PID=""
# Ends what this script started: the dev JVM (which stops its worker JVM, PostgreSQL and Redis),
# then, by pid, anything still naming this run's data folder on its command line.
stop_stack() {
  [ -n "$DEV_PID" ] || return 0
  kill "$DEV_PID" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$DEV_PID" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$DEV_PID" 2>/dev/null || true
  wait "$DEV_PID" 2>/dev/null || true
  DEV_PID=""
  local p
  for p in $(grep -lsF -- "$DATA" /proc/[0-9]*/cmdline | cut -d/ -f3); do
    # re-checked at kill time: the listing's own grep matched itself and is gone by now
    [ "$p" != $$ ] && grep -qsF -- "$DATA" "/proc/$p/cmdline" && kill "$p" 2>/dev/null || true
  done
}
cleanup() { stop_stack; rm -rf "$DATA"; }
trap cleanup EXIT

start_stack() {  # engine -> sets DEV_PID, URL, TOKEN, MODEL_ID
  local engine=$1 dir=$DATA/$1
  # Any free ports for the embedded broker, Redis and PostgreSQL: other stacks may hold the defaults.
  env SLUICE_DEV_KAFKA_PORT=0 SLUICE_DEV_REDIS_PORT=0 SLUICE_DEV_DB_PORT=0 \
      SLUICE_RATELIMIT_ENABLED=false SLUICE_ENGINE_THREADS="$THREADS" SLUICE_ENGINE_CONTEXT_PER_SLOT="$CTX" \
      SLUICE_LLAMA_LIB_DIR="$LIB_DIR" \
      ./sluice dev --model "$MODEL" --engine "$engine" --port 0 --data-dir "$dir" > "$DATA/$engine.log" 2>&1 &
  DEV_PID=$!   # ./sluice execs the dev JVM: this is its pid
  for _ in $(seq 1 3000); do
    grep -qs 'Sluice is ready' "$DATA/$engine.log" && break
    kill -0 "$DEV_PID" 2>/dev/null || break
    sleep 0.2
  done
  grep -qs 'Sluice is ready' "$DATA/$engine.log" || { echo "sluice dev ($engine) did not start; last lines:" >&2; tail -40 "$DATA/$engine.log" >&2; exit 1; }
  URL=$(grep -o 'URL: *http://[^ ]*' "$DATA/$engine.log" | head -1 | awk '{print $2}')
  URL=${URL%/}
  TOKEN=$(./sluice token bench --data-dir "$dir")
  MODEL_ID=$(curl -sf "$URL/v1/models" -H "Authorization: Bearer $TOKEN" | jq -r '.data[0].id')
  [ -n "$MODEL_ID" ] && [ "$MODEL_ID" != null ] || { echo "no model listed at $URL/v1/models" >&2; exit 1; }
  echo "== sluice dev --engine $engine ready at $URL, model $MODEL_ID"
}

tag() { jq -c --arg phase "$1" --argjson repeat "$2" '. + {phase: $phase, repeat: $repeat}'; }
ticks() { node "$CLIENT" --cpu-ticks "$DEV_PID" --match "$DATA/$engine" | jq .ticks; }
settle() {  # until the Sluice processes use under 0.2 of a core over a second, at most 30 s
  local t0 t1
  for _ in $(seq 1 30); do
    t0=$(ticks); sleep 1; t1=$(ticks)
    [ $((t1 - t0)) -lt 20 ] && return 0
  done
  echo "(the idle Sluice stack still used $((t1 - t0)) ticks/s after 30 s)"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u '+%F %H:%M')
: > "$RAW"
for engine in ${ENGINES//,/ }; do
  start_stack "$engine"
  # Prime the JVMs once (unmeasured): 8 streams of full length, so the repeats measure compiled code.
  [ "${PRIME:-1}" = 0 ] || node "$CLIENT" --url "$URL/v1" --token "$TOKEN" --model "$MODEL_ID" --engine "$engine" \
    --tokens "$TOKENS" --levels 8 --warmup-tokens 0 > /dev/null
  for r in $(seq 1 "$REPEATS"); do
    echo "==== $engine: repeat $r/$REPEATS (load $(cut -d' ' -f1 /proc/loadavg))"
    sluice=$(node "$CLIENT" --url "$URL/v1" --token "$TOKEN" --model "$MODEL_ID" --engine "$engine" --tokens "$TOKENS" \
      --levels 1,8 --threads "$THREADS" --prompt "$PROMPT" --pids "$DEV_PID" --match "$DATA/$engine")
    echo "$sluice" | tag "$engine" "$r" | tee -a "$RAW"
    # Sluice prefills the prompt as the model's chat template renders it: the peer prefills as many tokens.
    prompt_tokens=$(echo "$sluice" | jq -s '.[0].promptTokens // 0')
    # The idle Sluice stack stays up while the peer runs: let its after-work (sink, audit, JIT) settle
    # first, then record its background CPU over the peer's run.
    settle
    before=$(ticks)
    peer=$(node bench/peer/engines-peer.mjs "$MODEL" "$TOKENS" 1,8 "$THREADS" "$CTX" "$prompt_tokens" | grep '^{')
    idle=$(( $(ticks) - before ))
    echo "$peer" | jq -c --argjson idle "$idle" '. + {sluiceIdleCpuSecondsDuringPeer: ($idle / 100)}' | tag "$engine" "$r" | tee -a "$RAW"
  done
  stop_stack
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

MACHINE="$(nproc) vCPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem/{print $2}') GiB, $(uname -sr), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), node $(node --version); load average before / after: $LOAD_BEFORE / $LOAD_AFTER"
SETTINGS="\`ENGINES=$ENGINES REPEATS=$REPEATS THREADS=$THREADS TOKENS=$TOKENS CTX=$CTX PRIME=${PRIME:-1} bench/api-vs-peer.sh\` ($STARTED UTC); model $(basename "$MODEL"); prompt \"$PROMPT\""
node bench/api-vs-peer/report.mjs "$RAW" "$OUT" "$MACHINE" "$SETTINGS" "$TOKENS" "${OUT%.md}-history.md"
echo "wrote $OUT"
