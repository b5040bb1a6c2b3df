#!/bin/sh
# Compile a generated header and source as C99, C11 and C++ with gcc and
# clang under the strictest warnings, as a project that vendors them would.
# Usage: compile_generated.sh DIR PREFIX
set -eu
dir=$1
prefix=$2
flags="-Wall -Wextra -Wpedantic -Werror"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for cc in gcc clang; do
  command -v "$cc" >/dev/null || { echo "missing compiler: $cc (apt-get install -y $cc)"; exit 1; }
  for std in c99 c11; do
    if "$cc" -std=$std $flags -c "$dir/${prefix}_replies.c" -o "$work/out.o"; then
      echo "ok: $cc -std=$std"
    else
      echo "FAILED: $cc -std=$std"; status=1
    fi
  done
done
for cxx in g++ clang++; do
  command -v "$cxx" >/dev/null || { echo "missing compiler: $cxx"; exit 1; }
  for std in c++11 c++17; do
    if "$cxx" -x c++ -std=$std $flags -c "$dir/${prefix}_replies.c" -o "$work/out.o"; then
      echo "ok: $cxx -std=$std"
    else
      echo "FAILED: $cxx -std=$std"; status=1
    fi
  done
done
exit $status
