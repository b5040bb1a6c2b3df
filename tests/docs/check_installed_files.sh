#!/bin/sh
# check_installed_files.sh BUILD_DIR PAGE: the FILES section of replygen(1)
# (PAGE) and what `cmake --install BUILD_DIR` installs agree: every
# PREFIX/... path the page names is installed, and every file installed
# under share/ is named or lies in a folder the page names (ending in /).
set -u
build=$1 page=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null || { echo "cmake --install $build failed"; exit 1; }

# The PREFIX/... words of the roff source, with its escapes undone.
named=$(sed -n '/^\.SH FILES/,/^\.SH /p' "$page" | grep -oE 'PREFIX/[^ ]*' | sed 's/\\-/-/g; s/\\%//g' | sort -u)
[ -n "$named" ] || { echo "$page names no PREFIX/ path under FILES"; exit 1; }
status=0
for path in $named; do
    [ -e "$prefix/${path#PREFIX/}" ] || { echo "$page names $path, which cmake --install does not install"; status=1; }
done
find "$prefix/share" -type f | sort | while IFS= read -r file; do
    relative=PREFIX/${file#"$prefix"/}
    covered=no
    for path in $named; do
        case $path in
        */) case $relative in "$path"*) covered=yes ;; esac ;;
        *) [ "$relative" = "$path" ] && covered=yes ;;
        esac
    done
    [ $covered = yes ] || { echo "cmake --install installs $relative, which $page does not name under FILES"; exit 1; }
done || status=1
[ $status = 0 ] && echo "$page names every file installed under share/, and each path it names is installed:" $named
exit $status
