#!/usr/bin/env bash
# Rules alone vs rules + the learned heads (accuracy and cost); writes bench/results/guard.md.
# Usage: bench/guard/guard-classifier.sh   (after `mvn -pl app -am -DskipTests package` for the jar size)
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -o -q -B -pl guard -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/guard-cp.txt -Dmdep.includeScope=test
# taskset: the per-prompt figures are for one core.
taskset -c 0 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -Dsluice.evaldev.dir="${SLUICE_EVALDEV_DIR:-../shared/eval-dev}" \
  -cp "guard/target/test-classes:guard/target/classes:$(cat guard/target/guard-cp.txt)" \
  dev.sluice.guard.eval.ClassifierBench bench/results/guard.md app/target/sluice-exec.jar
