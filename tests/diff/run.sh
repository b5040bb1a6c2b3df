#!/bin/sh
# replygen diff on every case of tests/baseline/: NAME.yaml against
# NAME.old.yaml, or base.yaml when there is none, run from that folder as
# a reviewer would, must print exactly tests/diff/NAME.txt (standard output
# and error together) and, where tests/diff/NAME.md exists, exactly that
# with --format=markdown. Exit status 1 when the expected output holds an
# error, else 0.
# Usage: run.sh REPLYGEN BASELINE_DIR DIFF_DIR
set -u
replygen=$1
baseline_dir=$2
diff_dir=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
cases=0
check() { # NAME FORMAT_OPTION EXPECTED_FILE
    expected_status=0
    grep -q ': error: ' "$3" && expected_status=1
    (cd "$baseline_dir" && "$replygen" diff $2 "$old" "$1.yaml") > "$work/got" 2>&1
    status=$?
    if [ "$status" -ne "$expected_status" ] || ! cmp -s "$3" "$work/got"; then
        echo "FAILED: $1 $2 (exit $status, expected $expected_status):"
        diff -u "$3" "$work/got"
        failed=1
    fi
    cases=$((cases + 1))
}
for spec in "$baseline_dir"/*.yaml; do
    name=$(basename "$spec" .yaml)
    case $name in base | *.old) continue ;; esac
    old=base.yaml
    [ -f "$baseline_dir/$name.old.yaml" ] && old=$name.old.yaml
    if [ ! -f "$diff_dir/$name.txt" ]; then
        echo "FAILED: $diff_dir/$name.txt is missing"
        failed=1
        continue
    fi
    check "$name" --format=text "$diff_dir/$name.txt"
    [ -f "$diff_dir/$name.md" ] && check "$name" --format=markdown "$diff_dir/$name.md"
done
echo "$cases diff reports compared"
[ "$cases" -gt 0 ] || failed=1
exit $failed
