#!/usr/bin/env bash
# The guard's rule layers with each rule trying only its possible start positions vs every position (same run).
# Writes bench/results/guard-rules.md. Usage: bench/guard/rule-scan.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -o -q -B -Dsluice.web.skip=true -pl guard -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/guard-cp.txt -Dmdep.includeScope=test
# taskset: one core, as the topology's Streams thread has.
taskset -c 0 "$JAVA_HOME/bin/java" \
  -cp "guard/target/test-classes:guard/target/classes:$(cat guard/target/guard-cp.txt)" \
  dev.sluice.guard.eval.RuleScanBench bench/results/guard-rules.md
