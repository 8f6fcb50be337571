#!/usr/bin/env bash
# bench/pages.sh: every page from the navigation (and the largest client, project and invoice) at 1 year of
# demo data and at the heavy profile, each page's median latency (wrk, signed in, one connection) divided by
# the sign-in page's (full layout, no database) measured in the same run, the SQL statements per request
# (X-Sql-Statements, FREELANCEROS_COUNT_SQL=1), and the table rows and board cards the page shows (a page not yet full at
# 1 year grows until it is, whatever the data). Then bench/startup-memory.sh on the heavy data.
# Environment: BENCH_DIR (work folder, default /tmp/freelanceros-bench; data is reused if already seeded),
# BENCH_SECONDS (wrk duration per page, default 3, split over BENCH_ROUNDS rounds, default 3, each after its own
# measure of the sign-in page; the page's ratio is the median of the rounds'), BENCH_APP (an already published app: skip the build),
# BENCH_SKIP_STARTUP=1 (no startup/memory run), BENCH_PAGES (a space-separated subset of the pages to measure, e.g.
# "/workflow /invoices"; the detail pages are named /clients/details etc.), BENCH_SETS (default "year1 heavy": the two
# data sets the table compares, first against second; "heavyN" is the heavy profile's business over N years instead of
# ten, so BENCH_SETS="heavy2 heavy20" compares the same present-day work with ten times the history behind it).
# Needs wrk, curl, sqlite3 (installed from Debian when missing). Binds to 127.0.0.1 only.
set -euo pipefail
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  echo "installing ${need[*]}" >&2
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/freelanceros-bench}
secs=${BENCH_SECONDS:-3}
rounds=${BENCH_ROUNDS:-3}
round_secs=$(( secs / rounds > 0 ? secs / rounds : 1 ))
email=perf@example.com; pass=Demo-password-2026
mkdir -p "$dir"
app=${BENCH_APP:-$dir/app}
if [ -z "${BENCH_APP:-}" ]; then
  echo "publishing Release to $app" >&2
  dotnet publish "$root/src/FreelancerOS.Web" -c Release -o "$app" -nologo -v q -clp:ErrorsOnly >&2
fi

seed() { # seed <data-folder> <seed-demo args...>
  local data=$1; shift
  if [ ! -f "$data/freelanceros.db" ]; then
    mkdir -p "$data"
    echo "seeding $data: $*" >&2
    local t0=$(date +%s.%N)
    (cd "$app" && Data__Folder=$data ASPNETCORE_ENVIRONMENT=Production dotnet FreelancerOS.Web.dll seed-demo --email $email "$@" | tail -2 >&2)
    echo "seeded in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s (including start-up and migrations)" >&2
  fi
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

pid=""
stop_app() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; fi; }
trap stop_app EXIT

# median latency in microseconds of GET $1 (wrk's 50th percentile) over $2 seconds
median_us() {
  wrk -t1 -c1 -d"${2:-$secs}s" --latency -H "Cookie: $cookie" "$base$1" 2>/dev/null | awk '$1 == "50%" {
    v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
    if (u == "us") f = 1; else if (u == "ms") f = 1000; else if (u == "s") f = 1000000; else f = 60000000;
    printf "%.0f", v * f }'
}

# the median of its arguments (numbers)
mid() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

measure() { # measure <label> <data-folder>: writes <label>.tsv (page, ratio, statements, status)
  local label=$1 data=$2 port; port=$(free_port)
  base=http://127.0.0.1:$port
  (cd "$app" && Data__Folder=$data ASPNETCORE_ENVIRONMENT=Production FREELANCEROS_COUNT_SQL=1 \
     exec dotnet FreelancerOS.Web.dll --urls "$base" >"$dir/$label.log" 2>&1) &
  pid=$!
  until curl -fs -o /dev/null "$base/healthz"; do sleep 0.1; done
  local jar=$dir/$label.jar; rm -f "$jar"
  local tok; tok=$(curl -s -c "$jar" -b "$jar" "$base/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" -X POST "$base/account/login" \
    --data-urlencode "Email=$email" --data-urlencode "Password=$pass" --data-urlencode "__RequestVerificationToken=$tok"
  cookie=$(awk -F'\t' 'NF == 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")
  local db=$data/freelanceros.db
  local client project invoice
  client=$(sqlite3 "$db" "SELECT ClientId FROM Projects p JOIN TimeEntries t ON t.ProjectId = p.Id GROUP BY ClientId ORDER BY count(*) DESC LIMIT 1")
  project=$(sqlite3 "$db" "SELECT ProjectId FROM TimeEntries GROUP BY ProjectId ORDER BY count(*) DESC LIMIT 1")
  invoice=$(sqlite3 "$db" "SELECT InvoiceId FROM InvoiceLines GROUP BY InvoiceId ORDER BY count(*) DESC LIMIT 1")
  local pages=(/ /clients /clients/list /projects /projects/list /services /time /invoices /invoices/list
    /ledger "/ledger?period=all" /ledger/balances /workflow /reports /reports/receivables /reports/forecast
    /reports/profitability /reports/tax /calendar /calendar/week /contacts /goals /resources /settings
    "/clients/details/$client" "/projects/details/$project" "/invoices/details/$invoice")
  if [ -n "${BENCH_PAGES:-}" ]; then
    local wanted=() p w
    for p in "${pages[@]}"; do for w in $BENCH_PAGES; do
      if [ "$p" = "$w" ] || [ "${p%/*}" = "$w" ]; then wanted+=("$p"); fi
    done; done
    pages=("${wanted[@]}")
  fi
  : > "$dir/$label.tsv"
  # warm up (JIT tiers, caches): the empty page under load for two seconds, then every page fifty times (the
  # runtime compiles a method again, optimised, after its thirtieth call: three calls measured that compilation,
  # not the page a running server serves); then each page right after the empty page, so that a change in the
  # machine's load (it is shared) moves both figures of a ratio alike
  median_us /account/login 2 >/dev/null
  for i in $(seq 50); do for p in /account/login "${pages[@]}"; do curl -s -o /dev/null -H "Cookie: $cookie" "$base$p"; done; done
  for p in "${pages[@]}"; do
    local head; head=$(curl -s -D - -o /dev/null -H "Cookie: $cookie" "$base$p")
    local status; status=$(echo "$head" | awk 'NR == 1 { print $2 }')
    local stmts; stmts=$(echo "$head" | tr -d '\r' | awk -F': ' 'tolower($1) == "x-sql-statements" { print $2 }')
    # in rounds, the sign-in page right before the page each time: a ratio per round, the median of them kept (a slow
    # spell of the shared machine during one round moves one ratio, not the figure)
    local r ratios=() pages_us=() empties=()
    for r in $(seq "$rounds"); do
      local e u; e=$(median_us /account/login 1); u=$(median_us "$p" "$round_secs")
      empties+=("$e"); pages_us+=("$u"); ratios+=("$(awk -v a="$u" -v b="$e" 'BEGIN { printf "%.4f", a / b }')")
    done
    local ratio; ratio=$(mid "${ratios[@]}")
    local empty; empty=$(mid "${empties[@]}")
    local us; us=$(mid "${pages_us[@]}")
    # what the page shows: its table rows and board cards (a page not yet full at 1 year grows until it is)
    local items; items=$(curl -s -H "Cookie: $cookie" "$base$p" | { grep -o '<tr[ >]\|class="board-card[" ]' || true; } | wc -l)
    printf '%s\t%.2f\t%s\t%s\t%s\t%s\n' "$p" "$ratio" "${stmts:-?}" "$status" "$us/$empty" "$items" >> "$dir/$label.tsv"
  done
  cp "$dir/$label.tsv" "$dir/$label.ratio.tsv"
  stop_app
}

sets=${BENCH_SETS:-year1 heavy}
read -r first second _ <<< "$sets $sets"
for set in $sets; do rm -f "$dir/$set.ratio.tsv"; done
for set in $sets; do
  case $set in
    year1) seed "$dir/year1" --years 1 ;;
    heavy) seed "$dir/heavy" --profile heavy ;;
    heavy[0-9]*) seed "$dir/$set" --profile heavy --years "${set#heavy}" ;;
  esac
  measure "$set" "$dir/$set"
done
[ -f "$dir/$first.ratio.tsv" ] || : > "$dir/$first.ratio.tsv"
[ -f "$dir/$second.ratio.tsv" ] || : > "$dir/$second.ratio.tsv"

# One table; detail pages are named by kind (their ids differ between the data sets).
name() { sed -E 's#^/clients/details/[0-9]+#/clients/details/(largest)#; s#^/projects/details/[0-9]+#/projects/details/(largest)#; s#^/invoices/details/[0-9]+#/invoices/details/(largest)#'; }
echo
echo "each page's median latency ÷ the sign-in page's measured just before it, the median of $rounds rounds (raw medians in us: $dir/*.tsv)"
label() { case $1 in year1) echo "1 year" ;; heavy) echo heavy ;; heavy[0-9]*) echo "heavy, ${1#heavy} years" ;; *) echo "$1" ;; esac; }
a=$(label "$first"); b=$(label "$second")
echo "| page | $a | $b | growth | SQL statements ($a / $b) | rows and cards shown ($a / $b) |"
echo "|---|---|---|---|---|---|"
awk -F'\t' '
  FILENAME == ARGV[1] { y[$1] = $0; if (!($1 in seen)) { seen[$1] = 1; order[n++] = $1 } next }
  { h[$1] = $0; if (!($1 in seen)) { seen[$1] = 1; order[n++] = $1 } }
  END {
    for (i = 0; i < n; i++) {
      p = order[i]; iy = (p in y); ih = (p in h); delete a; delete b
      if (iy) split(y[p], a, "\t"); if (ih) split(h[p], b, "\t");
      flag = (iy && a[4] != "200") || (ih && b[4] != "200") ? " (HTTP " a[4] "/" b[4] ")" : "";
      r1 = iy ? sprintf("%.1f×", a[2]) : "–"; r2 = ih ? sprintf("%.1f×", b[2]) : "–";
      g = (iy && ih && a[2] > 0) ? sprintf("%.2f", b[2] / a[2]) : "–";
      printf "| `%s`%s | %s | %s | %s | %s / %s | %s / %s |\n", p, flag, r1, r2, g, (iy ? a[3] : "–"), (ih ? b[3] : "–"), (iy ? a[6] : "–"), (ih ? b[6] : "–") } }
' <(name < "$dir/$first.ratio.tsv") <(name < "$dir/$second.ratio.tsv")

if [ "${BENCH_SKIP_STARTUP:-}" != 1 ]; then
  echo
  echo "startup and memory on the heavy data (bench/startup-memory.sh):"
  "$root/bench/startup-memory.sh" "$app" "$dir/heavy" "$(free_port)"
fi
