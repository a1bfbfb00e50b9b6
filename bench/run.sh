#!/usr/bin/env bash
# All benchmarks: the functions (Google Benchmark), then HTTP (wrk): the basics, webhook ingest,
# and inbox reads with a million messages. BACKEND=postgres runs the last two on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
build/dev/bench/serai_bench --benchmark_min_time=0.5
echo
bench/http.sh
echo
bench/webhook.sh
echo
bench/inbox.sh
