#!/usr/bin/env bash
# bench/startup-memory.sh <publish-dir> <data-dir> <port>: cold start to first 200 on /healthz (existing DB),
# then a minute of mixed signed-in load, then resident memory.
# Publish first: dotnet publish src/FreelancerOS.Web -c Release -o /tmp/fos. The data folder is seeded with
# one year of demo data when it has no database. Uses curl; binds to 127.0.0.1 and stops the app it started.
# BENCH_LOAD_SECONDS (default 60) sets the load; DOTNET_* variables given to it reach the app (to try a
# runtime setting before putting it in the project file).
set -euo pipefail
trap 'exit 1' PIPE HUP INT TERM
app=$1; data=$2; port=$3
email=perf@example.com; pass=Demo-password-2026
export Data__Folder=$data ASPNETCORE_ENVIRONMENT=Production
if [ ! -f "$data/freelanceros.db" ]; then
  mkdir -p "$data"
  (cd "$app" && dotnet FreelancerOS.Web.dll seed-demo --email $email --years 1 >/dev/null)
fi
# warm start once so the measured start is "existing database, warm disk cache"
for run in warm cold; do
  start=$(date +%s.%N)
  (cd "$app" && exec dotnet FreelancerOS.Web.dll --urls http://127.0.0.1:$port >/tmp/perf-$port.log 2>&1) &
  pid=$!
  until curl -fs -o /dev/null http://127.0.0.1:$port/healthz; do sleep 0.02; done
  end=$(date +%s.%N)
  apid=$(pgrep -f "FreelancerOS.Web.dll --urls http://127.0.0.1:$port" | head -1)
  # Stopped however the script ends (a reader of its output that goes away early included).
  trap 'kill $apid 2>/dev/null || true' EXIT
  if [ $run = cold ]; then break; fi
  kill $apid; wait $pid 2>/dev/null || true
done
# CPU seconds the app used to get there: on a busy machine a steadier figure than the wall clock.
echo "start_cpu_s $(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' /proc/$apid/stat)"
echo "start_to_healthz_s $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
jar=$(mktemp)
tok=$(curl -s -c $jar -b $jar http://127.0.0.1:$port/account/login | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -o /dev/null -c $jar -b $jar -X POST http://127.0.0.1:$port/account/login \
  --data-urlencode "Email=$email" --data-urlencode "Password=$pass" --data-urlencode "__RequestVerificationToken=$tok"
pages=(/ /ledger "/ledger?period=all" /ledger/balances /ledger/summary /clients /clients/list /projects /projects/list /services /time /workflow /invoices /invoices/list /reports /settings)
stop=$(( $(date +%s) + ${BENCH_LOAD_SECONDS:-60} )); n=0
while [ $(date +%s) -lt $stop ]; do
  for p in "${pages[@]}"; do curl -s -o /dev/null -b $jar "http://127.0.0.1:$port$p"; n=$((n+1)); done
done
echo "requests $n"
rss=$(grep VmRSS /proc/$apid/status | awk '{print $2}')
echo "rss_kb $rss"
echo "rss_mb $((rss / 1024))"
kill $apid; wait $pid 2>/dev/null || true
rm -f $jar
