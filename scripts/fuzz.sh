#!/usr/bin/env bash
# Fuzzes the statement parsers (src/io/statements) with libFuzzer, one target a
# parser: csv, card, ofx, camt053. Built by Debian's clang apart from the main
# g++ build, with AddressSanitizer and UndefinedBehaviorSanitizer, in
# build/fuzz/. Each target starts from the sample files in
# tests/samples/statements and keeps what it finds in build/fuzz/corpus/.
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
#     SECONDS each (default 15: the test command's short run, via ctest's
#     fuzz_statements); a longer run, for example an hour each:
#       bash scripts/fuzz.sh 3600
#     or one target overnight:  bash scripts/fuzz.sh 28800 camt053
#
# A crash or a broken promise (an abort in tests/fuzz/statements/fuzz_common.hpp)
# leaves the input as build/fuzz/crash-* and fails. Exits 77 (ctest: skipped)
# when clang is not installed: `bash scripts/install-deps.sh --test` installs it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv card ofx camt053)

if ! command -v clang++ >/dev/null 2>&1; then
  echo "skipped: clang++ is not installed (Debian's clang package; scripts/install-deps.sh --test installs it)"
  exit 77
fi

out=${PATCHWORK_FUZZ_DIR:-build/fuzz}
mkdir -p "$out/obj"
flags=(-std=c++2b -O1 -g -fno-omit-frame-pointer -Isrc $(pkg-config --cflags expat libsodium))
sanitize=(-fsanitize=address,undefined -fno-sanitize-recover=undefined)
sources=(src/io/statements/common.cpp src/io/statements/csv.cpp src/io/statements/mapping.cpp
         src/io/statements/ofx.cpp src/io/statements/camt053.cpp src/io/statements/xml.cpp
         src/io/statements/detect.cpp src/domain/statements/normalise.cpp src/core/date.cpp src/core/text.cpp)

echo "==> Building the fuzz targets with $(clang++ --version | head -1)"
objects=()
for s in "${sources[@]}"; do
  o="$out/obj/$(echo "$s" | tr / _).o"
  objects+=("$o")
  # Rebuilt when the source or any statement header changed.
  if [ ! -f "$o" ] || [ -n "$(find "$s" src/io/statements src/domain/statements src/core -name '*.hpp' -newer "$o" 2>/dev/null | head -1)" ] || [ "$s" -nt "$o" ]; then
    clang++ "${flags[@]}" "${sanitize[@]}" -fsanitize=fuzzer-no-link -c "$s" -o "$o" &
  fi
done
wait
for t in "${targets[@]}"; do
  clang++ "${flags[@]}" "${sanitize[@]}" -fsanitize=fuzzer "tests/fuzz/statements/${t}_fuzz.cpp" "${objects[@]}" \
    $(pkg-config --libs expat libsodium) -lfmt -o "$out/${t}_fuzz"
done

seeds_for() {
  case "$1" in
    csv) echo tests/samples/statements/lloyds.csv tests/samples/statements/comma_decimal.csv ;;
    card) echo tests/samples/statements/prepaid_card.csv ;;
    ofx) echo tests/samples/statements/ofx1_sgml.ofx tests/samples/statements/ofx2.ofx ;;
    camt053) echo tests/samples/statements/camt053_v02.xml tests/samples/statements/camt053_v08.xml ;;
  esac
}

status=0
for t in "${targets[@]}"; do
  mkdir -p "$out/corpus/$t" "$out/seeds/$t"
  cp $(seeds_for "$t") "$out/seeds/$t/"
  echo "==> Fuzzing the $t parser for ${seconds}s"
  if ! (cd "$out" && "./${t}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
          -print_final_stats=1 "corpus/$t" "seeds/$t" 2>"$t.log"); then
    echo "FAILED: the $t parser; the input is in $out/crash-* and the report in $out/$t.log:"
    tail -40 "$out/$t.log"
    status=1
  else
    grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$out/$t.log" | tr '\n' ' '
    echo
  fi
done
exit $status
