#!/usr/bin/env bash
# Starts a throwaway PostgreSQL and Redis on free loopback ports under DIR and prints the
# LUCAS_TEST_* variables to export. `ops/testenv.sh stop DIR` stops them.
set -euo pipefail
action=${1:-start}
dir=$(realpath -m "${2:-.testenv}")
pgbin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "$action" = stop ]; then
  [ -f "$dir/pg/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$dir/pg" -m immediate stop >/dev/null 2>&1 || true
  [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
  exit 0
fi

mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then chown postgres "$dir" 2>/dev/null || true; chmod 755 "$dir"; fi
pg_port=$(free_port)
if [ ! -d "$dir/pg" ]; then
  as_pg "$pgbin/initdb" -D "$dir/pg" -U lucas --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
fi
as_pg "$pgbin/pg_ctl" -D "$dir/pg" -l "$dir/pg.log" -w \
  -o "-p $pg_port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null
redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --dir "$dir"
for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
echo "export LUCAS_TEST_PG_DSN=postgresql://lucas@127.0.0.1:$pg_port/postgres"
echo "export LUCAS_TEST_REDIS_URL=redis://127.0.0.1:$redis_port/0"
