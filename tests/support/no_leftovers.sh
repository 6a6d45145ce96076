#!/usr/bin/env bash
# Runs after every other test: nothing the tests started may still be running,
# no PostgreSQL test server, no Patchwork test server, and no data folder this
# run made (the folders are listed in $PATCHWORK_PG_REGISTRY as they are made).
found=$(pgrep -af 'patchwork-pg\.|patchwork[-_]test[._]' || true)
left=""
if [ -n "${PATCHWORK_PG_REGISTRY:-}" ] && [ -f "$PATCHWORK_PG_REGISTRY" ]; then
  while read -r dir; do
    [ -n "$dir" ] && [ -e "$dir" ] && left+="$dir"$'\n'
  done < "$PATCHWORK_PG_REGISTRY"
fi
if [ -n "$found" ] || [ -n "$left" ]; then
  echo "Left behind by the tests:"
  [ -n "$found" ] && echo "$found"
  [ -n "$left" ] && printf '%s' "$left"
  exit 1
fi
echo "No test server or PostgreSQL process is left running, and no test data folder is left."
