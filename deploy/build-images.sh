#!/usr/bin/env bash
# Builds the coordinator and worker images from coordinator/Dockerfile and worker/Dockerfile with
# buildah, on a machine that reaches no registry of container images (no Docker Hub): the
# Dockerfiles' official base images (maven:3.9-eclipse-temurin-17, eclipse-temurin:17-jre) are
# replaced through their BUILD_IMAGE and BASE_IMAGE build arguments by two local Debian images
# made here with debootstrap from the Debian mirror this machine's apt uses:
#
#   localhost/sweep-base:SUITE-jre17        Debian minbase + openjdk-17-jre-headless (the runtime)
#   localhost/sweep-build-base:SUITE-jdk17  the same + openjdk-17-jdk-headless and maven (the build)
#
# The Maven build inside the image reads this machine's ~/.m2/repository through an overlay
# mount (offline, nothing written back to it), so nothing is downloaded when it is complete.
# Where Docker and Docker Hub are at hand, none of this is needed: docs/deployment.md.
#
# usage: deploy/build-images.sh [--rebuild-base] [--only coordinator|worker]
# needs: root, apt-get install -y podman buildah debootstrap (and runc: deploy/run-smoke.sh)
# env:   DEBIAN_SUITE, DEBIAN_MIRROR (default: this machine's apt sources), SWEEP_IMAGE_TAG
#        (default latest), BUILDAH_ISOLATION (default chroot; oci needs a container runtime that
#        works here), SWEEP_IMAGES_WORK (default deploy/.build: the rootfs, kept out of git)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${SWEEP_IMAGES_WORK:-$ROOT/deploy/.build}"
TAG="${SWEEP_IMAGE_TAG:-latest}"
ISOLATION="${BUILDAH_ISOLATION:-chroot}"
M2_REPO="${M2_REPO:-$HOME/.m2/repository}"

die() { echo "build-images: $*" >&2; exit 1; }
say() { echo "build-images: $*" >&2; }

rebuild_base=0
only=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rebuild-base) rebuild_base=1 ;;
    --only) only="${2:?--only needs coordinator or worker}"; shift ;;
    *) die "unknown option $1 (usage: deploy/build-images.sh [--rebuild-base] [--only coordinator|worker])" ;;
  esac
  shift
done

for tool in podman buildah debootstrap; do
  command -v "$tool" >/dev/null || die "$tool not found: apt-get install -y podman buildah debootstrap"
done
[[ $(id -u) -eq 0 ]] || die "run as root (debootstrap and the chroot isolation need it)"

# The Debian release and mirror this machine's apt uses (deb822 .sources or a one-line sources.list)
suite="${DEBIAN_SUITE:-$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")}"
mirror="${DEBIAN_MIRROR:-}"
if [[ -z "$mirror" ]]; then
  mirror="$(grep -hs '^URIs:' /etc/apt/sources.list.d/debian.sources | awk '{print $2}' | grep -v security | head -1 || true)"
  [[ -n "$mirror" ]] || mirror="$(grep -hs '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v security | head -1 || true)"
  [[ -n "$mirror" ]] || mirror="http://deb.debian.org/debian"
fi
BASE_IMAGE="localhost/sweep-base:$suite-jre17"
BUILD_IMAGE="localhost/sweep-build-base:$suite-jdk17"

have_image() { podman image exists "$1"; }

# The runtime base: a minbase Debian with the JRE, imported as an image.
make_base() {
  local rootfs="$WORK/rootfs-$suite"
  say "debootstrap $suite from $mirror into $rootfs (a few minutes)"
  rm -rf "$rootfs"
  mkdir -p "$WORK"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates "$suite" "$rootfs" "$mirror" \
    > "$WORK/debootstrap.log" 2>&1 || die "debootstrap failed; see $WORK/debootstrap.log"
  # what an image does not need: the downloaded .debs and package lists (apt-get update brings
  # them back), documentation but the copyright files, man pages, translations (about 55 MB).
  # Files only: the folders stay, since maintainer scripts expect them (update-alternatives
  # links man pages into /usr/share/man/man1, and fails where the folder is gone).
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/tmp/*
  find "$rootfs"/usr/share/man "$rootfs"/usr/share/locale "$rootfs"/usr/share/info ! -type d -delete
  find "$rootfs"/usr/share/doc ! -type d ! -name copyright -delete
  tar -C "$rootfs" --numeric-owner -c . | podman import --change 'CMD ["/bin/bash"]' \
    --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
  say "made $BASE_IMAGE"
}

# The build base: the runtime base plus a JDK and Maven, from the same mirror.
make_build_base() {
  say "building $BUILD_IMAGE (apt-get inside the image, from $mirror)"
  buildah bud --isolation "$ISOLATION" --network host --build-arg BASE_IMAGE="$BASE_IMAGE" \
    -f "$ROOT/deploy/build-base.Containerfile" -t "$BUILD_IMAGE" "$ROOT/deploy" >&2
}

if [[ $rebuild_base -eq 1 ]] || ! have_image "$BASE_IMAGE"; then
  make_base
  rebuild_base=1
fi
if [[ $rebuild_base -eq 1 ]] || ! have_image "$BUILD_IMAGE"; then
  make_build_base
fi

# The Maven repository for the build inside the image: this machine's, overlay-mounted (the
# build's writes are thrown away) and offline when it is there, else Maven Central through the
# host's network.
mvn_args=(--network host)
if [[ -d "$M2_REPO" ]]; then
  mvn_args+=(--volume "$M2_REPO:/root/.m2/repository:O" --build-arg MVN_FLAGS=-o)
fi

build() { # NAME: localhost/sweep-NAME:TAG from NAME/Dockerfile
  local name="$1"
  say "building localhost/sweep-$name:$TAG from $name/Dockerfile"
  local start=$SECONDS
  buildah bud --isolation "$ISOLATION" --layers \
    --build-arg BUILD_IMAGE="$BUILD_IMAGE" --build-arg BASE_IMAGE="$BASE_IMAGE" "${mvn_args[@]}" \
    -f "$ROOT/$name/Dockerfile" -t "localhost/sweep-$name:$TAG" "$ROOT" >&2
  say "built localhost/sweep-$name:$TAG in $((SECONDS - start)) s"
}

[[ -z "$only" || "$only" == coordinator ]] && build coordinator
[[ -z "$only" || "$only" == worker ]] && build worker
podman image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}' | grep -E 'localhost/sweep-' >&2
