#!/usr/bin/env bash
# Regenerates server/src/platform/db/schema.ts (Kysely table types) from the migrations.
# Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres server/src/db/generate-schema.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
admin_url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
scratch="rushes_schema_$$"
base="${admin_url%/*}"
psql "$admin_url" -qc "CREATE DATABASE $scratch"
trap 'psql "$admin_url" -qc "DROP DATABASE IF EXISTS $scratch"' EXIT
for f in server/src/db/migrations/*.sql; do psql "$base/$scratch" -v ON_ERROR_STOP=1 -q -1 -f "$f"; done
npx kysely-codegen --dialect postgres --url "$base/$scratch" --out-file server/src/platform/db/schema.ts \
  --exclude-pattern schema_migration --date-parser string --numeric-parser number \
  --type-mapping '{"timestamp":"string","timestamptz":"string","int8":"number"}'
