#!/usr/bin/env bash
# Knowledge-base HTTP paths with wrk on a demo (the sample knowledge base, 105 translations):
#   a counsellor's search in Dari (GET /api/v1/kb/search: session, access check, Xapian, one read),
#   a centre's public help page and one of its articles (server-rendered HTML, Markdown rendered on
#   each request). 8 connections (a centre's screens and visitors), then 64 (saturated).
# Prints a Markdown table. BACKEND=postgres, DURATION and SERAI_BIN as in lib.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

data="$work/data"
args=$(db_args bench_kb)
# shellcheck disable=SC2086
"$bin" demo --data "$data" $args >/dev/null
# shellcheck disable=SC2086
start_serai "$data" $args
cookie=$(sign_in "$data" counsellor.kabul@example.org)
centre=$(python3 -c "import json; print([c['id'] for c in json.load(open('$data/demo-users.json'))['centres'] if c['key']=='kabul'][0])")
q=$(python3 -c "import urllib.parse; print(urllib.parse.quote('قاچاقبر می‌گوید راه ایران و ترکیه امن است'))")
base="http://127.0.0.1:$port"

echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); backend $backend; $(date -u +%Y-%m-%d)"
echo
echo "| what (wrk, 2 threads, ${duration}s) | requests/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
for c in 8 64; do
  wrk_row "search in Dari, $c connections" -t2 -c"$c" -d"${duration}s" -H "Cookie: $cookie" "$base/api/v1/kb/search?q=$q&lang=prs"
  wrk_row "help page (Kabul, Dari), $c connections" -t2 -c"$c" -d"${duration}s" "$base/help/$centre"
  wrk_row "help article (Dari), $c connections" -t2 -c"$c" -d"${duration}s" "$base/help/$centre/remittances-safely?lang=prs"
done
echo
echo "help page: $(curl -s "$base/help/$centre" | wc -c) bytes; article: $(curl -s "$base/help/$centre/remittances-safely?lang=prs" | wc -c) bytes; stylesheet: $(curl -s "$base/help.css" | wc -c) bytes; RSS after: $(rss)"
