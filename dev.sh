#!/usr/bin/env bash
# The two quick-start commands (see README.md). Needs a JDK 25 (JAVA_HOME, else the first under
# /usr/lib/jvm) and Maven; run as root on Debian 12 so missing Ceph packages can be installed.
#   ./dev.sh demo   build, start a local one-node Ceph and the plugins, walk through a smoke test
#   ./dev.sh test   build and run every test, integration tests on a real local Ceph included:
#                   first on the host's Ceph 16, then again on the Ceph of each Debian suite in
#                   CEPH_SUITES (default: forky's 20), the daemons from a root of that suite made
#                   once under STRATA_CEPH_ROOTS (default /var/tmp)
set -euo pipefail
cd "$(dirname "$0")"

JAVA_HOME=$(bin/java-home)
export JAVA_HOME

build() {
  mvn -B -q -DskipTests package
}

# apt-get installs a Debian package when its program is missing.
need() {
  command -v "$1" >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$2"
}

# Runs a test leg and says how long it took.
leg() {
  local name="$1" start=$SECONDS
  shift
  "$@"
  echo "dev.sh: $name took $((SECONDS - start)) s"
}

# The integration tests again, the cluster's daemons from a root of Debian suite $1.
test_release() {
  local root="${STRATA_CEPH_ROOTS:-/var/tmp}/strata-ceph-$1"
  if [ ! -x "$root/usr/bin/ceph-mon" ]; then
    rm -rf "$root" # a root whose making was cut off
    deploy/image/build --image ceph --suite "$1" --rootfs "$root"
  fi
  mvn -B verify -DskipUTs -Dstrata.it.cephRoot="$root"
}

case "${1:-}" in
  demo)
    build
    bin/strata local packages --install
    bin/strata local up --dir "${STRATA_LOCAL_DIR:-strata-local}"
    bin/strata local smoke --dir "${STRATA_LOCAL_DIR:-strata-local}"
    echo "Stop it with: bin/strata local down --dir ${STRATA_LOCAL_DIR:-strata-local}"
    ;;
  test)
    build
    bin/strata local packages --install
    leg "the host's Ceph leg" mvn -B verify
    need debootstrap debootstrap
    need bwrap bubblewrap
    for suite in ${CEPH_SUITES-forky}; do
      leg "the $suite Ceph leg" test_release "$suite"
    done
    ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
