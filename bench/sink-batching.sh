#!/usr/bin/env bash
# The persistence sinks' batch wait (sluice.persistence.batch-wait), off against on, at a rate where
# completions arrive one at a time: four fresh stacks of bench/tokenpath.sh (off, on, on, off, so a
# drift over the series weighs both alike), each RUNS (default 50x16) after its prime, and beside each
# the CPU of the dev JVM's sink threads (sluice-persistence-*) over the measured window, read from
# /proc every 5 s. Appends a section to bench/results/sink-batching.md.
#   bench/sink-batching.sh
#   RUNS=100x32 WAIT=50ms bench/sink-batching.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-50x16}
WAIT=${WAIT:-100ms}
OUT=${OUT:-bench/results/sink-batching.md}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
TMP=$(mktemp -d)
./sluice build >/dev/null
mvn -q -B -pl bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench.cp >/dev/null

sample() {  # dev JVM's sink threads: "epoch ticks" every 5 s (thread names are cut to 15 characters by Linux)
  set +eu +o pipefail  # a background sampler: no JVM yet, or a thread gone between two reads, is not an error
  while true; do
    local p
    p=$(pgrep -f -- "dev --kafka" | while read -r q; do [ "$(cat "/proc/$q/comm" 2>/dev/null)" = java ] && echo "$q"; done | head -1)
    if [ -n "$p" ]; then
      local t=0
      for d in /proc/"$p"/task/*; do
        [ "$(cat "$d/comm" 2>/dev/null)" = "sluice-persiste" ] || continue
        s=$(cat "$d/stat" 2>/dev/null) || continue
        set -- ${s##*) }
        t=$((t + ${12} + ${13}))
      done
      echo "$(date +%s) $t"
    fi
    sleep 5
  done
}

run() {  # label wait
  sample > "$TMP/$1.threads" & local s=$!
  local rc=0
  SKIP_BUILD=1 BENCH_SLUICE_ENV="SLUICE_PERSISTENCE_BATCH_WAIT=$2" RUNS=$RUNS SWEEP= DURATION=30 OUT="$TMP/$1.md" \
    bench/tokenpath.sh > "$TMP/$1.out" 2>&1 || rc=$?
  kill "$s" 2>/dev/null || true
  if [ "$rc" != 0 ]; then
    echo "run $1 failed ($rc); its output and files are in $TMP:" >&2
    tail -30 "$TMP/$1.out" >&2
    exit 1
  fi
  sleep 10  # the last stack's ports and processes are gone before the next starts
}
run off1 0s; run on1 "$WAIT"; run on2 "$WAIT"; run off2 0s

{
  echo
  echo "## $RUNS, batch wait 0 against $WAIT ($(date -u '+%Y-%m-%d %H:%M') UTC, $(git rev-parse --short HEAD))"
  echo
  echo "Machine: $(nproc) vCPU, $(uname -sr), load average now $(cut -d' ' -f1-3 /proc/loadavg). Four fresh stacks in this order;"
  echo "CPU in ms per request over each 30 s window (bench/tokenpath.sh's columns); sink threads in % of one core, the"
  echo "30 s before the stack began to stop."
  echo
  echo "| run | batch wait | overhead p50 / p99 ms | dev JVM | PostgreSQL | worker JVM | broker | all but mock | sink threads, % of a core |"
  echo "|---|---|---|---:|---:|---:|---:|---:|---:|"
  for r in off1 on1 on2 off2; do
    w=$([ "${r%?}" = off ] && echo 0 || echo "$WAIT")
    lat=$(grep -E "^\| [0-9]+ \| [0-9]+ \| [0-9]+ \| [0-9]+ \|" "$TMP/$r.md" | head -1 | awk -F'|' '{gsub(/ /,"");print $6" / "$7}')
    hdr=$(grep -m1 -E '^\| rate \| tokens \| broker' "$TMP/$r.md")
    row=$(grep -E '^\| [0-9]+ \| [0-9]+ \| [0-9.]+ \| [0-9.]+ \| ' "$TMP/$r.md" | tail -1)
    col() { python3 -c "import sys;h=[c.strip() for c in sys.argv[1].split('|')];r=[c.strip().strip('*') for c in sys.argv[2].split('|')];print(r[h.index(sys.argv[3])])" "$hdr" "$row" "$1"; }
    sinks=$(python3 -c "
import sys
s=[tuple(map(int,l.split())) for l in open('$TMP/$r.threads') if l.strip()]
e=len(s)-1
while e>0 and s[e][1]<s[e-1][1]: e-=1
e-=1; a=s[max(0,e-6)]; b=s[e]
print(f'{(b[1]-a[1])/(b[0]-a[0]):.1f}')")
    echo "| $r | $w | $lat | $(col sluice) | $(col 'sluice: postgres') | $(col 'sluice: worker JVM') | $(col broker) | $(col '**all but mock**') | $sinks |"
  done
} | tee -a "$OUT"
rm -rf "$TMP"
