#!/bin/sh
# libreplygen exports what its installed headers declare, and nothing else:
# every symbol `nm -D --defined-only` lists must be declared, at file scope,
# by one of the headers, and every function reply.h marks REPLY_API must be
# exported. The headers themselves are the list: a C file that includes
# them takes each exported symbol's address, which compiles only for a
# declared function or object.
# Usage: exported_symbols.sh LIBRARY CC INCLUDE_DIR 'HEADER;HEADER;...'
# (INCLUDE_DIR holds replygen/reply.h, as the installed include folder does.)
set -eu
library=$1
cc=$2
include_dir=$3
headers=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

nm -D --defined-only "$library" | awk 'NF == 3 { print $3 }' | sort > "$work/exported"
if [ ! -s "$work/exported" ]; then
    echo "FAILED: $library exports nothing"
    exit 1
fi
echo "$library exports $(wc -l < "$work/exported") symbols"

status=0
old_ifs=$IFS
IFS=';'
set -f
for header in $headers; do
    printf '#include "%s"\n' "$header"
done > "$work/check.c"
set +f
IFS=$old_ifs
{
    echo 'void take_each_address(void);'
    echo 'void take_each_address(void)'
    echo '{'
    while read -r symbol; do
        printf '    (void)&%s;\n' "$symbol"
    done < "$work/exported"
    echo '}'
} >> "$work/check.c"
if ! LC_ALL=C "$cc" -std=c11 -Wall -Werror -I"$include_dir" -c "$work/check.c" -o "$work/check.o" 2> "$work/errors"; then
    echo "FAILED: exported by $library but declared in no public header:"
    # gcc: 'name' undeclared; clang: undeclared identifier 'name'.
    grep -o -e "'[A-Za-z_0-9]*' undeclared" -e "undeclared identifier '[A-Za-z_0-9]*'" "$work/errors" \
        | grep -o "'[A-Za-z_0-9]*'" | tr -d "'" | sed 's/^/  /' | sort -u
    grep -q "undeclared" "$work/errors" || cat "$work/errors"
    status=1
fi

# The converse, for the functions reply.h marks for export.
IFS=';'
set -f
for header in $headers; do
    grep -o '^REPLY_API [^(]*(' "$header" || true
done | sed 's/($//; s/.*[ *]//' | sort -u > "$work/marked"
set +f
IFS=$old_ifs
if [ ! -s "$work/marked" ]; then
    echo "FAILED: no header marks a function REPLY_API"
    status=1
fi
missing=$(comm -23 "$work/marked" "$work/exported")
if [ -n "$missing" ]; then
    echo "FAILED: marked REPLY_API but not exported by $library:"
    echo "$missing" | sed 's/^/  /'
    status=1
fi
[ "$status" -eq 0 ] && echo "ok: every exported symbol is declared in a public header, and every REPLY_API function is exported"
exit "$status"
