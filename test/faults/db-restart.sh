#!/usr/bin/env bash
# Fault test: PostgreSQL restarts under the running API while a bounded load runs (test/faults/load.mjs).
# Requests must fail fast with 503 while it is down and succeed again afterwards, without restarting the API.
#
#   FAULT_PG=private (default)  a throwaway PostgreSQL cluster in a temp dir on port 5439, restarted with
#                               pg_ctl; nothing else on the machine is disturbed.
#   FAULT_PG=system             a dedicated database on the server of DATABASE_URL (127.0.0.1:5432), restarted
#                               with pg_ctlcluster (what CI does; it stops every other client of that server).
# Needs the PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin) and a built API (npm run build).
set -euo pipefail
cd "$(dirname "$0")/../.."

MODE=${FAULT_PG:-private}
PORT=${FAULT_API_PORT:-3917}
WORK=$(mktemp -d /tmp/mra-fault.XXXXXX)
API_PID=""
PG_BIN=/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -V | tail -1)/bin
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  [ -n "$API_PID" ] && kill "$API_PID" 2>/dev/null && wait "$API_PID" 2>/dev/null || true
  if [ "$MODE" = private ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$WORK/data" -m immediate stop >/dev/null 2>&1 || true
  else
    psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

DB=mra_fault_$(date +%s)
if [ "$MODE" = private ]; then
  PG_PORT=5439
  chown postgres "$WORK" 2>/dev/null || true
  as_postgres "$PG_BIN/initdb" -D "$WORK/data" -A trust -U postgres --encoding=UTF8 --locale=C >/dev/null
  PG_OPTS="-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1"
  as_postgres "$PG_BIN/pg_ctl" -D "$WORK/data" -o "$PG_OPTS" -l "$WORK/postgres.log" -w start >/dev/null
  ADMIN_URL=postgres://postgres@127.0.0.1:$PG_PORT/postgres
  restart_postgres() { as_postgres "$PG_BIN/pg_ctl" -D "$WORK/data" -o "$PG_OPTS" -l "$WORK/postgres.log" -m fast -w restart >/dev/null; }
else
  ADMIN_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
  restart_postgres() { pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main restart; }
fi
psql "$ADMIN_URL" -qc "CREATE DATABASE $DB" >/dev/null
export DATABASE_URL=${ADMIN_URL%/*}/$DB

[ -f dist/apps/api/src/main.js ] || npm run build --silent
echo "== fault: API on 127.0.0.1:$PORT against $DATABASE_URL ($MODE PostgreSQL)"
HOST=127.0.0.1 PORT=$PORT NODE_ENV=production LOG_LEVEL=warn \
  JWT_SECRET=$(node -e "console.log(require('crypto').randomBytes(32).toString('hex'))") \
  CACHE_KEY_PREFIX=mra-fault-$DB REQUEST_TIMEOUT_MS=5000 DATABASE_CONNECT_TIMEOUT_MS=1000 \
  RATE_LIMIT_ANONYMOUS=1000000 RATE_LIMIT_SIGNUP=1000000 AUTO_BLOCK_CLIENT_ERRORS=0 \
  node dist/apps/api/src/main.js >"$WORK/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$PORT/api/health/" >/dev/null 2>&1 && break
  kill -0 "$API_PID" 2>/dev/null || { cat "$WORK/api.log"; exit 1; }
  sleep 0.5
done

BASE_URL=http://127.0.0.1:$PORT FAULT_SECONDS=12 REQUEST_TIMEOUT_MS=5000 node test/faults/load.mjs &
LOAD_PID=$!
sleep 3
echo "== fault: restarting PostgreSQL"
restart_postgres
echo "== fault: PostgreSQL is back"
status=0
wait "$LOAD_PID" || status=$?
kill -0 "$API_PID" 2>/dev/null || { echo "the API died"; cat "$WORK/api.log"; exit 1; }
if [ "$status" != 0 ]; then tail -50 "$WORK/api.log"; fi
exit "$status"
