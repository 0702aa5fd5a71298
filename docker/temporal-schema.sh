#!/bin/sh
# Creates or migrates Temporal's two PostgreSQL databases (idempotent: safe on every `up`).
set -eu
: "${POSTGRES_SEEDS:=postgresql}" "${POSTGRES_USER:=temporal}" "${DB_PORT:=5432}"
export SQL_PASSWORD="${POSTGRES_PWD}"
tool() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -u "$POSTGRES_USER" -p "$DB_PORT" "$@"; }
schema=/etc/temporal/schema/postgresql/v12
for db in temporal temporal_visibility; do
  dir=temporal
  [ "$db" = temporal_visibility ] && dir=visibility
  tool --db "$db" create || true   # already there on a second run
  tool --db "$db" setup-schema -v 0.0 || true
  tool --db "$db" update-schema -d "$schema/$dir/versioned"
done
echo 'Temporal schema is up to date'
