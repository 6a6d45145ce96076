#!/usr/bin/env bash
# Runs after every other test: nothing the tests started may still be running,
# no PostgreSQL test server, no Patchwork test server, and no data folder left.
found=$(pgrep -af 'patchwork-pg\.|patchwork[-_]test[._]' || true)
left=$(ls -d /tmp/patchwork-pg.* 2>/dev/null || true)
if [ -n "$found" ] || [ -n "$left" ]; then
  echo "Left behind by the tests:"
  [ -n "$found" ] && echo "$found"
  [ -n "$left" ] && echo "$left"
  exit 1
fi
echo "No test server or PostgreSQL process is left running."
