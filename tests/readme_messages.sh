#!/bin/sh
# The messages README.md shows are replygen's real output: each ``` block
# that starts with "$ build/bin/replygen ARGS" is run as written (ARGS as
# a shell reads them, from the source folder, outside the build tree) and
# must print exactly the rest of the block, standard error included.
# Usage: readme_messages.sh SOURCE_DIR REPLYGEN
set -eu
source=$(cd "$1" && pwd)
REPLYGEN=$2
export REPLYGEN
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Block N goes to $work/N.command (the command) and $work/N.expected.
awk -v work="$work" '
  /^```/ { if (!fence) { fence = 1; plain = ($0 == "```"); number++; first = 1 } else { fence = 0; plain = 0 }
           next }
  fence && plain && first { first = 0; if (substr($0, 1, 21) != "$ build/bin/replygen ") { plain = 0; next }
                            print substr($0, 3) > (work "/" number ".command"); next }
  fence && plain { print > (work "/" number ".expected") }
' "$source/README.md"
ran=0
for command in "$work"/*.command; do
  [ -e "$command" ] || break
  number=$(basename "$command" .command)
  line=$(cat "$command")
  # "build/bin/replygen" is where the README's reader built it; here it is $REPLYGEN.
  rest=${line#build/bin/replygen }
  (cd "$source" && eval "\"\$REPLYGEN\" $rest") > "$work/$number.got" 2>&1 || true
  touch "$work/$number.expected"
  if ! cmp -s "$work/$number.expected" "$work/$number.got"; then
    echo "README.md: '$line' prints other than the README shows:" >&2
    diff "$work/$number.expected" "$work/$number.got" >&2 || true
    exit 1
  fi
  echo "ok: $line"
  ran=$((ran + 1))
done
[ "$ran" -gt 0 ] || { echo "readme_messages.sh: README.md shows no replygen output" >&2; exit 1; }
