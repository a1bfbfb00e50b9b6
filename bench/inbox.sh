#!/usr/bin/env bash
# Inbox reads with a large inbox: a demo centre's WhatsApp webhook takes MESSAGES (default
# 1,000,000) messages from 50,000 people (bench/seed_inbox.mjs, batches of 50: itself an ingest
# figure), then wrk reads as a signed-in counsellor: the conversation list (newest 50; every read
# audited), one queue of it, searches (a name; two common words), one conversation's messages, and
# the queues overview.
# BACKEND=sqlite|postgres. Markdown output.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
messages=${MESSAGES:-1000000}

data="$work/data"
args=$(db_args bench_inbox)
# shellcheck disable=SC2086
"$bin" demo --data "$data" $args >/dev/null
# shellcheck disable=SC2086
start_serai "$data" $args
seeded=$(node bench/seed_inbox.mjs "$data/demo-channels.json" "http://127.0.0.1:$port" "$messages" 50 50000 16)
echo "Seeded ($backend): $seeded; RSS after seeding $(rss)"
echo
cookie=$(sign_in "$data" counsellor.kabul@example.org)
centre=$(python3 -c "import json; print([c['id'] for c in json.load(open('$data/demo-users.json'))['centres'] if c['key']=='kabul'][0])")
api="http://127.0.0.1:$port/api/v1/centres/$centre"
conversation=$(curl -sf -H "Cookie: $cookie" "$api/conversations?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')

echo "| inbox read ($messages messages, $backend; wrk 2 threads, ${duration}s) | requests/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
for conns in 64 8; do
  wrk_row "conversation list, newest 50, $conns connections" -t2 -c"$conns" -d"${duration}s" -H "Cookie: $cookie" "$api/conversations?limit=50"
done
wrk_row "Dari queue, newest 50, 8 connections" -t2 -c8 -d"${duration}s" -H "Cookie: $cookie" "$api/conversations?limit=50&language=prs"
wrk_row "search a name (\"person 4242\"), 8 connections" -t2 -c8 -d"${duration}s" -H "Cookie: $cookie" "$api/conversations?limit=50&q=person%204242"
wrk_row "search two common words (\"belarus minsk\"), 8 connections" -t2 -c8 -d"${duration}s" -H "Cookie: $cookie" "$api/conversations?limit=50&q=belarus%20minsk"
wrk_row "one conversation's messages, 8 connections" -t2 -c8 -d"${duration}s" -H "Cookie: $cookie" "$api/conversations/$conversation/messages"
wrk_row "queues overview, 8 connections" -t2 -c8 -d"${duration}s" -H "Cookie: $cookie" "$api/inbox/queues"
echo
echo "RSS after the reads: $(rss)"
