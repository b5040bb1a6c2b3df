#!/bin/sh
# check_options.sh REPLYGEN PAGE: the options that `replygen --help` lists
# and those that the OPTIONS section of the man page PAGE describes are the
# same set, and the page's .TH names the version `replygen --version` gives.
set -u
replygen=$1 page=$2

# Every -x and --long-name that starts an option's description line.
options() {
    grep -E '^ +-' | grep -oE '(^|[ ,])--?[A-Za-z][A-Za-z-]*' | tr -d ' ,' | sort -u
}

help=$("$replygen" --help) || { echo "$replygen --help failed"; exit 1; }
rendered=$(MANWIDTH=200 man -l "$page") || { echo "man -l $page failed"; exit 1; }
in_help=$(printf '%s\n' "$help" | options)
in_page=$(printf '%s\n' "$rendered" | sed -n '/^OPTIONS$/,/^[A-Z]/p' | options)

[ -n "$in_help" ] || { echo "no options found in $replygen --help"; exit 1; }
[ -n "$in_page" ] || { echo "no options found in the OPTIONS section of $page"; exit 1; }
only_help=$(printf '%s\n' "$in_help" | grep -vxF -e "$in_page")
only_page=$(printf '%s\n' "$in_page" | grep -vxF -e "$in_help")
if [ -n "$only_help" ] || [ -n "$only_page" ]; then
    [ -z "$only_help" ] || echo "in --help but not in $page:" $only_help
    [ -z "$only_page" ] || echo "in $page but not in --help:" $only_page
    exit 1
fi
version=$("$replygen" --version | sed -n 's/^replygen //p')
if ! grep -q "^\.TH REPLYGEN 1 [0-9-]* \"replygen $version\"" "$page"; then
    echo "$page: .TH does not name replygen $version:"
    grep '^\.TH' "$page"
    exit 1
fi
echo "same options in --help and $page:" $in_help
echo "$page is for replygen $version"
