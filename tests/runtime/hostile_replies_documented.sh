#!/bin/sh
# docs/hostile-inputs.md's "Hostile replies" table and
# tests/runtime/test_hostile_replies.c stay in sync: every test of the file
# has a row named after it, every row names a test of the file, and the
# first `quoted` part of a row's input column is written in the file as
# it is (a C string literal or call), so the test feeds what the row says.
# Usage: hostile_replies_documented.sh DOCS_FILE TEST_FILE
set -u
docs=$1
tests=$2
failed=0
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
# The table: the rows of the section, between its heading and the next.
sed -n '/^## Hostile replies$/,/^## /p' "$docs" | grep '^| `test_' > "$rows"
if [ ! -s "$rows" ]; then
    echo "$docs: no \"## Hostile replies\" table with rows naming tests"
    exit 1
fi
while IFS= read -r row; do
    name=$(printf '%s\n' "$row" | cut -d'`' -f2)
    input=$(printf '%s\n' "$row" | cut -d'|' -f3 | cut -d'`' -f2)
    if ! grep -q "^static void $name(void \*\*state)$" "$tests"; then
        echo "$docs: row $name: no such test in $tests"
        failed=1
    elif [ -z "$input" ] || ! grep -qF -- "$input" "$tests"; then
        echo "$docs: row $name: its input \`$input\` is not written in $tests"
        failed=1
    fi
done < "$rows"
names=$(sed -n 's/^static void \(test_[A-Za-z0-9_]*\)(void \*\*state)$/\1/p' "$tests")
while IFS= read -r name; do
    if ! grep -q "^| \`$name\` |" "$rows"; then
        echo "$docs: the \"Hostile replies\" table has no row for $name ($tests)"
        failed=1
    fi
done <<EOF_NAMES
$names
EOF_NAMES
[ "$failed" = 0 ] && echo "every hostile reply test has its row, every row its test and input"
exit "$failed"
