#!/bin/sh
# replygen_generate(... ONLY toy_replies.h toy_replies.c) takes the tables
# alone: a program using them builds against BUILD_DIR's package, runs, and
# does not link the runtime library, which only the descriptor needs.
# Usage: generate_only.sh BUILD_DIR SOURCE_DIR
set -eu
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
project=$work/project
mkdir "$project"
cp "$source/tests/golden/minimal.yaml" "$project/spec.yaml"
cat > "$project/main.c" <<'C'
#include "toy_replies.h"
#include <stdio.h>
int main(void)
{
    printf("%d %s\n", toy_reply_from_name("syntax_error"), toy_class_name(toy_reply_class_of(250)));
    return 0;
}
C
cat > "$project/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(only LANGUAGES C)
find_package(replygen CONFIG REQUIRED)
add_executable(program main.c)
replygen_generate(TARGET program SPEC spec.yaml ONLY toy_replies.h toy_replies.c)
CMAKE
cmake -S "$project" -B "$work/b" -Dreplygen_DIR="$build" > /dev/null
cmake --build "$work/b" > /dev/null
output=$("$work/b/program")
[ "$output" = "500 positive_completion" ] || { echo "generate_only.sh: program printed '$output'" >&2; exit 1; }
if readelf -d "$work/b/program" | grep -q 'NEEDED.*libreplygen'; then
  echo "generate_only.sh: the program links libreplygen though ONLY left the descriptor out" >&2
  exit 1
fi
files=$(cd "$work/b/replygen/spec" && echo *)
[ "$files" = "toy_replies.c toy_replies.h" ] || { echo "generate_only.sh: generated $files" >&2; exit 1; }
echo "ok: the tables alone, no runtime library"
