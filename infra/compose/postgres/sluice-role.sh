#!/bin/sh
# Runs once, when the postgres container starts on an empty data directory
# (/docker-entrypoint-initdb.d). Creates the login Sluice uses: not a superuser; REPLICATION so the
# persistence role's Debezium connector may open a logical replication slot; owner of the sluice
# database, so Flyway creates the tables (and their publication) under it.
# ComposeBootTest runs the SQL below against a real PostgreSQL with the same variable.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v password="$SLUICE_DB_PASSWORD" <<'SQL'
CREATE ROLE sluice LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password';
ALTER DATABASE sluice OWNER TO sluice;
SQL
