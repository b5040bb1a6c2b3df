#!/bin/sh
# smtp-explain needs nothing of the runtime's internals: its sources compile
# with the public include folder and the generated headers alone, as they
# would against an installed replygen.
# Usage: explain_public_headers.sh CC TOOL_DIR INCLUDE_DIR...
set -eu
cc=$1
tool_dir=$2
shift 2
folders="$*"
# "$@" becomes the -I options, one per folder, spaces and all.
for dir in "$@"; do
    set -- "$@" "-I$dir"
    shift
done
status=0
for source in "$tool_dir"/*.c; do
    if "$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -DREPLYGEN_VERSION='"test"' \
        "$@" "$source"; then
        echo "ok: $source"
    else
        echo "FAILED: $source does not compile with only $folders on the include path"
        status=1
    fi
done
exit "$status"
