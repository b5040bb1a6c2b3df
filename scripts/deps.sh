# deps.sh: make sure the Debian packages the build and the tests need are
# installed. Sourced by scripts/build and scripts/test. Installs what is
# missing when it can (root, or sudo without a password); otherwise stops
# with the exact command to run.

# Packages for building replygen and running its core tests.
REPLYGEN_BUILD_PACKAGES="cmake make gcc g++ clang pkg-config libyaml-dev libcmocka-dev"
# And for the whole test suite: real SMTP servers, the sanitizer runtime,
# man page and HTML checkers, a headless browser.
REPLYGEN_TEST_PACKAGES="$REPLYGEN_BUILD_PACKAGES python3 python3-aiosmtpd exim4-daemon-light libclang-rt-14-dev valgrind
    mandoc groff man-db tidy chromium fonts-dejavu-core"

missing_packages() {
    for package in "$@"; do
        status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)
        [ "$status" = "install ok installed" ] || printf '%s ' "$package"
    done
}

ensure_packages() {
    missing=$(missing_packages "$@")
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" = 0 ]; then
        as_root=""
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        as_root="sudo"
    else
        echo "Missing Debian packages. Install them with:" >&2
        echo "  sudo apt-get install -y $missing" >&2
        exit 1
    fi
    echo "Installing: $missing"
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086
    $as_root apt-get install -y -q $missing </dev/null >/dev/null ||
        { $as_root apt-get update -q </dev/null >/dev/null &&
          $as_root apt-get install -y -q $missing </dev/null >/dev/null; } ||
        { echo "apt-get failed; run: sudo apt-get install -y $missing" >&2; exit 1; }
}
