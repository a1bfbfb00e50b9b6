#!/usr/bin/env bash
# Webhook ingest with wrk: pre-signed WhatsApp webhooks (Bengali text, 1,000 senders, unique message
# ids), each one verified, parsed, sealed and committed before its 200. Single-message webhooks and
# batches of 10 at 64 connections (as fast as they go), then single messages at about 1,000 a
# second (20 connections, each pausing after every answer) for the acknowledgement time at that
# load. BACKEND=sqlite|postgres. Markdown output.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

echo "| webhooks (wrk, 2 threads, ${duration}s, $backend) | webhooks/s | messages/s | p50 | p99 | non-2xx | serai CPU per message | RSS |"
echo "|---|---|---|---|---|---|---|---|"
run=0
for mode in "1 64 0" "10 64 0" "1 20 19"; do
  read -r batch conns pause <<<"$mode"
  run=$((run + 1))
  data="$work/data-$run"
  args=$(db_args "bench_webhook_$run")
  # shellcheck disable=SC2086
  "$bin" demo --data "$data" $args >/dev/null
  count=$(( batch == 1 ? 80000 : 16000 ))
  path=$(node bench/webhook_bodies.mjs "$data/demo-channels.json" "$work/bodies-$run.txt" "$count" "$batch")
  # shellcheck disable=SC2086
  start_serai "$data" $args
  cpu_before=$(cpu_ms)
  out=$(wrk -t2 -c"$conns" -d"${duration}s" --latency -s bench/webhook.lua "http://127.0.0.1:$port" -- \
    "$path" "$work/bodies-$run.txt" 2 "$pause")
  memory=$(rss)
  cpu_used=$(( $(cpu_ms) - cpu_before ))
  stop_serai
  if [ -n "$pgurl" ]; then
    stored=$(psql -tA "${pgurl%/*}/bench_webhook_$run" -c "SELECT COUNT(*) FROM message")
  else
    stored=$(sqlite3 "$data/serai.db" "SELECT COUNT(*) FROM message")
  fi
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  secs=$(awk '/requests in/ {gsub("s,","",$4); print $4}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out"); non2xx=${non2xx:-0}
  label="batches of $batch, $conns connections"; [ "$pause" != 0 ] && label="one message, paced (${pause} ms pause, $conns connections)"
  printf '| %s | %.0f | %.0f (%d stored) | %s | %s | %s | %d µs | %s |\n' "$label" "$rps" \
    "$(awk -v n="$stored" -v s="$secs" 'BEGIN {print n / s}')" "$stored" "$p50" "$p99" "$non2xx" \
    "$(( cpu_used * 1000 / (stored > 0 ? stored : 1) ))" "$memory"
done
