#!/bin/sh
# The spec hash of the generated header: replygen --spec-hash SPEC prints
# the first 16 hex digits of sha256sum SPEC; a file that checks
# SMTP_REPLIES_SPEC_HASH against that value (by #if, and by
# SMTP_REPLIES_ASSERT_SPEC_HASH) compiles as C99, C11 and C++ with gcc and
# clang under -Werror, with the header and with the single header; against
# another value it does not compile.
# Usage: spec_hash.sh REPLYGEN SPEC
set -u
replygen=$1
spec=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAILED: $*"; status=1; }

hash=$("$replygen" --spec-hash "$spec") || { echo "FAILED: replygen --spec-hash"; exit 1; }
expected=0x$(sha256sum "$spec" | cut -c1-16)
[ "$hash" = "$expected" ] || fail "--spec-hash printed $hash, sha256sum gives $expected"
"$replygen" --only smtp_replies.h --only smtp_replies_single.h "$spec" -o "$work/out" -q || exit 1

for header in smtp_replies.h smtp_replies_single.h; do
    for value in "$hash" 0x0123456789abcdef; do
        cat > "$work/check.c" <<EOF2
#include "$header"
#if SMTP_REPLIES_SPEC_HASH != $value
#error "smtp_replies: not generated from the expected spec"
#endif
EOF2
        printf '#include "%s"\nSMTP_REPLIES_ASSERT_SPEC_HASH(%s);\nint main(void) { return 0; }\n' \
            "$header" "$value" > "$work/assert.c"
        for compiler in "gcc -std=c99" "gcc -std=c11" "clang -std=c99" "g++ -x c++ -std=c++11" "clang++ -x c++ -std=c++17"; do
            for file in check.c assert.c; do
                if $compiler -Wall -Wextra -Wpedantic -Werror -I"$work/out" -c "$work/$file" -o "$work/out.o" \
                    2> "$work/errors"; then
                    [ "$value" = "$hash" ] || fail "$compiler $file with $header accepted the wrong hash $value"
                else
                    [ "$value" != "$hash" ] || { fail "$compiler $file with $header:"; cat "$work/errors"; }
                    # The error names what does not match.
                    grep -q -e 'not generated from the expected spec' -e "spec_hash_is_not_$value" "$work/errors" \
                        || { fail "$compiler $file: the error does not say why:"; cat "$work/errors"; }
                fi
            done
        done
    done
done
[ "$status" -eq 0 ] && echo "ok: $hash checked with the right and a wrong value"
exit $status
