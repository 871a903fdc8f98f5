#!/usr/bin/env bash
# The web client's checks for CI: unit tests, the static export, and the browser end-to-end
# tests. With BASE_URL set (e.g. http://127.0.0.1:8080 from `./sluice dev`) the browser tests
# run against that stack; without it, against e2e/mock-server.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash e2e/setup.sh
npm test
NEXT_TELEMETRY_DISABLED=1 npm run build
node e2e/run.mjs "$@"
