#!/bin/sh
# replygen_generate() takes the names of the files from replygen
# --list-outputs, and asks again when the spec changes or a template comes:
# a project built against BUILD_DIR's package gets a new template's file,
# and the new names after a change of prefix, from `cmake --build` alone.
# Usage: generate_outputs.sh BUILD_DIR SOURCE_DIR
set -eu
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
project=$work/project
mkdir -p "$project/templates"
cp "$source/tests/golden/minimal.yaml" "$project/spec.yaml"
printf '/* {{prefix}} */\n' > "$project/templates/{{prefix}}_names.h.mustache"
printf 'int main(void) { return 0; }\n' > "$project/main.c"
cat > "$project/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(outputs LANGUAGES C)
find_package(replygen CONFIG REQUIRED)
add_executable(program main.c)
replygen_generate(TARGET program SPEC spec.yaml TEMPLATES templates OUTPUT_DIR ${CMAKE_BINARY_DIR}/out)
file(WRITE ${CMAKE_BINARY_DIR}/outputs.txt "${program_REPLYGEN_OUTPUTS}\n")
CMAKE

expect() {  # the list of outputs, and each file in it
  printf '%s\n' "$1" | sed "s|OUT|$work/b/out|g" > "$work/expected"
  diff -u "$work/expected" "$work/b/outputs.txt"
  tr ';' '\n' < "$work/b/outputs.txt" | while IFS= read -r file; do
    [ -f "$file" ] || { echo "generate_outputs.sh: $file was not written" >&2; exit 1; }
  done
  echo "ok: $1"
}

cmake -S "$project" -B "$work/b" -Dreplygen_DIR="$build" > /dev/null
cmake --build "$work/b" > /dev/null
expect 'OUT/toy_names.h'

echo "== a new template"
printf '/* {{prefix}} too */\n' > "$project/templates/{{prefix}}_more.h.mustache"
cmake --build "$work/b" > /dev/null
expect 'OUT/toy_more.h;OUT/toy_names.h'

echo "== another prefix in the spec"
sed 's/^  prefix: toy$/  prefix: game/' "$source/tests/golden/minimal.yaml" > "$project/spec.yaml"
cmake --build "$work/b" > /dev/null
expect 'OUT/game_more.h;OUT/game_names.h'
