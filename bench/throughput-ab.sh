#!/usr/bin/env bash
# Two settings side by side at capacity: a fresh stack per run (bench/tokenpath.sh THROUGHPUT=CLIENTS, closed loop),
# the settings alternating A B B A A B … over ROUNDS pairs so a drift of the machine falls on both, then the mean and
# standard deviation of answers/s and CPU per answer for each, and B against A. Appends to OUT.
#   bench/throughput-ab.sh "encryption off" SLUICE_CRYPTO_ENABLED=false "encryption on" SLUICE_CRYPTO_ENABLED=true
#   ROUNDS=3 CLIENTS=128 DURATION=30 OUT=bench/results/tokenpath-throughput.md bench/throughput-ab.sh LABEL_A ENV_A LABEL_B ENV_B
# ENV_A / ENV_B: space-separated NAME=value pairs for the Sluice processes (as BENCH_SLUICE_ENV).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 4 ] || { echo "usage: bench/throughput-ab.sh LABEL_A ENV_A LABEL_B ENV_B" >&2; exit 2; }
ROUNDS=${ROUNDS:-3}
CLIENTS=${CLIENTS:-128}
OUT=${OUT:-bench/results/tokenpath-throughput.md}
ROWS=$(mktemp)
trap 'rm -f "$ROWS"' EXIT
if [ -z "${SKIP_BUILD:-}" ]; then
  ./sluice build >/dev/null
  mvn -q -B -pl bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null
fi
order=()
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then order+=(A B); else order+=(B A); fi
done
for s in "${order[@]}"; do
  if [ "$s" = A ]; then label=$1 env=$2; else label=$3 env=$4; fi
  echo "$(date -u +%H:%M:%S) $label" >&2
  BENCH_SLUICE_ENV="$env" THROUGHPUT="$CLIENTS" THROUGHPUT_LABEL="$label" THROUGHPUT_OUT="$ROWS" SKIP_BUILD=1 \
    WARMUP=${WARMUP:-10} DURATION=${DURATION:-30} bench/tokenpath.sh > /dev/null
done
{
  echo
  echo "## $1 against $3, closed loop ($(date -u '+%F %H:%M') UTC, $(git rev-parse --short HEAD))"
  echo
  echo "\`ROUNDS=$ROUNDS CLIENTS=$CLIENTS bench/throughput-ab.sh \"$1\" \"$2\" \"$3\" \"$4\"\`: a fresh stack per row, in this order."
  echo "Machine: $(nproc) vCPU, $(uname -sr), load average now $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  cat "$ROWS"
  echo
  python3 - "$ROWS" "$1" "$3" <<'PY'
import statistics as st, sys
rows = [l.split('|') for l in open(sys.argv[1]) if l.startswith('|') and not l.startswith('| setting') and not l.startswith('|---')]
def pick(label, i): return [float(r[i]) for r in rows if r[1].strip() == label]
a, b = sys.argv[2], sys.argv[3]
print("| setting | runs | answers/s mean (sd) | Sluice roles ms CPU per answer | all but mock |")
print("|---|---:|---:|---:|---:|")
means = {}
for label in (a, b):
    cols = [pick(label, i) for i in (5, 7, 8)]
    means[label] = [st.mean(c) for c in cols]
    sd = lambda c: st.stdev(c) if len(c) > 1 else float('nan')
    print(f"| {label} | {len(cols[0])} | {means[label][0]:.1f} ({sd(cols[0]):.1f}) | {means[label][1]:.2f} ({sd(cols[1]):.2f}) | {means[label][2]:.2f} ({sd(cols[2]):.2f}) |")
d = [100 * (means[b][i] / means[a][i] - 1) for i in range(3)]
print(f"| {b} against {a} | | {d[0]:+.1f} % | {d[1]:+.1f} % | {d[2]:+.1f} % |")
PY
} | tee -a "$OUT"
