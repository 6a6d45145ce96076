#!/usr/bin/env bash
# Installs everything Patchwork needs to build and run (and, with --test, to run
# its tests), from Debian's packages and npm only. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build pkg-config git ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libsodium-dev libspdlog-dev libfmt-dev libcli11-dev libkainjow-mustache-dev
  libgtest-dev libgmock-dev
  nodejs
)
if [ "${1:-}" = "--test" ]; then
  # A real PostgreSQL server, a real browser, and the benchmark's load tools.
  packages+=(postgresql chromium libbenchmark-dev nginx wrk procps curl sqlite3)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from another source with npm inside it; Debian's npm only when missing.
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Front-end packages, exactly as package-lock.json records them.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
