#!/bin/sh
# Entry point of the local PostgreSQL stand-in (scripts/lib/local-images.sh), after the official image's:
# on first start, a cluster in $PGDATA whose superuser is POSTGRES_USER (password POSTGRES_PASSWORD) with
# the database POSTGRES_DB, reachable over the network with that password; then the server in the foreground.
set -eu
bin=$(ls -d /usr/lib/postgresql/*/bin | tail -1)
user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  [ -n "${POSTGRES_PASSWORD:-}" ] || { echo 'POSTGRES_PASSWORD is not set' >&2; exit 1; }
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  "$bin/initdb" -D "$PGDATA" -U "$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
  if [ "$db" != postgres ]; then
    "$bin/postgres" --single -D "$PGDATA" postgres <<SQL >/dev/null
CREATE DATABASE "$db" OWNER "$user";
SQL
  fi
  echo "initialised $PGDATA: role $user, database $db"
fi
[ "$1" = postgres ] && shift && exec "$bin/postgres" -D "$PGDATA" "$@"
exec "$@"
