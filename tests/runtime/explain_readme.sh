#!/bin/sh
# The commands README.md's "### smtp-explain" section shows, run as
# written (read from the README, not retyped), from outside the build
# tree as a user would: in a fresh folder where build/ is the build tree
# and tests/ and docs/ are the sources'. Each "$ COMMAND" line of a ```
# block runs with sh; what it prints (standard output and error) must be
# the lines that follow it, up to the next "$ " line or the block's end.
# Usage: explain_readme.sh SOURCE_DIR BUILD_DIR
set -u
source=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/user" "$work/cases"
ln -s "$build" "$work/user/build"
ln -s "$source/tests" "$work/user/tests"
ln -s "$source/docs" "$work/user/docs"

# cases/N.command and cases/N.expected for the N-th command.
awk -v dir="$work/cases" '
  /^#+ / { inside = ($0 == "### smtp-explain") }
  inside && /^```/ { block = !block; out = ""; next }
  inside && block && /^\$ / {
    n++
    print substr($0, 3) > (dir "/" n ".command")
    out = dir "/" n ".expected"
    printf "" > out
    next
  }
  inside && block && out != "" { print > out }
' "$source/README.md"

count=$(ls "$work/cases" | grep -c '\.command$')
[ "$count" -gt 0 ] || { echo "explain_readme.sh: no commands in README.md's smtp-explain section"; exit 1; }
failed=0
n=1
while [ "$n" -le "$count" ]; do
    command=$(cat "$work/cases/$n.command")
    (cd "$work/user" && sh -c "$command") > "$work/out" 2>&1
    if cmp -s "$work/out" "$work/cases/$n.expected"; then
        printf 'ok: %s\n' "$command"
    else
        printf 'FAILED: README.md shows other output for: %s\n' "$command"
        diff -u "$work/cases/$n.expected" "$work/out"
        failed=1
    fi
    n=$((n + 1))
done
exit "$failed"
