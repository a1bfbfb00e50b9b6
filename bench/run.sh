#!/usr/bin/env bash
# All benchmarks: the functions (Google Benchmark), then HTTP (wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
build/dev/bench/serai_bench --benchmark_min_time=0.5
echo
bench/http.sh
echo
bench/webhook.sh
