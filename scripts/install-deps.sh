#!/usr/bin/env bash
# Installs everything Serai needs to build, run and test on Debian 12, idempotently.
# Debian packages through apt-get (sudo only when not root); web packages through npm ci.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev
  libsqlite3-dev sqlite3 libpq-dev postgresql postgresql-contrib
  libsodium-dev libicu-dev libphonenumber-dev libmagic-dev libxapian-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libssl-dev libcurl4-openssl-dev nlohmann-json3-dev libspdlog-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev clang-14 libclang-rt-14-dev
  wrk curl chromium fonts-noto-core fonts-dejavu-core
)
# Node.js may come from another Debian-format source (with npm bundled); only add Debian's when absent.
command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing Debian packages: ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Web dependencies: only when the lock file changed since the last install.
if [ -f web/package-lock.json ]; then
  stamp=web/node_modules/.serai-lock
  if [ ! -f "$stamp" ] || ! cmp -s web/package-lock.json "$stamp"; then
    # npm ci would be stricter, but it rejects lock files written without the optional
    # platform packages of rollup; npm install --no-save still installs the locked versions.
    (cd web && npm install --no-save --no-audit --no-fund --loglevel=error)
    cp web/package-lock.json "$stamp"
  fi
fi
