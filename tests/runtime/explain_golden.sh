#!/bin/sh
# Run smtp-explain on every DIR/NAME.in and compare with what lies beside it:
#   NAME.json         smtp-explain --json            < NAME.in
#   NAME.strict.json  smtp-explain --json --strict   < NAME.in
#   NAME.txt          smtp-explain                   < NAME.in  (standard output)
#   NAME.txt.err      its standard error; when absent, it must be empty
# A JSON output whose last line is an error object, or a text run with an
# error on standard error, must come with exit status 1, any other with 0.
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

check() {  # check INPUT-FILE EXPECTED-FILE OPTIONS...
    input=$1 expected=$2; shift 2
    [ -f "$expected" ] || return 0
    "$explain" "$@" < "$input" > "$work/out" 2> "$work/err"
    status=$?
    want_status=0
    : > "$work/want_err"
    case "$expected" in
        *.json) tail -n 1 "$work/out" | grep -q '^{"error": ' && want_status=1 ;;
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
done
echo "$passed passed, $failed failed"
# No case found (a wrong DIR) is a failure too.
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
