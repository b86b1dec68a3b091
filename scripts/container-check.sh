#!/usr/bin/env bash
# Builds the image from the shipped Dockerfile and proves it against this machine's PostgreSQL and Redis:
# it runs as non-root, applies the migrations, answers /api/health/ and stops cleanly on SIGTERM.
#
# Where no image registry is reachable (as here), NODE_IMAGE is made locally and stands in for the
# official node:24-bookworm-slim (scripts/lib/local-images.sh: Debian bookworm by debootstrap, the
# official Node binary, an offline npm cache of this lockfile's packages). With NODE_IMAGE set (e.g.
# node:24-bookworm-slim where a registry is reachable) nothing is made.
#
# Needs root, docker (Debian's docker.io) and debootstrap. The container uses the host network and
# only 127.0.0.1. Env: DATABASE_URL (admin URL of the server, default postgres://postgres@127.0.0.1:5432/postgres),
# REDIS_URL (default redis://127.0.0.1:6379), CHECK_PORT (default 3140).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/local-images.sh

IMAGE=movie-recommendation-api:check
PORT=${CHECK_PORT:-3140}
ADMIN_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
ADMIN_URL=${ADMIN_URL%/*}/postgres
REDIS=${REDIS_URL:-redis://127.0.0.1:6379}
DB=mra_container_$(date +%s)
NAME=mra-container-check-$$
step() { echo "== container: $*"; }
fail() { echo "FAILED: $*"; docker logs "$NAME" 2>&1 | tail -30 || true; exit 1; }

cleanup() {
  docker rm -f "$NAME" >/dev/null 2>&1 || true
  psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

docker info >/dev/null 2>&1 || { echo "docker is not running (dockerd)"; exit 1; }

local_node_image

step "build $IMAGE from the Dockerfile (NODE_IMAGE=$NODE_IMAGE)"
build_start=$(date +%s)
# The classic builder: BuildKit would fetch the Dockerfile frontend named in its syntax line.
build_log=$(mktemp)
DOCKER_BUILDKIT=0 docker build --build-arg NODE_IMAGE="$NODE_IMAGE" -t "$IMAGE" . >"$build_log" 2>&1 \
  || { tail -40 "$build_log"; exit 1; }
rm -f "$build_log"
echo "built in $(($(date +%s) - build_start)) s, $(docker image inspect "$IMAGE" --format '{{.Size}}' | awk '{printf "%d MB", $1/1e6}')"

step "run against PostgreSQL ($ADMIN_URL -> $DB) and Redis ($REDIS), host network, 127.0.0.1:$PORT"
psql "$ADMIN_URL" -qc "CREATE DATABASE $DB" >/dev/null
docker run -d --name "$NAME" --network host \
  -e DATABASE_URL="${ADMIN_URL%/*}/$DB" -e REDIS_URL="$REDIS" -e CACHE_KEY_PREFIX="mra-container-$DB" \
  -e JWT_SECRET="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" -e HOST=127.0.0.1 -e PORT="$PORT" \
  "$IMAGE" >/dev/null
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/api/health/" >/dev/null 2>&1 && break
  [ "$(docker inspect -f '{{.State.Running}}' "$NAME")" = true ] || fail "the container exited"
  sleep 0.5
done
health=$(curl -fs "http://127.0.0.1:$PORT/api/health/") || fail "no answer on /api/health/"
echo "health: $health"
echo "$health" | grep -q '"status":"ok"' || fail "health is not ok"

uid=$(docker exec "$NAME" id -u)
echo "process user: $(docker exec "$NAME" id -un) (uid $uid), image USER $(docker image inspect "$IMAGE" --format '{{.Config.User}}')"
[ "$uid" != 0 ] || fail "runs as root"

expected=$(ls libs/core/src/database/migrations/ | grep -cE '^[0-9]+-.*\.ts$')
applied=$(psql "${ADMIN_URL%/*}/$DB" -Atc "SELECT count(*) FROM migrations")
echo "migrations applied: $applied of $expected"
[ "$applied" = "$expected" ] || fail "migrations: $applied applied, $expected in the code"

curl -fs "http://127.0.0.1:$PORT/api/movies/" >/dev/null || fail "GET /api/movies/ failed"

step "SIGTERM"
stop_start=$(date +%s)
docker kill --signal TERM "$NAME" >/dev/null
docker wait "$NAME" >/dev/null
exit_code=$(docker inspect -f '{{.State.ExitCode}}' "$NAME")
echo "exit code $exit_code after $(($(date +%s) - stop_start)) s"
docker logs "$NAME" 2>&1 | grep -o '"msg":"SIGTERM received[^"]*"' || fail "no shutdown line in the log"
[ "$exit_code" = 0 ] || fail "exit code $exit_code"

echo "container check: passed"
