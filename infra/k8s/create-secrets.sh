#!/usr/bin/env bash
# Creates the Secrets the workloads read (`sluice-secrets`) and the kafka-setup Job reads
# (`sluice-kafka-admin`). Run once per namespace:
#   SLUICE_DB_PASSWORD=... SLUICE_REDIS_PASSWORD=... SLUICE_KAFKA_ADMIN_USERNAME=... SLUICE_KAFKA_ADMIN_PASSWORD=... \
#     infra/k8s/create-secrets.sh [--no-apply]
# The passwords are those of the sluice user of your PostgreSQL, of your Redis and of a Kafka
# super user (no defaults); the Kafka passwords of Sluice's roles are generated here.
# The JWT key pair is generated here on first run, into $SLUICE_SECRETS_DIR (default
# ~/.sluice/k8s-$NAMESPACE, mode 700, files 600): the gateways get only jwt-public.pem; keep
# jwt-private.pem to mint tokens (`./sluice token USER --private-key DIR/jwt-private.pem
# --issuer sluice-k8s --audience sluice`), or use your identity provider: set
# SLUICE_AUTH_JWKS_URI, SLUICE_AUTH_ISSUER and SLUICE_AUTH_AUDIENCE in config.yaml instead of
# SLUICE_AUTH_PUBLIC_KEY. --no-apply only writes the files (what ComposeBootTest uses).
set -euo pipefail
: "${SLUICE_DB_PASSWORD:?set SLUICE_DB_PASSWORD to the PostgreSQL password of user sluice}"
: "${SLUICE_REDIS_PASSWORD:?set SLUICE_REDIS_PASSWORD to the password of your Redis (requirepass / ACL default user)}"
: "${SLUICE_KAFKA_ADMIN_USERNAME:?set SLUICE_KAFKA_ADMIN_USERNAME to a Kafka super user (SCRAM-SHA-512) that may create users and ACLs}"
: "${SLUICE_KAFKA_ADMIN_PASSWORD:?set SLUICE_KAFKA_ADMIN_PASSWORD to the password of that super user}"
NS=${NAMESPACE:-sluice}
DIR=${SLUICE_SECRETS_DIR:-$HOME/.sluice/k8s-$NS}
umask 077
mkdir -p "$DIR"
chmod 700 "$DIR"
printf '%s' "$SLUICE_DB_PASSWORD" > "$DIR/db-password"
# The Redis Service is named redis (infrastructure.yaml); the URL carries the password.
printf 'redis://:%s@redis:6379' "$SLUICE_REDIS_PASSWORD" > "$DIR/redis-url"
# One Kafka user per role (sluice-gateway, ...): the kafka-setup Job sets these passwords, the
# roles sign in with them. Generated on first run and kept; SLUICE_KAFKA_<ROLE>_PASSWORD replaces one.
for role in gateway topology worker persistence; do
  var="SLUICE_KAFKA_${role^^}_PASSWORD"
  if [ -n "${!var:-}" ]; then printf '%s' "${!var}" > "$DIR/kafka-$role-password"
  elif [ ! -f "$DIR/kafka-$role-password" ]; then openssl rand -hex 24 | tr -d '\n' > "$DIR/kafka-$role-password"; fi
done
# The master key that wraps every conversation's data key (crypto-shredding): 32 random bytes,
# base64, generated on first run and kept (a new one cannot unwrap the keys already stored).
# SLUICE_CRYPTO_MASTER_KEY replaces it, e.g. to move a deployment.
if [ -n "${SLUICE_CRYPTO_MASTER_KEY:-}" ]; then printf '%s' "$SLUICE_CRYPTO_MASTER_KEY" > "$DIR/crypto-master-key"
elif [ ! -f "$DIR/crypto-master-key" ]; then openssl rand -base64 32 | tr -d '\n' > "$DIR/crypto-master-key"; fi
printf '%s' "$SLUICE_KAFKA_ADMIN_USERNAME" > "$DIR/kafka-admin-username"
printf '%s' "$SLUICE_KAFKA_ADMIN_PASSWORD" > "$DIR/kafka-admin-password"
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
  --from-file=kafka-gateway-password="$DIR/kafka-gateway-password" \
  --from-file=kafka-topology-password="$DIR/kafka-topology-password" \
  --from-file=kafka-worker-password="$DIR/kafka-worker-password" \
  --from-file=kafka-persistence-password="$DIR/kafka-persistence-password" \
  --from-file=crypto-master-key="$DIR/crypto-master-key" \
  --dry-run=client -o yaml | kubectl apply -f -
# The super user's password goes only to the kafka-setup Job.
kubectl -n "$NS" create secret generic sluice-kafka-admin \
  --from-file=kafka-admin-username="$DIR/kafka-admin-username" \
  --from-file=kafka-admin-password="$DIR/kafka-admin-password" \
  --dry-run=client -o yaml | kubectl apply -f -
