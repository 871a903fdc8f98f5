#!/usr/bin/env bash
# The prompt-side rule layers of BASE (a commit) against the working tree, alternating in one run:
# thread CPU per text, one core. Appends a section to bench/results/guard-rules.md.
# Usage: bench/guard/rules-ab.sh BASE_REV [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE=${1:?usage: bench/guard/rules-ab.sh BASE_REV [ROUNDS]}
ROUNDS=${2:-3}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add -q --detach "$work/base" "$BASE"
for side in base head; do
  dir=$([ $side = base ] && echo "$work/base" || echo .)
  # Within one reactor: the modules guard needs resolve to their target/classes, nothing is installed.
  (cd "$dir" && mvn -o -q -B -Dsluice.web.skip=true -pl guard -am compile dependency:build-classpath \
     -Dmdep.outputFile="$work/$side-cp.txt" >/dev/null)
  mkdir -p "$work/$side-classes"
  cp -r "$dir/guard/target/classes/." "$work/$side-classes/"
  mkdir -p "$work/$side-probe"
  "$JAVA_HOME/bin/javac" -d "$work/$side-probe" -cp "$work/$side-classes:$(cat "$work/$side-cp.txt")" bench/guard/RuleCost.java
done
for r in $(seq "$ROUNDS"); do
  for side in base head; do
    taskset -c 0 "$JAVA_HOME/bin/java" -cp "$work/$side-probe:$work/$side-classes:$(cat "$work/$side-cp.txt")" RuleCost \
      | sed "s/^/$side\t$r\t/" >> "$work/rows.tsv"
  done
done
python3 - "$work/rows.tsv" "$BASE" "$(git rev-parse --short HEAD)" "$ROUNDS" >> bench/results/guard-rules.md <<'PY'
import sys, collections, datetime, os
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
base, head, rounds = sys.argv[2], sys.argv[3], sys.argv[4]
best = collections.defaultdict(lambda: float("inf")); order = []; chars = {}
for side, r, label, n, us, *_ in rows:
    if label not in chars: order.append(label)
    chars[label] = n; best[(side, label)] = min(best[(side, label)], float(us))
load = open("/proc/loadavg").read().split()[0]
print(f"\n## Prompt-side rules, {base} vs the working tree on {head} ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC)\n")
print(f"`bench/guard/rules-ab.sh {base} {rounds}`: injection + safety rules over one text's inspection (normalization done once, outside the loop), "
      f"thread CPU per text on one core (taskset), best of {rounds} alternating rounds; load average {load} at the end. Rule set-up: wall time to build both rule lists in a fresh JVM (µs).\n")
print("| text | chars | base: µs | working tree: µs | base / working tree |")
print("|---|---:|---:|---:|---:|")
for label in order:
    b, h = best[("base", label)], best[("head", label)]
    print(f"| {label} | {chars[label]} | {b:,.1f} | {h:,.1f} | {b / h:.2f}x |")
PY
tail -12 bench/results/guard-rules.md
