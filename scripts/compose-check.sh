#!/usr/bin/env bash
# Starts the shipped docker-compose.yml as a user would and proves the stack: compose builds the image from
# the Dockerfile, PostgreSQL and Redis come up healthy, `migrate` applies every migration and exits 0, the
# API answers /api/health/ with the database and the cache up, `seed` (tools profile) loads the demo data
# that the API then serves, the worker is healthy and completes a job enqueued with `jobs run`, the API and
# the worker run as non-root and exit 0 on `stop`; then `down -v` removes everything.
#
# Where no image registry is reachable (as here), the images the file names are stood in by local ones
# (scripts/lib/local-images.sh): NODE_IMAGE (the Dockerfile's base, given to `compose build`),
# POSTGRES_IMAGE (Debian's PostgreSQL 15) and REDIS_IMAGE (Debian's Redis 7.0). Set any of them to use
# that image instead (e.g. NODE_IMAGE=node:24-bookworm-slim POSTGRES_IMAGE=postgres:17
# REDIS_IMAGE=redis:7-alpine where a registry is reachable); nothing is made then.
#
# Needs root, docker (Debian's docker.io), `docker compose` or docker-compose (Debian's 1.29), debootstrap.
# The API is published on 127.0.0.1:COMPOSE_CHECK_PORT (default 3150) only; the stack is a compose project
# of its own (mra-compose-check-PID) on its own network, so it does not touch a stack already running.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/local-images.sh

PROJECT=mra-compose-check-$$
export API_PORT=${COMPOSE_CHECK_PORT:-3150}
BASE=http://127.0.0.1:$API_PORT
started=$(date +%s)
step() { echo "== compose [$(($(date +%s) - started)) s]: $*"; }

docker info >/dev/null 2>&1 || { echo "docker is not running (dockerd)"; exit 1; }
if docker compose version >/dev/null 2>&1; then
  compose_cmd=(docker compose)
elif command -v docker-compose >/dev/null; then
  compose_cmd=(docker-compose)
else
  echo "neither docker compose nor docker-compose is installed (Debian: apt-get install docker-compose)"
  exit 1
fi
compose() { "${compose_cmd[@]}" -p "$PROJECT" "$@"; }
container() {
  docker ps -aq --filter "label=com.docker.compose.project=$PROJECT" --filter "label=com.docker.compose.service=$1" | head -1
}
fail() {
  echo "FAILED: $*"
  compose ps || true
  compose logs --tail=30 2>&1 | tail -80 || true
  exit 1
}
cleanup() { compose --profile tools down -v --remove-orphans >/dev/null 2>&1 || true; }
trap cleanup EXIT

local_node_image
[ -n "${POSTGRES_IMAGE:-}" ] || local_postgres_image
[ -n "${REDIS_IMAGE:-}" ] || local_redis_image
export POSTGRES_IMAGE REDIS_IMAGE
JWT_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export JWT_SECRET

step "build with $("${compose_cmd[@]}" version --short 2>/dev/null || "${compose_cmd[@]}" version) (NODE_IMAGE=$NODE_IMAGE)"
build_log=$(mktemp)
# The classic builder: BuildKit would fetch the Dockerfile frontend named in its syntax line.
DOCKER_BUILDKIT=0 COMPOSE_DOCKER_CLI_BUILD=0 compose build --build-arg NODE_IMAGE="$NODE_IMAGE" >"$build_log" 2>&1 \
  || { tail -40 "$build_log"; exit 1; }
rm -f "$build_log"

step "up -d (postgres $POSTGRES_IMAGE, redis $REDIS_IMAGE, migrate, api, worker), API on 127.0.0.1:$API_PORT"
compose up -d 2>&1 | sed 's/^/  /' || fail "compose up"

health=
for _ in $(seq 1 120); do
  health=$(curl -fs "$BASE/api/health/" 2>/dev/null) && break
  sleep 1
done
[ -n "$health" ] || fail "no 200 from /api/health/"
echo "health: $health"
echo "$health" | jq -e '.status == "ok" and .database.status == "up" and .cache.status == "up" and .cache.store == "redis"' \
  >/dev/null || fail "health does not say database and cache (redis) up"

migrate_exit=$(docker inspect -f '{{.State.ExitCode}}' "$(container migrate)")
expected=$(ls libs/core/src/database/migrations/ | grep -cE '^[0-9]+-.*\.ts$')
applied=$(compose exec -T postgres sh -c 'psql -U "$POSTGRES_USER" -d "$POSTGRES_DB" -Atc "SELECT count(*) FROM migrations"')
echo "migrate: exit code $migrate_exit, migrations applied: $applied of $expected"
[ "$migrate_exit" = 0 ] && [ "$applied" = "$expected" ] || fail "migrations"

step "run --rm seed (tools profile)"
compose run --rm seed 2>&1 | grep -E '^Seeded' | sed 's/^/  /' || fail "seed"
movies=$(curl -fs "$BASE/api/movies/" | jq .count)
echo "GET /api/movies/: $movies movies"
[ "${movies:-0}" -gt 0 ] || fail "the API serves no movies after seed"

step "worker"
worker=$(container worker)
for _ in $(seq 1 60); do
  [ "$(docker inspect -f '{{.State.Health.Status}}' "$worker")" = healthy ] && break
  sleep 1
done
echo "worker container health: $(docker inspect -f '{{.State.Health.Status}}' "$worker")"
[ "$(docker inspect -f '{{.State.Health.Status}}' "$worker")" = healthy ] || fail "worker not healthy"
cli() { compose exec -T api node dist/apps/cli/src/main.js "$@"; }
cli jobs run aggregate-drift-check | sed 's/^/  /'
job=
for _ in $(seq 1 60); do
  job=$(cli jobs list --json | jq -c '[.jobs[] | select(.name == "aggregate-drift-check" and .state == "completed")][0] // empty')
  [ -n "$job" ] && break
  sleep 1
done
[ -n "$job" ] || fail "aggregate-drift-check not completed by the worker"
echo "jobs list: $(echo "$job" | jq -c '{name, state, requestedBy, attempts, durationMs, result}')"
[ "$(echo "$job" | jq '.result.movies')" = "$movies" ] || fail "the drift check did not count the seeded movies"
compose logs --no-color worker | grep -o '"msg":"job completed"' | head -1 | sed 's/^/worker log: /' \
  || fail "no job completed line in the worker's log"

for service in api worker; do
  echo "$service runs as: $(compose exec -T "$service" id -un) (uid $(compose exec -T "$service" id -u))"
  [ "$(compose exec -T "$service" id -u)" != 0 ] || fail "$service runs as root"
done

step "stop (SIGTERM)"
api=$(container api)
stop_start=$(date +%s)
compose stop >/dev/null 2>&1
echo "stopped in $(($(date +%s) - stop_start)) s; exit codes: api $(docker inspect -f '{{.State.ExitCode}}' "$api"), worker $(docker inspect -f '{{.State.ExitCode}}' "$worker")"
[ "$(docker inspect -f '{{.State.ExitCode}}' "$api")" = 0 ] || fail "api exit code"
[ "$(docker inspect -f '{{.State.ExitCode}}' "$worker")" = 0 ] || fail "worker exit code"

step "down -v"
cleanup
trap - EXIT
left=$(docker ps -aq --filter "label=com.docker.compose.project=$PROJECT" | wc -l)
volumes=$(docker volume ls -q --filter "label=com.docker.compose.project=$PROJECT" | wc -l)
echo "left behind: $left containers, $volumes volumes"
[ "$left" = 0 ] && [ "$volumes" = 0 ] || fail "down -v left things behind"
echo "compose check: passed in $(($(date +%s) - started)) s"
