#!/bin/sh
# check_readme_outputs.sh BUILD_DIR SOURCE_DIR: README.md's "Using the
# generator" shows `--list-outputs` and what it prints, and says how many
# files `replygen SPEC -o DIR` writes; run the command as written (from a
# folder where build/ is BUILD_DIR and spec/ the source's) and compare both.
set -eu
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
readme=$source/README.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$build" "$work/build"
ln -s "$source/spec" "$work/spec"

section=$(awk '/^## / { inside = ($0 == "## Using the generator") } inside' "$readme")
command=$(printf '%s\n' "$section" | grep -x 'build/bin/replygen --list-outputs spec/smtp.yaml')
expected=$(printf '%s\n' "$section" | awk '
  /^```sh$/ { sh = 1; next }
  sh && /^```$/ { sh = 0; after_list = last ~ /--list-outputs/; next }
  sh { last = $0; next }
  after_list && /^```text$/ { text = 1; next }
  text && /^```$/ { exit }
  text { print }
  /^```/ { after_list = 0 }')
count=$(printf '%s\n' "$section" | sed -n 's|^build/bin/replygen spec/smtp.yaml -o out/ *# writes the \([0-9]*\) files below$|\1|p')
[ -n "$command" ] && [ -n "$expected" ] && [ -n "$count" ] ||
    { echo "README.md: no --list-outputs block with its output, or no '# writes the N files below'" >&2; exit 1; }
printed=$(cd "$work" && sh -eu -c "$command")
if [ "$printed" != "$expected" ]; then
    echo "README.md shows other files than '$command' prints:"
    printf '%s\n' "$expected" > "$work/expected"
    printf '%s\n' "$printed" | diff -u "$work/expected" - || true
    exit 1
fi
lines=$(printf '%s\n' "$printed" | wc -l)
[ "$lines" -eq "$count" ] || { echo "README.md says it writes $count files; --list-outputs names $lines"; exit 1; }
echo "README.md: $count files, as '$command' prints them"
