#!/bin/sh
# Compile the generated header and source, and the single header a project
# vendors, as C99, C11 and C++ with gcc and clang under the strictest
# warnings, as a project that uses them would: once with the
# implementation in one file, once private (PREFIX_REPLIES_STATIC) to each
# of two files that use only some of its functions.
# Usage: compile_generated.sh DIR PREFIX
set -eu
dir=$1
prefix=$2
upper=$(echo "$prefix" | tr '[:lower:]' '[:upper:]')
flags="-Wall -Wextra -Wpedantic -Werror"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The single header: one file with the implementation, one without, linked.
printf '#define %s_REPLIES_IMPLEMENTATION\n#include "%s_replies_single.h"\n' "$upper" "$prefix" > "$work/impl.c"
printf '#include "%s_replies_single.h"\nint main(void) { return %s_reply_lookup(%s_replies[0].code) ? 0 : 1; }\n' \
    "$prefix" "$prefix" "$prefix" > "$work/use.c"
printf '#define %s_REPLIES_STATIC
#include "%s_replies_single.h"
int first_code(void);
int first_code(void) { return %s_replies[0].code; }
' \
    "$upper" "$prefix" "$prefix" > "$work/static_table.c"
printf '#define %s_REPLIES_STATIC
#include "%s_replies_single.h"
int first_code(void);
int main(void) { return %s_reply_lookup(first_code()) ? 0 : 1; }
' \
    "$upper" "$prefix" "$prefix" > "$work/static_use.c"

status=0
check() {
    if "$@" 2>"$work/errors"; then
        echo "ok: $*"
    else
        echo "FAILED: $*"; cat "$work/errors"; status=1
    fi
}
for cc in gcc clang; do
    command -v "$cc" >/dev/null || { echo "missing compiler: $cc (apt-get install -y $cc)"; exit 1; }
    for std in c99 c11; do
        check "$cc" -std=$std $flags -c "$dir/${prefix}_replies.c" -o "$work/out.o"
        check "$cc" -std=$std $flags -I"$dir" "$work/impl.c" "$work/use.c" -o "$work/single"
        check "$work/single"
        check "$cc" -std=$std $flags -I"$dir" "$work/static_table.c" "$work/static_use.c" -o "$work/static"
        check "$work/static"
    done
done
for cxx in g++ clang++; do
    command -v "$cxx" >/dev/null || { echo "missing compiler: $cxx (apt-get install -y $cxx)"; exit 1; }
    for std in c++11 c++17; do
        check "$cxx" -x c++ -std=$std $flags -c "$dir/${prefix}_replies.c" -o "$work/out.o"
        check "$cxx" -x c++ -std=$std $flags -I"$dir" "$work/impl.c" "$work/use.c" -o "$work/single"
        check "$work/single"
        check "$cxx" -x c++ -std=$std $flags -I"$dir" "$work/static_table.c" "$work/static_use.c" -o "$work/static"
        check "$work/static"
    done
done
exit $status
