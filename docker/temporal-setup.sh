#!/bin/sh
# Creates Tenure's namespace and registers its search attributes (idempotent).
# The attribute list must match workflows/search-attributes.ts; test/docker-compose.test.ts checks it.
set -eu
: "${TEMPORAL_ADDRESS:=temporal:7233}" "${TEMPORAL_NAMESPACE:=default}"
until temporal operator cluster health --address "$TEMPORAL_ADDRESS"; do sleep 2; done
temporal operator namespace describe -n "$TEMPORAL_NAMESPACE" --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1 ||
  temporal operator namespace create -n "$TEMPORAL_NAMESPACE" --retention 30d --address "$TEMPORAL_ADDRESS"
for pair in $TENURE_SEARCH_ATTRIBUTES; do
  name=${pair%%=*}
  type=${pair#*=}
  temporal operator search-attribute create -n "$TEMPORAL_NAMESPACE" --address "$TEMPORAL_ADDRESS" \
    --name "$name" --type "$type" 2>/dev/null || echo "search attribute $name already registered"
done
echo 'Temporal namespace and search attributes are ready'
