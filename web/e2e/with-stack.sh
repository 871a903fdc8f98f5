#!/usr/bin/env bash
# Runs the browser end-to-end tests against a real dev stack: starts `./sluice dev` (every role,
# embedded Kafka, Redis and PostgreSQL, the stories260K model) on a free port with a throwaway
# data directory, waits for /actuator/health, runs e2e/run.mjs with BASE_URL, stops the stack.
#   web/e2e/with-stack.sh [--grep text]
set -euo pipefail
WEB="$(cd "$(dirname "$0")/.." && pwd)"
ROOT="$(cd "$WEB/.." && pwd)"
MODEL="${SLUICE_E2E_MODEL:-$ROOT/../shared/models/stories260K.gguf}"
[ -f "$MODEL" ] || { echo "with-stack: model $MODEL is missing (set SLUICE_E2E_MODEL)" >&2; exit 1; }

bash "$WEB/e2e/setup.sh"
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
DATA=$(mktemp -d)
LOG="$WEB/e2e/artifacts/stack.log"
mkdir -p "$WEB/e2e/artifacts"
(cd "$ROOT" && exec ./sluice dev --port "$PORT" --data-dir "$DATA" --model "$MODEL") >"$LOG" 2>&1 &
STACK=$!
cleanup() { kill "$STACK" 2>/dev/null || true; wait "$STACK" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT

for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; then break; fi
  kill -0 "$STACK" 2>/dev/null || { echo "with-stack: the stack exited; see $LOG" >&2; tail -30 "$LOG" >&2; exit 1; }
  sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/actuator/health" >/dev/null || { echo "with-stack: no health after 300 s; see $LOG" >&2; exit 1; }
BASE_URL="http://127.0.0.1:$PORT" node "$WEB/e2e/run.mjs" "$@"
