#!/usr/bin/env bash
# Runs every test of FreelancerOS. Installs what the tests need when it is missing (Chromium and its
# driver, poppler-utils, PostgreSQL, fonts, docker-compose), starts a private PostgreSQL on 127.0.0.1 for the tests and
# stops it on exit. Usage: ./test.sh [extra dotnet test arguments, e.g. --filter Pipeline]
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

log() { printf '\n== %s\n' "$*"; }

# --- what the tests need on the machine -------------------------------------------------------
need_packages=()
command -v chromium >/dev/null 2>&1 || need_packages+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_packages+=(chromium-driver)
command -v pdftotext >/dev/null 2>&1 || need_packages+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_packages+=(postgresql)
[ -d /usr/share/fonts/truetype/dejavu ] || need_packages+=(fonts-dejavu-core)
command -v docker-compose >/dev/null 2>&1 || need_packages+=(docker-compose)
if [ ${#need_packages[@]} -gt 0 ]; then
  log "Installing ${need_packages[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_packages[@]}" >/dev/null
fi

# --- a private PostgreSQL for the tests ---------------------------------------------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_port=${FREELANCEROS_PG_PORT:-55432}
pg_dir=$(mktemp -d /tmp/freelanceros-pg.XXXXXX)
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pg_dir"
stop_pg() {
  as_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap stop_pg EXIT
log "Starting PostgreSQL on 127.0.0.1:$pg_port"
as_pg "'$pg_bin/initdb' -D '$pg_dir/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
as_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/log' -o \"-p $pg_port -k '$pg_dir' -c listen_addresses=127.0.0.1 -c fsync=off\" -w start" >/dev/null
export FREELANCEROS_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
# Every test app watches files (config, asset versions); with inotify that is an instance each, and a machine
# allows 128 per user: polling needs none, so a run beside another one cannot run out.
export DOTNET_USE_POLLING_FILE_WATCHER=true

# --- build once, then run every test project ----------------------------------------------------
log "Building"
dotnet build FreelancerOS.sln -nologo -v q -clp:ErrorsOnly

results=$(mktemp -d)
status=0
for project in tests/FreelancerOS.Tests tests/FreelancerOS.BrowserTests; do
  ls "$project"/*.csproj >/dev/null 2>&1 || continue
  log "Testing $project"
  name=$(basename "$project")
  dotnet test "$project" --no-build -nologo --logger "trx;LogFileName=$results/$name.trx" "$@" || status=1
done

# One closing line for the whole run, counted from the test results.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  nx=$(echo "$counters" | sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${nx:-0}))
done
rm -rf "$results"
echo
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then echo "No test ran."; exit 1; fi
exit $status
