#!/bin/sh
# Two templates whose names render to one output file name (issue 14,
# item 12): replygen must refuse them, naming both, and write nothing,
# rather than let the last one silently win.
# Usage: two_templates_one_output.sh REPLYGEN SPEC   (SPEC's prefix: toy)
set -eu
replygen=$1
spec=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/templates"
printf 'one\n' > "$work/templates/{{prefix}}.txt.mustache"
printf 'two\n' > "$work/templates/toy.txt.mustache"
status=0
"$replygen" -t "$work/templates" "$spec" -o "$work/out" 2> "$work/err" || status=$?
expected="{{prefix}}.txt.mustache: error: gives the file name 'toy.txt', as toy.txt.mustache does: two templates cannot write one file"
if [ "$status" -ne 1 ] || [ "$(cat "$work/err")" != "$expected" ]; then
    echo "expected exit 1 and: $expected"
    echo "got exit $status and: $(cat "$work/err")"
    exit 1
fi
if [ -e "$work/out" ]; then
    echo "the output folder was made: $(ls -A "$work/out")"
    exit 1
fi
echo "ok: $expected"
