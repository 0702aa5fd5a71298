#!/bin/sh
# Creates or migrates Temporal's two PostgreSQL databases (idempotent: safe on every `up`).
# One script for both places that need it: docker-compose's schema container (temporalio/admin-tools,
# where the defaults below hold) and the cluster of `npm run test:cluster` (scripts/lib/cluster/),
# which sets SQL_TOOL and SCHEMA_DIR to the binary and schema it built from the Go module.
set -eu
: "${POSTGRES_SEEDS:=postgresql}" "${POSTGRES_USER:=temporal}" "${DB_PORT:=5432}" "${POSTGRES_PWD:=}"
: "${SQL_TOOL:=temporal-sql-tool}" "${SCHEMA_DIR:=/etc/temporal/schema/postgresql/v12}"
export SQL_PASSWORD="${POSTGRES_PWD}"
tool() { "$SQL_TOOL" --plugin postgres12 --ep "$POSTGRES_SEEDS" -u "$POSTGRES_USER" -p "$DB_PORT" "$@"; }
for db in temporal temporal_visibility; do
  dir=temporal
  [ "$db" = temporal_visibility ] && dir=visibility
  tool --db "$db" create-database || echo "database $db: already there"
  # Creates the schema_version tables on a new database; changes nothing on a migrated one.
  tool --db "$db" setup-schema -v 0.0
  tool --db "$db" update-schema -d "$SCHEMA_DIR/$dir/versioned"
done
echo 'Temporal schema is up to date'
