#!/usr/bin/env bash
# All benchmarks: the functions (Google Benchmark), then HTTP (wrk): the basics, webhook ingest,
# inbox reads with a million messages, and the knowledge base's search and help pages. BACKEND=postgres runs the last two on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
build/dev/bench/serai_bench --benchmark_min_time=0.5
echo
bench/http.sh
echo
bench/webhook.sh
echo
bench/inbox.sh
echo
bench/kb.sh
