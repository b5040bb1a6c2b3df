#!/bin/sh
# Use replygen as other projects do: install it into a temporary prefix,
# build the example project against the installed package (find_package,
# replygen_generate), build a runtime user with pkg-config, and build the
# vendored single-header example with a plain cc command.
# Usage: examples.sh BUILD_DIR SOURCE_DIR
# CC and CFLAGS pick the compiler and extra flags (the sanitizer build
# passes its own, since the installed library is then instrumented).
set -eu
cc=${CC:-cc}
cflags=${CFLAGS:-}
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

echo "== install into $prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null

echo "== examples/toy-protocol against the installed package"
cmake -S "$source/examples/toy-protocol" -B "$work/toy" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/toy" >/dev/null
"$work/toy/toy"

echo "== examples/runtime with pkg-config, linked to the shared libreplygen"
flags=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags --libs replygen)
echo "pkg-config --cflags --libs replygen: $flags"
# shellcheck disable=SC2086
"$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror $cflags "$source/examples/runtime/main.c" $flags -o "$work/reply"
LD_LIBRARY_PATH=$prefix/lib "$work/reply" "550 5.1.1 User unknown"

echo "== examples/vendored with a plain cc command"
"$cc" -std=c99 -Wall -Wextra -Wpedantic -Werror $cflags "$source/examples/vendored/main.c" -o "$work/vendored"
"$work/vendored" 550
echo "== the vendored copy matches spec/smtp.yaml"
"$prefix/bin/replygen" --check --only smtp_replies_single.h "$source/spec/smtp.yaml" -o "$source/examples/vendored"
echo "all examples work"
