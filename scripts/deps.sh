# deps.sh: make sure the Debian packages the build and the tests need are
# installed. Sourced, under set -eu, by scripts/build, scripts/test,
# scripts/valgrind, scripts/fuzz, bench/run and .ci/run. Installs what is
# missing when it can (root, or sudo without a password), running apt-get
# update first when apt does not know a package; otherwise, or when apt
# fails, stops with apt's own message and the exact command to run.
# tests/scripts/missing_packages.sh plays a bare machine against it.

# Packages for building replygen and running its core tests.
REPLYGEN_BUILD_PACKAGES="cmake make gcc g++ clang pkg-config libyaml-dev libcmocka-dev"
# And for the whole test suite: real SMTP servers, the sanitizer runtime,
# man page and HTML checkers, a headless browser, the C layout checker.
# shellcheck disable=SC2034 # for the scripts that source this file
REPLYGEN_TEST_PACKAGES="$REPLYGEN_BUILD_PACKAGES python3 python3-aiosmtpd exim4-daemon-light libclang-rt-14-dev valgrind
    mandoc groff man-db tidy chromium fonts-dejavu-core clang-format"

# Print the packages given that are not installed, space-separated. For a
# package it has never heard of dpkg-query exits 1: missing too, and not a
# reason for set -e to end the script.
missing_packages() {
    for package in "$@"; do
        status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null) || status=""
        case $status in
            "install ok installed"*) ;;
            *) printf '%s ' "$package" ;;
        esac
    done
}

# apt-get ARGUMENTS... as root, without questions; its output (both streams)
# goes to standard output for the caller to keep.
apt_as_root() {
    # shellcheck disable=SC2086 # as_root is empty or "sudo"
    $as_root env DEBIAN_FRONTEND=noninteractive apt-get "$@" </dev/null 2>&1
}

ensure_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        echo "deps.sh: no dpkg-query, so not a Debian system: make sure these (Debian names) are installed: $*" >&2
        return 0
    fi
    missing=$(missing_packages "$@")
    missing=${missing% }
    [ -n "$missing" ] || return 0
    if [ "$(id -u)" = 0 ]; then
        as_root=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        as_root="sudo"
    else
        echo "Missing Debian packages: $missing" >&2
        echo "Install them (as root) with:" >&2
        echo "  sudo apt-get install -y $missing" >&2
        exit 1
    fi
    echo "Installing the missing Debian packages: $missing"
    # shellcheck disable=SC2086 # one argument per package
    apt_output=$(apt_as_root install -y -q $missing) && return 0
    # Not in apt's lists (a fresh machine has none) or the lists are stale:
    # update them, then try once more.
    if printf '%s\n' "$apt_output" |
        grep -q -e 'Unable to locate package' -e 'has no installation candidate' -e 'Failed to fetch'; then
        echo "apt does not know every package: running apt-get update first"
        # shellcheck disable=SC2086
        apt_output=$(apt_as_root update -q) &&
            apt_output=$(apt_as_root install -y -q $missing) && return 0
    fi
    echo "apt-get failed; its last words:" >&2
    printf '%s\n' "$apt_output" | tail -n 40 | sed 's/^/  /' >&2
    echo "Once that is fixed, install them with:" >&2
    echo "  ${as_root:+$as_root }apt-get install -y $missing" >&2
    exit 1
}
