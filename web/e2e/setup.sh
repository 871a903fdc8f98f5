#!/usr/bin/env bash
# Installs what the web client's end-to-end tests need on a fresh Debian machine, and nothing
# that is already there: Node >= 20.9 with npm (checked, not installed: Debian 12's nodejs is
# too old for Next.js 16), Debian's chromium (playwright-core drives it; Playwright's own
# browser download does not work on machines without outside network), and the npm packages
# from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup: node and npm are required (Node >= 20.9)" >&2
  exit 1
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=9)?0:1)'; then
  echo "setup: Node $(node --version) is too old; Next.js 16 needs >= 20.9" >&2
  exit 1
fi

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "setup: installing Debian's chromium"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
"$CHROMIUM" --version

node scripts/npm-deps.mjs
