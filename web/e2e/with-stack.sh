#!/usr/bin/env bash
# Runs the browser end-to-end tests against a real dev stack: starts `./sluice dev` (every role,
# embedded Kafka, Redis and PostgreSQL, the stories260K model) on a free port with a throwaway
# data directory, waits for it to print its URL, runs e2e/run.mjs with BASE_URL, stops the stack.
# The port is the one the server bound (--port 0), read from its output: a number picked here and
# bound later could be taken by any outgoing connection in between.
#   web/e2e/with-stack.sh [--grep text]
set -euo pipefail
WEB="$(cd "$(dirname "$0")/.." && pwd)"
ROOT="$(cd "$WEB/.." && pwd)"
MODEL="${SLUICE_E2E_MODEL:-$ROOT/../shared/models/stories260K.gguf}"
[ -f "$MODEL" ] || { echo "with-stack: model $MODEL is missing (set SLUICE_E2E_MODEL)" >&2; exit 1; }

bash "$WEB/e2e/setup.sh"
DATA=$(mktemp -d)
LOG="$WEB/e2e/artifacts/stack.log"
mkdir -p "$WEB/e2e/artifacts"
# Port 0 everywhere: the browser tests never take dev mode's fixed ports from a stack someone runs here.
# Coalescing off: stories260K writes its whole answer in a few milliseconds, far faster than any real
# model, so the worker would merge nearly all of it into two or three events while the first produce is
# in flight, and the check that the page grows word by word would measure the toy model's speed, not
# the UI. With a real model (tokens 10-50 ms apart) every token travels alone anyway.
# setsid: the stack and everything it starts form one process group, so nothing outlives the run.
(cd "$ROOT" && SLUICE_DEV_KAFKA_PORT=0 SLUICE_DEV_REDIS_PORT=0 SLUICE_DEV_DB_PORT=0 SLUICE_WORKER_COALESCE=false \
  exec setsid ./sluice dev --port 0 --data-dir "$DATA" --model "$MODEL") >"$LOG" 2>&1 &
STACK=$!
# Stops the stack as Ctrl-C would and waits a bounded time: the dev JVM halts itself (with a thread dump in
# $LOG) when its shutdown takes over 60 s, so a stack still running after 90 s, or a process of it still
# running after it stopped, is a bug and fails the run instead of holding CI until its timeout.
cleanup() {
  local status=$? problem=
  if kill -TERM "$STACK" 2>/dev/null; then
    for _ in $(seq 1 900); do kill -0 "$STACK" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$STACK" 2>/dev/null; then
      echo "with-stack: the dev stack did not stop within 90 s of SIGTERM; killing it. See $LOG" >&2
      problem=1
    fi
  fi
  [ -n "$problem" ] && kill -KILL "$STACK" 2>/dev/null
  wait "$STACK" 2>/dev/null || true
  local left=
  for _ in $(seq 1 100); do
    left=$({ pgrep -g "$STACK"; pgrep -f -- "$DATA"; } | sort -u | tr '\n' ' ' || true)
    [ -z "${left// /}" ] && left= && break
    sleep 0.2
  done
  if [ -n "$left" ]; then
    echo "with-stack: still running after the stack stopped:" >&2
    ps -o pid=,args= -p "$(echo $left | tr ' ' ,)" >&2 || true
    kill -KILL $left 2>/dev/null || true
    problem=1
  fi
  rm -rf "$DATA"
  [ -n "$problem" ] && [ "$status" = 0 ] && status=1
  exit "$status"
}
trap cleanup EXIT

PORT=
for _ in $(seq 1 600); do
  # The banner names the address it bound (127.0.0.1 by default, or --host): take the port after the last colon.
  PORT=$(sed -n 's|^  URL: *http://.*:\([0-9][0-9]*\)/.*$|\1|p' "$LOG" | head -1)
  [ -n "$PORT" ] && break
  kill -0 "$STACK" 2>/dev/null || { echo "with-stack: the stack exited; see $LOG" >&2; tail -30 "$LOG" >&2; exit 1; }
  sleep 1
done
[ -n "$PORT" ] || { echo "with-stack: the stack printed no URL within 600 s; see $LOG" >&2; exit 1; }
curl -fsS "http://127.0.0.1:$PORT/actuator/health" >/dev/null || { echo "with-stack: no health at port $PORT; see $LOG" >&2; exit 1; }
BASE_URL="http://127.0.0.1:$PORT" node "$WEB/e2e/run.mjs" "$@"
