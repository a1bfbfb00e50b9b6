#!/usr/bin/env bash
# Webhook ingest with wrk at 64 connections: pre-signed WhatsApp webhooks (Bengali text, 1,000
# senders, unique message ids), each one verified, parsed, sealed and committed before its 200.
# Runs single-message webhooks and batches of 10 (WhatsApp batches under load). Markdown output.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${SERAI_BIN:-build/dev/src/app/serai}
duration=${DURATION:-10}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
work=$(mktemp -d /tmp/serai-webhook-bench.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

echo "| webhooks (wrk, 2 threads, 64 connections, ${duration}s, SQLite) | webhooks/s | messages/s | p50 | p99 | non-2xx | RSS |"
echo "|---|---|---|---|---|---|---|"
for batch in 1 10; do
  data="$work/data-$batch"
  "$bin" demo --data "$data" >/dev/null
  count=$(( batch == 1 ? 80000 : 16000 ))
  path=$(node bench/webhook_bodies.mjs "$data/demo-channels.json" "$work/bodies-$batch.txt" "$count" "$batch")
  "$bin" serve --data "$data" --port "$port" 2>/dev/null >/dev/null & pid=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do sleep 0.02; done
  out=$(wrk -t2 -c64 -d"${duration}s" --latency -s bench/webhook.lua "http://127.0.0.1:$port" -- "$path" "$work/bodies-$batch.txt" 2)
  rss=$(awk '/VmRSS/ {printf "%d MB", $2/1024}' /proc/$pid/status)
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  stored=$(sqlite3 "$data/serai.db" "SELECT COUNT(*) FROM message")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  secs=$(awk '/requests in/ {gsub("s,","",$4); print $4}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out"); non2xx=${non2xx:-0}
  printf '| batches of %d | %.0f | %.0f (%d stored) | %s | %s | %s | %s |\n' "$batch" "$rps" \
    "$(awk -v n="$stored" -v s="$secs" 'BEGIN {print n / s}')" "$stored" "$p50" "$p99" "$non2xx" "$rss"
done
