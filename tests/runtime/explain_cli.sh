#!/bin/sh
# Run smtp-explain as a user would, once per DIR/NAME.args, and compare
# with what lies beside it:
#   NAME.args    its arguments, one per line (spaces and all)
#   NAME.stdin   its standard input (when absent: /dev/null)
#   NAME.out     its standard output, exactly
#   NAME.err     its standard error (when absent: it must be empty)
#   NAME.status  its exit status (when absent: 0)
# The working folder is DIR, so that file operands are named as a user
# names them.
# Usage: explain_cli.sh [--update] SMTP_EXPLAIN DIR
#   --update rewrites .out, .err and .status from what smtp-explain does now.
set -u
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
explain=$1
dir=$2
# Absolute, since each case runs in DIR.
case $explain in /*) ;; *) explain=$(pwd)/$explain ;; esac
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for args in "$dir"/*.args; do
    name=${args%.args}
    case_name=$(basename "$name")
    input=/dev/null
    [ -f "$name.stdin" ] && input=$name.stdin
    # The arguments, one per line, become "$@".
    set --
    while IFS= read -r argument || [ -n "$argument" ]; do
        set -- "$@" "$argument"
    done < "$args"
    (cd "$dir" && "$explain" "$@") < "$input" > "$work/out" 2> "$work/err"
    echo $? > "$work/status"
    if [ "$update" = 1 ]; then
        cp "$work/out" "$name.out"
        if [ -s "$work/err" ]; then cp "$work/err" "$name.err"; else rm -f "$name.err"; fi
        if [ "$(cat "$work/status")" != 0 ]; then cp "$work/status" "$name.status"; else rm -f "$name.status"; fi
    fi
    want_err=/dev/null
    [ -f "$name.err" ] && want_err=$name.err
    want_status=0
    [ -f "$name.status" ] && want_status=$(cat "$name.status")
    if cmp -s "$work/out" "$name.out" && cmp -s "$work/err" "$want_err" \
        && [ "$(cat "$work/status")" = "$want_status" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAILED: $case_name (exit status $(cat "$work/status"), expected $want_status)"
        diff -u "$name.out" "$work/out"
        diff -u "$want_err" "$work/err"
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
