#!/usr/bin/env bash
# Adds one EF Core migration for each database provider (SQLite, PostgreSQL and SQL Server), named alike.
#   scripts/add-migration.sh AddInvoices
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build tools/FreelancerOS.DesignTime -nologo -v q
for provider in Sqlite Postgres SqlServer; do
  dotnet ef migrations add "$name" --no-build \
    --project src/FreelancerOS.Web --startup-project tools/FreelancerOS.DesignTime \
    --context "${provider}AppDbContext" --output-dir "Data/Migrations/$provider"
done
