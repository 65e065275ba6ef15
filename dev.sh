#!/usr/bin/env bash
# The two quick-start commands (see README.md). Needs JDK 17 and Maven; run as root on Debian 12
# so missing Ceph packages can be installed.
#   ./dev.sh demo   build, start a local one-node Ceph and the plugins, walk through a smoke test
#   ./dev.sh test   build and run every test, integration tests on a real local Ceph included
set -euo pipefail
cd "$(dirname "$0")"

build() {
  mvn -B -q -DskipTests package
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
    mvn -B verify
    ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
