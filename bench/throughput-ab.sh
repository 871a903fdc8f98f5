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
PER=$(mktemp)  # each run's CPU per answer per process, as "label<TAB>process<TAB>ms"
trap 'rm -f "$ROWS" "$PER"' EXIT
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
    WARMUP=${WARMUP:-10} DURATION=${DURATION:-30} bench/tokenpath.sh \
    | sed -n 's/^  \(.*\): \([0-9.]*\) ms CPU per answer$/\1\t\2/p' | awk -v l="$label" '{print l "\t" $0}' >> "$PER"
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
# Runs drift (the first pair of a series has run slower than the rest): each pair's own difference
# cancels a drift that falls on both of its runs.
ordered = [(r[1].strip(), [float(r[i]) for i in (5, 7, 8)]) for r in rows]
pairs = []
for i in range(0, len(ordered) - 1, 2):
    x = dict([ordered[i], ordered[i + 1]])
    if a in x and b in x:
        pairs.append([100 * (x[b][k] / x[a][k] - 1) for k in range(3)])
if pairs:
    cols = list(zip(*pairs))
    sd = lambda c: f" (sd {st.stdev(c):.1f})" if len(c) > 1 else ""
    print(f"| {b} against {a}, mean of the {len(pairs)} pairs' own differences | | "
          + " | ".join(f"{st.mean(c):+.1f} %{sd(c)}" for c in cols) + " |")
PY
  echo
  python3 - "$PER" "$1" "$3" <<'PY'
import collections, statistics as st, sys
per = collections.defaultdict(list)
for line in open(sys.argv[1]):
    label, process, ms = line.rstrip('\n').split('\t')
    per[(label, process)].append(float(ms))
a, b = sys.argv[2], sys.argv[3]
processes = sorted({p for (_, p) in per}, key=lambda p: -st.mean(per.get((a, p), [0])))
print(f"| ms CPU per answer, mean of runs | {a} | {b} | difference |")
print("|---|---:|---:|---:|")
for p in processes:
    ma, mb = st.mean(per.get((a, p), [float('nan')])), st.mean(per.get((b, p), [float('nan')]))
    print(f"| {p} | {ma:.2f} | {mb:.2f} | {mb - ma:+.2f} |")
PY
} | tee -a "$OUT"
