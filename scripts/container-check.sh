#!/usr/bin/env bash
# Builds the image from the shipped Dockerfile and proves it against this machine's PostgreSQL and Redis:
# it runs as non-root, applies the migrations, answers /api/health/ and stops cleanly on SIGTERM.
#
# Where no image registry is reachable (as here), NODE_IMAGE is made locally and stands in for the
# official node:24-bookworm-slim: a Debian bookworm root file system (debootstrap --variant=minbase),
# the official Node binary from the npm registry (.ci/install-node.sh), the machine's npm, a `node`
# user (uid 1000) like the official image's, and an npm cache filled outside the build with this
# lockfile's packages, used offline, because npm inside `docker build` cannot reach the registry here.
# With NODE_IMAGE set (e.g. node:24-bookworm-slim where a registry is reachable) nothing is made.
#
# Needs root, docker (Debian's docker.io) and debootstrap. The container uses the host network and
# only 127.0.0.1. Env: DATABASE_URL (admin URL of the server, default postgres://postgres@127.0.0.1:5432/postgres),
# REDIS_URL (default redis://127.0.0.1:6379), CHECK_PORT (default 3140).
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=movie-recommendation-api:check
PORT=${CHECK_PORT:-3140}
ADMIN_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
ADMIN_URL=${ADMIN_URL%/*}/postgres
REDIS=${REDIS_URL:-redis://127.0.0.1:6379}
DB=mra_container_$(date +%s)
NAME=mra-container-check-$$
CACHE=${MRA_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/movie-recommendation-api}
step() { echo "== container: $*"; }
fail() { echo "FAILED: $*"; docker logs "$NAME" 2>&1 | tail -30 || true; exit 1; }

cleanup() {
  docker rm -f "$NAME" >/dev/null 2>&1 || true
  psql "$ADMIN_URL" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
}
trap cleanup EXIT

docker info >/dev/null 2>&1 || { echo "docker is not running (dockerd)"; exit 1; }

if [ -z "${NODE_IMAGE:-}" ]; then
  node_bin="$(bash .ci/install-node.sh)/node"
  node_version=$("$node_bin" --version)
  lock_hash=$(sha256sum package-lock.json | cut -c1-12)
  NODE_IMAGE=mra-local/node:${node_version#v}-bookworm-slim-$lock_hash
  if ! docker image inspect "$NODE_IMAGE" >/dev/null 2>&1; then
    rootfs_tar="$CACHE/debian-bookworm-minbase.tar"
    if [ ! -f "$rootfs_tar" ]; then
      step "debootstrap: Debian bookworm (minbase) root file system"
      work=$(mktemp -d)
      debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 \
        || { tail -20 "$work/debootstrap.log"; exit 1; }
      rm -rf "$work/rootfs/var/cache/apt/archives"/*.deb "$work/rootfs/var/lib/apt/lists"/*
      mkdir -p "$CACHE"
      tar -C "$work/rootfs" -cf "$rootfs_tar.partial" . && mv "$rootfs_tar.partial" "$rootfs_tar"
      rm -rf "$work"
    fi
    step "base image $NODE_IMAGE: Node $node_version, npm $(npm --version), user node, offline npm cache"
    work=$(mktemp -d)
    mkdir -p "$work/rootfs"
    tar -C "$work/rootfs" -xf "$rootfs_tar"
    install -m 755 "$node_bin" "$work/rootfs/usr/local/bin/node"
    mkdir -p "$work/rootfs/usr/local/lib/node_modules"
    # This machine's npm (the folder its npm-cli.js is in).
    cp -a "$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")" "$work/rootfs/usr/local/lib/node_modules/npm"
    ln -s ../lib/node_modules/npm/bin/npm-cli.js "$work/rootfs/usr/local/bin/npm"
    ln -s ../lib/node_modules/npm/bin/npx-cli.js "$work/rootfs/usr/local/bin/npx"
    chroot "$work/rootfs" sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
    # The lockfile's packages, fetched here (outside any build), for `npm ci` in the build to use offline.
    mkdir -p "$work/deps"
    cp package.json package-lock.json "$work/deps/"
    (cd "$work/deps" && npm ci --ignore-scripts --no-audit --no-fund --cache "$work/rootfs/root/.npm" >/dev/null)
    printf 'offline=true\nupdate-notifier=false\n' >"$work/rootfs/root/.npmrc"
    tar -C "$work/rootfs" -c . | docker import \
      -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' -c 'CMD ["node"]' \
      - "$NODE_IMAGE" >/dev/null
    rm -rf "$work"
  fi
fi

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
