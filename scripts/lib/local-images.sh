# Sourced by scripts/container-check.sh and scripts/compose-check.sh: makes, where no image registry is
# reachable (as here), local stand-ins for the official images that the Dockerfile and docker-compose.yml
# name, from a Debian bookworm root file system (debootstrap --variant=minbase, cached as a tar) and
# Debian's or the npm registry's packages. Each image is made once and kept (docker image inspect).
# Needs root, docker and debootstrap. Expects `set -euo pipefail` and the repository root as cwd.

LOCAL_IMAGES_CACHE=${MRA_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/movie-recommendation-api}
LOCAL_IMAGES_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

local_images_step() { echo "== images: $*"; }

# Prints the path of the cached bookworm minbase root file system tar, made first if missing.
local_bookworm_rootfs() {
  local tar="$LOCAL_IMAGES_CACHE/debian-bookworm-minbase.tar" work
  if [ ! -f "$tar" ]; then
    local_images_step "debootstrap: Debian bookworm (minbase) root file system" >&2
    work=$(mktemp -d)
    debootstrap --variant=minbase bookworm "$work/rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 \
      || { tail -20 "$work/debootstrap.log" >&2; return 1; }
    rm -rf "$work/rootfs/var/cache/apt/archives"/*.deb "$work/rootfs/var/lib/apt/lists"/*
    mkdir -p "$LOCAL_IMAGES_CACHE"
    tar -C "$work/rootfs" -cf "$tar.partial" . && mv "$tar.partial" "$tar"
    rm -rf "$work"
  fi
  echo "$tar"
}

# Prints the path of a new folder with the bookworm root file system unpacked in its rootfs/.
local_unpacked_rootfs() {
  local rootfs_tar work
  rootfs_tar=$(local_bookworm_rootfs) || return 1
  work=$(mktemp -d)
  mkdir -p "$work/rootfs"
  tar -C "$work/rootfs" -xf "$rootfs_tar" || return 1
  echo "$work"
}

# Sets NODE_IMAGE, the Dockerfile's base, unless it is set already (e.g. node:24-bookworm-slim where a
# registry is reachable): the official Node binary from the npm registry (.ci/install-node.sh), this
# machine's npm, a `node` user (uid 1000) like the official image's, and an npm cache filled outside the
# build with this lockfile's packages, used offline, because npm inside `docker build` cannot reach the
# registry here. Keyed by the Node version and the lockfile.
local_node_image() {
  [ -z "${NODE_IMAGE:-}" ] || return 0
  local node_bin node_version lock_hash work
  node_bin="$(bash .ci/install-node.sh)/node"
  node_version=$("$node_bin" --version)
  lock_hash=$(sha256sum package-lock.json | cut -c1-12)
  NODE_IMAGE=mra-local/node:${node_version#v}-bookworm-slim-$lock_hash
  docker image inspect "$NODE_IMAGE" >/dev/null 2>&1 && return 0
  local_images_step "base image $NODE_IMAGE: Node $node_version, npm $(npm --version), user node, offline npm cache"
  work=$(local_unpacked_rootfs)
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
}

# local_debian_image TAG "PACKAGES" SETUP ENTRYPOINT [docker import -c CHANGE ...]: the bookworm root file
# system with Debian's PACKAGES installed (no services started, no recommends), the file ENTRYPOINT (if not
# empty) as /usr/local/bin/docker-entrypoint.sh, then the shell commands SETUP run in it.
local_debian_image() {
  local tag=$1 packages=$2 setup=$3 entrypoint=$4 work change
  shift 4
  docker image inspect "$tag" >/dev/null 2>&1 && return 0
  local_images_step "$tag: Debian bookworm with $packages"
  work=$(local_unpacked_rootfs)
  cp /etc/resolv.conf "$work/rootfs/etc/resolv.conf"
  printf '#!/bin/sh\nexit 101\n' >"$work/rootfs/usr/sbin/policy-rc.d" && chmod 755 "$work/rootfs/usr/sbin/policy-rc.d"
  [ -z "$entrypoint" ] || install -m 755 "$entrypoint" "$work/rootfs/usr/local/bin/docker-entrypoint.sh"
  mount -t proc proc "$work/rootfs/proc"
  if ! chroot "$work/rootfs" sh -ec "export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq && apt-get install -y -qq --no-install-recommends $packages
      $setup" >"$work/install.log" 2>&1; then
    umount "$work/rootfs/proc"
    tail -20 "$work/install.log"
    rm -rf "$work"
    return 1
  fi
  umount "$work/rootfs/proc"
  rm -rf "$work/rootfs/usr/sbin/policy-rc.d" "$work/rootfs/var/cache/apt/archives"/*.deb "$work/rootfs/var/lib/apt/lists"/*
  : >"$work/rootfs/etc/resolv.conf"
  local args=(-c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin')
  for change in "$@"; do args+=(-c "$change"); done
  tar -C "$work/rootfs" -c . | docker import "${args[@]}" - "$tag" >/dev/null
  rm -rf "$work"
}

# Stand-ins for the official postgres and redis images that docker-compose.yml names (overridable there as
# POSTGRES_IMAGE / REDIS_IMAGE): Debian bookworm's PostgreSQL 15 and Redis 7.0. The PostgreSQL one
# follows the official image's contract that compose relies on: POSTGRES_USER / POSTGRES_PASSWORD /
# POSTGRES_DB create the role and database on first start, data in /var/lib/postgresql/data, password
# logins over the network, pg_isready on PATH.
local_postgres_image() {
  POSTGRES_IMAGE=mra-local/postgres:15-bookworm
  local_debian_image "$POSTGRES_IMAGE" postgresql-15 \
    'pg_dropcluster 15 main 2>/dev/null || true  # made by the package, on whatever port was free
     install -d -o postgres -g postgres -m 700 /var/lib/postgresql/data
     install -d -o postgres -g postgres /run/postgresql' \
    "$LOCAL_IMAGES_DIR/postgres-entrypoint.sh" \
    'ENV PGDATA=/var/lib/postgresql/data' 'USER postgres' 'EXPOSE 5432' \
    'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["postgres"]'
}

local_redis_image() {
  REDIS_IMAGE=mra-local/redis:7-bookworm
  local_debian_image "$REDIS_IMAGE" redis-server 'install -d -o redis -g redis /data' "" \
    'USER redis' 'WORKDIR /data' 'EXPOSE 6379' 'CMD ["redis-server", "--bind", "0.0.0.0", "--protected-mode", "no"]'
}
