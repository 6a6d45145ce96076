#!/usr/bin/env bash
# Installs everything Patchwork needs to build and run (and, with --test, to run
# its tests), from Debian's packages and npm only. Safe to run again.
#
# Every step says what it is doing first, so a slow network never looks like a
# hang. On a terminal apt shows its own progress too; in a log (CI, a pipe) its
# per-package lines are kept short.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build pkg-config git ca-certificates
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libsodium-dev libexpat1-dev libspdlog-dev libfmt-dev libcli11-dev libkainjow-mustache-dev
  libgtest-dev libgmock-dev
  nodejs
)
if [ "${1:-}" = "--test" ]; then
  # A real PostgreSQL server, a real browser, the benchmark's load tools, and
  # clang for the statement parsers' fuzz targets; libFuzzer itself is in libclang-rt-14-dev, which
  # clang only recommends (and recommends are not installed here).
  packages+=(postgresql chromium libbenchmark-dev nginx wrk procps curl sqlite3 clang libclang-rt-14-dev)
fi

step() { echo "==> $*"; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from another source with npm inside it; Debian's npm only when missing.
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  if [ -t 1 ]; then
    # apt's own progress: the download lines and the "Progress: [ 40%]" bar.
    apt_quiet=()
    apt_options=(-o Dpkg::Progress-Fancy=1)
  else
    apt_quiet=(-q)
    apt_options=(-o Dpkg::Use-Pty=0)
  fi
  step "Installing from Debian: ${missing[*]} (and what they need)"
  step "Updating the package lists (apt-get update)"
  apt-get update "${apt_quiet[@]}"
  step "Downloading the packages; on a slow network this is the longest step"
  apt-get install -y "${apt_quiet[@]}" "${apt_options[@]}" --no-install-recommends --download-only "${missing[@]}"
  step "Unpacking and setting them up"
  apt-get install -y "${apt_quiet[@]}" "${apt_options[@]}" --no-install-recommends "${missing[@]}"
  step "Debian packages installed"
fi

# Front-end packages, exactly as package-lock.json records them.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "Installing the front-end packages (npm ci: GOV.UK Frontend, Sass, Playwright's client)"
  npm ci --no-audit --no-fund --loglevel=error
fi
