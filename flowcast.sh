#!/usr/bin/env bash
# Flowcast's one entry point for a fresh Debian 12 machine (root or sudo):
#   ./flowcast.sh start   install what is missing, build, open the flagship sample in the GUI
#                         (without a display: print its headless validation report instead)
#   ./flowcast.sh test    install what is missing, build, run every test (and the core tests
#                         again under AddressSanitizer + UBSan)
#   ./flowcast.sh build   install what is missing and build only
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the build and the tests need; the README says why each library is here.
PACKAGES=(build-essential cmake ninja-build pkg-config git
          qt6-base-dev libgl-dev libqcustomplot-dev nlohmann-json3-dev libeigen3-dev libfyaml-dev libssl-dev qt6-svg-dev libgraphviz-dev libqscintilla2-qt6-dev libmimalloc-dev)
FLAGSHIP=samples/data-lake-etl/data-lake-etl.asl.json
JOBS=$(nproc 2>/dev/null || echo 2)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_missing() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    log "installing ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
    log "configuring and building (build/default)"
    cmake --preset default >/dev/null
    cmake --build --preset default -j "$JOBS"
}

has_display() { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }

start() {
    install_missing
    build
    if has_display; then
        log "starting Flowcast on $FLAGSHIP"
        exec build/default/app/flowcast "$FLAGSHIP"
    fi
    log "no display (DISPLAY and WAYLAND_DISPLAY are unset): headless report for $FLAGSHIP"
    build/default/app/flowcast-cli validate --summary "$FLAGSHIP"
}

run_tests() {
    install_missing
    build
    log "running the test suite"
    ctest --preset default -j "$JOBS"
    log "building and running the core tests under AddressSanitizer + UBSan (build/asan)"
    cmake --preset asan >/dev/null
    cmake --build --preset asan -j "$JOBS"
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset asan -j "$JOBS"
}

case "${1:-}" in
    start) start ;;
    test) run_tests ;;
    build) install_missing; build ;;
    *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
