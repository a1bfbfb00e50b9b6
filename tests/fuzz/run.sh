#!/usr/bin/env bash
# Builds the decoder fuzz target with clang's libFuzzer (plus ASan and UBSan) and runs it briefly
# from the seed corpus. FUZZ_SECONDS sets the run time (default 30).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=build/fuzz; mkdir -p "$out" "$out/corpus"
cxx="clang++-14"
command -v ccache >/dev/null && cxx="ccache clang++-14"
sources=(tests/fuzz/decoders_fuzz.cc src/api/decoders.cc src/domain/auth/access.cc
         src/domain/channels/webhook.cc src/crypto/crypto.cc src/common/ids.cc
         src/common/status.cc src/common/json.cc)
if [ ! -x "$out/decoders_fuzz" ] || [ -n "$(find "${sources[@]}" src/api/decoders.h src/common/json.h -newer "$out/decoders_fuzz" | head -1)" ]; then
  $cxx -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -Isrc "${sources[@]}" -lsodium -lcrypto -o "$out/decoders_fuzz"
fi
"$out/decoders_fuzz" -max_total_time="${FUZZ_SECONDS:-30}" -max_len=65536 -rss_limit_mb=2048 \
  -print_final_stats=1 "$out/corpus" tests/fuzz/corpus
