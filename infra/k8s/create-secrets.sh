#!/usr/bin/env bash
# Creates the Secret `sluice-secrets` the workloads read. Run once per namespace:
#   SLUICE_DB_PASSWORD=... SLUICE_REDIS_PASSWORD=... infra/k8s/create-secrets.sh [--no-apply]
# The passwords are those of the sluice user of your PostgreSQL and of your Redis (no defaults).
# The JWT key pair is generated here on first run, into $SLUICE_SECRETS_DIR (default
# ~/.sluice/k8s-$NAMESPACE, mode 700, files 600): the gateways get only jwt-public.pem; keep
# jwt-private.pem to mint tokens (`./sluice token USER --private-key DIR/jwt-private.pem
# --issuer sluice-k8s --audience sluice`), or use your identity provider: set
# SLUICE_AUTH_JWKS_URI, SLUICE_AUTH_ISSUER and SLUICE_AUTH_AUDIENCE in config.yaml instead of
# SLUICE_AUTH_PUBLIC_KEY. --no-apply only writes the files (what ComposeBootTest uses).
set -euo pipefail
: "${SLUICE_DB_PASSWORD:?set SLUICE_DB_PASSWORD to the PostgreSQL password of user sluice}"
: "${SLUICE_REDIS_PASSWORD:?set SLUICE_REDIS_PASSWORD to the password of your Redis (requirepass / ACL default user)}"
NS=${NAMESPACE:-sluice}
DIR=${SLUICE_SECRETS_DIR:-$HOME/.sluice/k8s-$NS}
umask 077
mkdir -p "$DIR"
chmod 700 "$DIR"
printf '%s' "$SLUICE_DB_PASSWORD" > "$DIR/db-password"
# The Redis Service is named redis (infrastructure.yaml); the URL carries the password.
printf 'redis://:%s@redis:6379' "$SLUICE_REDIS_PASSWORD" > "$DIR/redis-url"
if [ ! -f "$DIR/jwt-private.pem" ]; then
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$DIR/jwt-private.pem"
  echo "wrote $DIR/jwt-private.pem (keep it: it mints tokens the gateways accept)"
fi
openssl pkey -in "$DIR/jwt-private.pem" -pubout -out "$DIR/jwt-public.pem"
chmod 600 "$DIR"/*
[ "${1:-}" = --no-apply ] && exit 0
kubectl create namespace "$NS" --dry-run=client -o yaml | kubectl apply -f -
kubectl -n "$NS" create secret generic sluice-secrets \
  --from-file=db-password="$DIR/db-password" \
  --from-file=redis-url="$DIR/redis-url" \
  --from-file=jwt-public.pem="$DIR/jwt-public.pem" \
  --dry-run=client -o yaml | kubectl apply -f -
