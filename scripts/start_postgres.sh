#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the tests: Debian's binaries, its own
# data directory, loopback only. Prints the SQLAlchemy URL on the last line.
set -euo pipefail
port="${PGTEST_PORT:-54329}"
dir="${PGTEST_DIR:-/tmp/dashboard-pgtest}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! run "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  run "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || run "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 >"$dir/initdb.log" 2>&1
  run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
