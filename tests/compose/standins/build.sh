#!/usr/bin/env bash
# Builds local stand-ins for the official base images the Dockerfile and compose files name
# (python:3.11-slim, node:20-slim, postgres:16, redis:7, nginx:1.27), for machines that cannot
# reach an image registry. They are made from Debian packages (node: the host's own Node.js)
# and tagged with the official names, so the project's files run unchanged; people with a
# registry pull the real images instead.
#
# usage: build.sh            (an image that already exists is kept; FORCE=1 rebuilds them all)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
base=localhost/tandem-standin/debian:bookworm

exists() { [ -z "${FORCE:-}" ] && podman image exists "$1"; }

if ! exists "$base"; then
  root=$(mktemp -d /tmp/tandem-debian.XXXXXX)
  trap 'rm -rf "$root"' EXIT
  echo "stand-ins: debootstrap bookworm minbase" >&2
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$root.log" 2>&1 \
    || { tail -20 "$root.log" >&2; exit 1; }
  rm -f "$root.log"
  # Outbound TLS may pass an intercepting proxy: the image trusts what the host trusts, also
  # after a package rebuilds the bundle (update-ca-certificates adds local/*.crt to it).
  mkdir -p "$root/etc/ssl/certs" "$root/usr/local/share/ca-certificates"
  cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
  cp -L /etc/ssl/certs/ca-certificates.crt "$root/usr/local/share/ca-certificates/host.crt"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' \
    >"$root/etc/apt/apt.conf.d/90-no-recommends"
  # Package scripts must not start daemons while an image builds.
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" && chmod 755 "$root/usr/sbin/policy-rc.d"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" --numeric-owner -cf - . | podman import -q \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' - "$base" >/dev/null
fi

build() {  # build.sh DIR TAG
  exists "$2" && return 0
  echo "stand-ins: $2" >&2
  podman build -q --format docker --build-arg "BASE=$base" -t "$2" "$here/$1" >/dev/null
}
if ! exists docker.io/library/node:20-slim; then
  # The node stand-in is the host's own Node.js and npm, copied into its build context.
  context=$(mktemp -d /tmp/tandem-node.XXXXXX)
  cp "$here/node/Dockerfile" "$context/"
  cp "$(readlink -f "$(command -v node)")" "$context/node"
  cp -r "$(dirname "$(readlink -f "$(command -v npm)")")/.." "$context/npm"
  echo "stand-ins: docker.io/library/node:20-slim" >&2
  podman build -q --format docker --build-arg "BASE=$base" -t docker.io/library/node:20-slim "$context" >/dev/null
  rm -rf "$context"
fi
build python docker.io/library/python:3.11-slim
build postgres docker.io/library/postgres:16
build redis docker.io/library/redis:7
build nginx docker.io/library/nginx:1.27
