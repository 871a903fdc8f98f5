#!/usr/bin/env bash
# Creates the Secret `sluice-secrets` the deployments read. Run once per namespace:
#   SLUICE_DB_PASSWORD=... infra/k8s/create-secrets.sh
# The JWT signing secret is generated here unless SLUICE_JWT_SECRET_FILE names an existing one.
set -euo pipefail
: "${SLUICE_DB_PASSWORD:?set SLUICE_DB_PASSWORD to the PostgreSQL password of user sluice}"
NS=${NAMESPACE:-sluice}
jwt=${SLUICE_JWT_SECRET_FILE:-}
if [ -z "$jwt" ]; then
  jwt=$(mktemp)
  trap 'rm -f "$jwt"' EXIT
  openssl rand -base64 32 > "$jwt"
fi
kubectl create namespace "$NS" --dry-run=client -o yaml | kubectl apply -f -
kubectl -n "$NS" create secret generic sluice-secrets \
  --from-literal=db-password="$SLUICE_DB_PASSWORD" \
  --from-file=dev-jwt-secret="$jwt" \
  --dry-run=client -o yaml | kubectl apply -f -
