#!/usr/bin/env bash
# Builds the web app into web/dist (skipped when nothing changed) and precompresses it for slow links.
set -euo pipefail
cd "$(dirname "$0")/../web"
[ -f package.json ] || exit 0
stamp=dist/.serai-build
if [ -f "$stamp" ] && [ -z "$(find src index.html package-lock.json vite.config.ts tsconfig.json -newer "$stamp" 2>/dev/null | head -1)" ]; then
  exit 0
fi
npm run --silent build
find dist -type f \( -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' \) \
  -exec gzip -9 -k -f {} \;
touch "$stamp"
