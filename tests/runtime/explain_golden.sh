#!/bin/sh
# Run smtp-explain on every DIR/NAME.in and compare with what lies beside it:
#   NAME.json         smtp-explain --json            < NAME.in
#   NAME.strict.json  smtp-explain --json --strict   < NAME.in
#   NAME.txt          smtp-explain                   < NAME.in  (standard output)
#   NAME.txt.err      its standard error; when absent, it must be empty
# A JSON output with an error object (smtp-explain reports each error and
# goes on), or a text run with an error on standard error, must come with
# exit status 1, any other with 0.
# The JSON cases run twice: once with NAME.in in one piece, once written a
# byte at a time (with a pause, so that smtp-explain reads it in many
# pieces): the output must not depend on how the bytes arrive, the line
# and column of an error included.
# Usage: explain_golden.sh [--update] SMTP_EXPLAIN DIR
#   --update rewrites the expected files from what smtp-explain prints now.
set -u
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
explain=$1
dir=$2
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Write file $1 to standard output a byte at a time.
trickle() {
    python3 -c 'import os, sys, time
data = open(sys.argv[1], "rb").read()
for i in range(len(data)):
    os.write(1, data[i:i + 1])
    time.sleep(0.0002)' "$1"
}

check() {  # check INPUT-FILE EXPECTED-FILE OPTIONS...
    input=$1 expected=$2; shift 2
    [ -f "$expected" ] || return 0
    if [ "${trickled:-0}" = 1 ]; then
        trickle "$input" | "$explain" "$@" > "$work/out" 2> "$work/err"
    else
        "$explain" "$@" < "$input" > "$work/out" 2> "$work/err"
    fi
    status=$?
    want_status=0
    : > "$work/want_err"
    case "$expected" in
        *.json) grep -q '^{"error": ' "$work/out" && want_status=1 ;;
        *.txt)
            if [ -f "$expected.err" ]; then
                if [ "$update" = 1 ]; then cp "$work/err" "$expected.err"; fi
                cp "$expected.err" "$work/want_err"
                [ -s "$expected.err" ] && want_status=1
            fi ;;
    esac
    if [ "$update" = 1 ]; then cp "$work/out" "$expected"; fi
    if cmp -s "$work/out" "$expected" && cmp -s "$work/err" "$work/want_err" && [ "$status" = "$want_status" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAILED: $(basename "$expected") (exit status $status, expected $want_status)"
        diff -u "$expected" "$work/out"
        diff -u "$work/want_err" "$work/err"
    fi
}

for input in "$dir"/*.in; do
    name=${input%.in}
    check "$input" "$name.json" --json
    check "$input" "$name.strict.json" --json --strict
    check "$input" "$name.txt"
    if [ "$update" = 0 ]; then
        trickled=1
        check "$input" "$name.json" --json
        check "$input" "$name.strict.json" --json --strict
        trickled=0
    fi
done
echo "$passed passed, $failed failed"
# No case found (a wrong DIR) is a failure too.
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
