#!/usr/bin/env bash
# Evaluates the guard pipeline on eval-dev and the generated sets, measures inspect() latency,
# and writes bench/results/guard-eval.md. Usage: bench/guard/guard-eval.sh [--regenerate]
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [[ "${1:-}" == "--regenerate" ]]; then
  python3 bench/guard/generate_eval.py
fi
mvn -o -q -B -pl guard -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/guard-cp.txt -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" -Dsluice.evaldev.dir="${SLUICE_EVALDEV_DIR:-../shared/eval-dev}" \
  -cp "guard/target/test-classes:guard/target/classes:$(cat guard/target/guard-cp.txt)" \
  dev.sluice.guard.eval.GuardEvalBench bench/results/guard-eval.md
