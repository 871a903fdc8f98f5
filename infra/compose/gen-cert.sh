#!/usr/bin/env bash
# Creates what the compose deployment needs and the repository must never hold:
#   certs/sluice.crt, certs/sluice.key   self-signed TLS certificate for nginx (CN=localhost)
#   secrets/dev-jwt-secret               the JWT signing secret every gateway shares
# Existing files are kept; pass --force to replace them.
set -euo pipefail
cd "$(dirname "$0")"
force=${1:-}
mkdir -p certs secrets
if [ "$force" = --force ] || [ ! -f certs/sluice.key ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout certs/sluice.key -out certs/sluice.crt 2>/dev/null
  # nginx reads it as its worker user inside the container.
  chmod 644 certs/sluice.key certs/sluice.crt
  echo "wrote certs/sluice.crt and certs/sluice.key"
fi
if [ "$force" = --force ] || [ ! -f secrets/dev-jwt-secret ]; then
  # Same format as the dev key (base64 of 32 random bytes), so `./sluice token USER
  # --data-dir infra/compose/secrets` mints tokens the cluster accepts.
  openssl rand -base64 32 > secrets/dev-jwt-secret
  # Readable by the container's sluice user (uid 10001); it is a local test deployment's secret.
  chmod 644 secrets/dev-jwt-secret
  echo "wrote secrets/dev-jwt-secret"
fi
