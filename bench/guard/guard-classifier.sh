#!/usr/bin/env bash
# Rules alone vs the previous heads vs the shipped heads (accuracy and cost); writes bench/results/guard.md.
# Usage: bench/guard/guard-classifier.sh   (after `mvn -pl app -am -DskipTests package` for the jar size)
#   PREVIOUS=<commit>   heads.json of that commit as "previous heads" (default: the commit before heads.json last changed)
#   MODEL=FILE          score other heads than the ones in the tree;  COST=false skips the timing section
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -o -q -B -Dsluice.web.skip=true -pl guard -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/guard-cp.txt -Dmdep.includeScope=test
heads=guard/src/main/resources/guard/heads.json
previous=${PREVIOUS:-$(git log -1 --format=%H -- "$heads")~1}
git show "$previous:$heads" > target/heads-previous.json
python3 guard/training/generate_cases.py eval target/guard-generated-eval.jsonl
# taskset: the per-prompt figures are for one core.
taskset -c 0 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -Dsluice.evaldev.dir="${SLUICE_EVALDEV_DIR:-../shared/eval-dev}" \
  -Dsluice.guard.previous=target/heads-previous.json -Dsluice.guard.previous.name="rules + heads of $(git rev-parse --short "$previous")" \
  -Dsluice.guard.generated-eval=target/guard-generated-eval.jsonl -Dsluice.guard.model="${MODEL:-}" -Dsluice.bench.cost="${COST:-true}" \
  -cp "guard/target/test-classes:guard/target/classes:$(cat guard/target/guard-cp.txt)" \
  dev.sluice.guard.eval.ClassifierBench bench/results/guard.md app/target/sluice-exec.jar
