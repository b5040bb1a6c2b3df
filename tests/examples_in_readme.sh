#!/bin/sh
# The commands that README.md's "Using replygen from other projects" shows
# are run by the examples tests: each line of its ```sh blocks must be a
# line of an examples/*/README.md, whose commands examples.sh runs.
# Usage: examples_in_readme.sh SOURCE_DIR
set -eu
source=$(cd "$1" && pwd)
commands=$(awk '
  /^## / { inside = ($0 == "## Using replygen from other projects") }
  inside && /^```/ { block = !block && $0 == "```sh"; next }
  inside && block && NF
' "$source/README.md")
[ -n "$commands" ] || { echo "examples_in_readme.sh: no commands in the section" >&2; exit 1; }
echo "$commands" | while IFS= read -r line; do
  if cat "$source"/examples/*/README.md | grep -Fxq -- "$line"; then
    echo "ok: $line"
  else
    echo "README.md: '$line' is in no examples/*/README.md, so no test runs it" >&2
    exit 1
  fi
done
