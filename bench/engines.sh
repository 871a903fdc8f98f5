#!/usr/bin/env bash
# Engine throughput and latency, all engines in the same run on the same GGUF files:
#   sluice-ffm      Sluice's FFM engine (llama.cpp v0.4.0 from @node-llama-cpp/linux-x64@3.21.1)
#   de.kherud       de.kherud:llama 4.2.0 (llama.cpp b4916), driven directly
#   node-llama-cpp  the peer: node-llama-cpp@3.21.1, prebuilt CPU binaries
# Writes bench/results/engines.md (and the raw JSON lines to bench/results/engines.jsonl).
# Env: THREADS (1), MODELS_DIR (../shared/models), LEVELS (1,2,4,8), REPEATS (3).
# Engines take turns within each repeat, and the report keeps each engine's best repeat, so a
# burst of load from other processes on a shared machine hits every engine alike.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
THREADS=${THREADS:-1}
LEVELS=${LEVELS:-1,2,4,8}
REPEATS=${REPEATS:-3}
MODELS_DIR=${MODELS_DIR:-$ROOT/../shared/models}
OUT=bench/results
RAW=$OUT/engines.jsonl
mkdir -p "$OUT"
: > "$RAW"

for m in stories260K.gguf random-llama-76M-q4_0.gguf; do
  [[ -f "$MODELS_DIR/$m" ]] || { echo "missing model $MODELS_DIR/$m" >&2; exit 1; }
done

echo "== build (offline) and fetch native libraries"
mvn -o -q -B -pl bench -am compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
(cd bench/peer && { [[ -d node_modules/node-llama-cpp ]] || npm ci --omit=optional --ignore-scripts --no-audit --no-fund; })
mkdir -p bench/target/llama-native
CP="bench/target/classes:inference-workers/target/classes:schemas/target/classes:$(cat bench/target/classpath.txt)"
JAVA=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xshare:auto
      -Dsluice.llama.lib-dir="$ROOT/inference-workers/native/node_modules/@node-llama-cpp/linux-x64/bins/linux-x64"
      -Dde.kherud.llama.tmpdir="$ROOT/bench/target/llama-native" -cp "$CP")

throughput() { # model max_tokens context_per_sequence
  local model=$MODELS_DIR/$1 tokens=$2 ctx=$3
  echo "== $1: sluice-ffm"
  "${JAVA[@]}" dev.sluice.bench.engine.EngineBench ffm "$model" "$tokens" "$LEVELS" "$THREADS" "$ctx" | grep '^{' | tee -a "$RAW"
  echo "== $1: de.kherud (one JVM per level: its native threads outlive close())"
  for n in ${LEVELS//,/ }; do
    "${JAVA[@]}" dev.sluice.bench.engine.EngineBench kherud "$model" "$tokens" "$n" "$THREADS" "$ctx" 2>/dev/null | grep '^{' | tee -a "$RAW"
  done
  echo "== $1: node-llama-cpp"
  node bench/peer/engines-peer.mjs "$model" "$tokens" "$LEVELS" "$THREADS" "$ctx" | grep '^{' | tee -a "$RAW"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for r in $(seq 1 "$REPEATS"); do
  echo "==== repeat $r/$REPEATS"
  throughput stories260K.gguf 256 512
  throughput random-llama-76M-q4_0.gguf 128 512
done
for m in stories260K.gguf random-llama-76M-q4_0.gguf; do
  echo "== $m: sluice-ffm latency (prefix reuse, cancel)"
  "${JAVA[@]}" dev.sluice.bench.engine.LatencyBench "$MODELS_DIR/$m" "$THREADS" | grep '^{' | tee -a "$RAW"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

"${JAVA[@]}" dev.sluice.bench.engine.EngineReport "$RAW" "$OUT/engines.md" "$OUT/engines-notes.md" \
  "$(nproc) vCPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), threads=$THREADS, best of $REPEATS repeats, load average before/after: $LOAD_BEFORE / $LOAD_AFTER"
echo "wrote $OUT/engines.md"
