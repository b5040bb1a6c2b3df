#!/bin/sh
# Every C file of the project follows .clang-format (clang-format 14, as
# Debian 12 ships it; other versions lay some lines out differently).
# Generated files are left out: the vendored single header and the fuzz
# corpus are the generator's output, not code people write.
# Usage: check_format.sh SOURCE_DIR
set -eu
cd "$1"
if ! command -v clang-format >/dev/null; then
    echo "check_format: clang-format is missing; install it with: apt-get install clang-format" >&2
    exit 1
fi
list=$(mktemp)
trap 'rm -f "$list"' EXIT
find gen runtime include tools tests fuzz bench examples -name '*.[ch]' \
    ! -path 'examples/vendored/smtp_replies_single.h' ! -path 'fuzz/corpus/*' \
    ! -path 'tests/hostile/specs/*' >"$list"
tr '\n' '\0' <"$list" | xargs -0 clang-format --dry-run --Werror
echo "check_format: $(wc -l <"$list") files follow .clang-format"
