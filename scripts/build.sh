#!/usr/bin/env bash
# Configures and builds Patchwork into build/.
#
#   build.sh                          everything: the program, the tests, the benchmarks
#   build.sh TARGET...                only these targets (scripts/start.sh builds `patchwork`)
#   build.sh --warnings-as-errors     a compiler warning fails the build (scripts/test.sh);
#                                     the setting is kept in build/ until changed
set -euo pipefail
cd "$(dirname "$0")/.."
configure=(-DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}")
targets=()
names=()
for arg in "$@"; do
  case "$arg" in
    --warnings-as-errors) configure+=(-DPATCHWORK_WERROR=ON) ;;
    -*) echo "build.sh: unknown option $arg" >&2; exit 2 ;;
    *) targets+=(--target "$arg"); names+=("$arg") ;;
  esac
done
echo "==> Configuring the build (cmake)"
cmake -S . -B build -G Ninja "${configure[@]}" >/dev/null
echo "==> Building ${names[*]:-everything} (the first build takes several minutes; later ones only what changed)"
cmake --build build --parallel "$(nproc)" "${targets[@]}"
