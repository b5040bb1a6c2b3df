#!/bin/sh
# README.md's walk-through "IANA registered a new code", run as written:
# each ```sh block of that section, from the top of a fresh copy of the
# source tree (outside the build tree, at a path with a space and dots)
# whose build/ is BUILD_DIR, with registry.csv there being IANA's registry
# plus X.7.31 (tests/registry/future_registry.py --addition-only). A
# ```text block right after a ```sh block is what that block must print
# last; places in spec/smtp.yaml (LINE or LINE:COL) are not compared, as
# they move whenever the spec gains a line. Skipped (77) without the
# registry file.
# Usage: walkthrough.sh BUILD_DIR SOURCE_DIR REGISTRY_CSV
set -eu
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
registry=$3
[ -f "$registry" ] || { echo "skipped: no registry file at $registry"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
checkout="$work/a checkout.of replygen"
mkdir "$checkout" "$work/blocks"
for entry in "$source"/* "$source"/.[!.]*; do
  [ -e "$entry" ] || continue
  [ "${entry##*/}" != .git ] || continue
  [ ! -f "$entry/CMakeCache.txt" ] || continue
  cp -R "$entry" "$checkout/"
done
ln -s "$build" "$checkout/build"
python3 "$source/tests/registry/future_registry.py" "$registry" "$checkout/registry.csv" --addition-only

# Block N of the section goes to blocks/N.sh, N.text or N.other.
awk -v dir="$work/blocks" -v section="### IANA registered a new code" \
    -f "$source/tests/support/readme_blocks.awk" "$source/README.md"

places() { sed 's|spec/smtp\.yaml:[0-9][0-9:]*|spec/smtp.yaml:PLACE|g' "$@"; }
ran=0
for block in "$work"/blocks/*.sh; do
  [ -e "$block" ] || continue
  number=${block##*/}
  number=${number%.sh}
  expected=$work/blocks/$(printf '%03d' $((1${number} - 1000 + 1))).text
  echo "== block $number:"
  sed 's/^/   /' "$block"
  (cd "$checkout" && sh -eu "$block") > "$work/stdout"
  cat "$work/stdout"
  if [ -f "$expected" ]; then
    lines=$(wc -l < "$expected")
    tail -n "$lines" "$work/stdout" | places | diff -u "$(places "$expected" > "$work/want"; echo "$work/want")" - ||
      { echo "walkthrough.sh: block $number printed other than README.md says" >&2; exit 1; }
  fi
  ran=$((ran + 1))
done
[ "$ran" -ge 3 ] || { echo "walkthrough.sh: README.md's walk-through has $ran sh blocks, not 3" >&2; exit 1; }
echo "README.md: the $ran command blocks of the walk-through work"
