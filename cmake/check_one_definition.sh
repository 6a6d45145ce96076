#!/usr/bin/env bash
# Fails the build when two of Patchwork's static libraries define the same
# function. The linker does not say so itself: it takes a member of an archive
# only to resolve a symbol still missing, so when two repositories each define
# `storage::statement_lines_between(...)` (C++ names do not include the return
# type) the first one found wins silently and the other's callers get the
# wrong type back, which crashes at run time. Weak symbols (inline functions,
# templates) may repeat; strong ones (T, D, B) may not.
set -euo pipefail
duplicates=$(for lib in "$@"; do nm --defined-only --extern-only "$lib" 2>/dev/null | awk '$2 ~ /^[TDB]$/ {print $3}'; done | sort | uniq -d)
if [ -n "$duplicates" ]; then
  echo "These are defined more than once across Patchwork's libraries (rename one of each):" >&2
  echo "$duplicates" | c++filt | sed 's/^/  /' >&2
  exit 1
fi
