#!/bin/sh
# Run the commands of examples/NAME/README.md as a user would: each ```sh
# block, as written there, from the top of a fresh copy of the source tree
# (outside the build tree) whose build/ is BUILD_DIR, with an empty HOME
# (so "$HOME/.local" is a new prefix) and no LD_LIBRARY_PATH. A ```text
# block right after a ```sh block is what that block must print last.
# Usage: examples.sh BUILD_DIR SOURCE_DIR NAME
# CC and CFLAGS pick the compiler and extra flags: CMake takes them from
# the environment, and `cc` in a command runs "$CC" $CFLAGS (the sanitizer
# build passes its own, since the installed library is then instrumented).
set -eu
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
name=$3
readme=$source/examples/$name/README.md
[ -f "$readme" ] || { echo "examples.sh: no $readme" >&2; exit 1; }
real_cc=$(command -v "${CC:-cc}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The checkout: every top-level entry of the source but .git and build
# folders, and build/ standing for the build being tested.
checkout=$work/replygen
mkdir "$checkout" "$work/home" "$work/bin" "$work/blocks"
for entry in "$source"/* "$source"/.[!.]*; do
  [ -e "$entry" ] || continue
  [ "${entry##*/}" != .git ] || continue
  [ ! -f "$entry/CMakeCache.txt" ] || continue
  cp -R "$entry" "$checkout/"
done
ln -s "$build" "$checkout/build"

cat > "$work/bin/cc" <<EOF
#!/bin/sh
exec "$real_cc" ${CFLAGS:-} "\$@"
EOF
chmod +x "$work/bin/cc"

# Block N of the README goes to blocks/N.sh, blocks/N.text or blocks/N.other.
awk -v dir="$work/blocks" -f "$source/tests/support/readme_blocks.awk" "$readme"

ran=0
for block in "$work"/blocks/*.sh; do
  [ -e "$block" ] || continue
  number=${block##*/}
  number=${number%.sh}
  expected=$work/blocks/$(printf '%03d' $((1${number} - 1000 + 1))).text
  echo "== examples/$name/README.md, block $number:"
  sed 's/^/   /' "$block"
  (cd "$checkout" &&
   env -u LD_LIBRARY_PATH HOME="$work/home" PATH="$work/bin:$PATH" CC="$real_cc" sh -eu "$block") \
    > "$work/stdout"
  cat "$work/stdout"
  if [ -f "$expected" ]; then
    lines=$(wc -l < "$expected")
    tail -n "$lines" "$work/stdout" | diff -u "$expected" - ||
      { echo "examples.sh: block $number printed other than the README says" >&2; exit 1; }
  fi
  ran=$((ran + 1))
done
[ "$ran" -gt 0 ] || { echo "examples.sh: $readme has no sh block" >&2; exit 1; }
echo "examples/$name: the $ran command blocks of its README work"
