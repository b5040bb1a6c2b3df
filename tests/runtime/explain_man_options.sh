#!/bin/sh
# explain_man_options.sh SMTP_EXPLAIN PAGE: the options that
# `smtp-explain --help` lists and those the OPTIONS section of the man
# page PAGE describes are the same set, and the page's .TH names the
# version `smtp-explain --version` gives.
set -u
explain=$1 page=$2

# Every -x and --long-name that starts an option's line.
options() {
    grep -E '^ +-' | grep -oE '(^|[ ,])--?[A-Za-z][A-Za-z-]*' | tr -d ' ,' | sort -u
}

help=$("$explain" --help) || { echo "$explain --help failed"; exit 1; }
rendered=$(MANWIDTH=200 man -l "$page") || { echo "man -l $page failed"; exit 1; }
in_help=$(printf '%s\n' "$help" | options)
in_page=$(printf '%s\n' "$rendered" | sed -n '/^OPTIONS$/,/^[A-Z]/p' | options)

[ -n "$in_help" ] || { echo "no options found in $explain --help"; exit 1; }
[ -n "$in_page" ] || { echo "no options found in the OPTIONS section of $page"; exit 1; }
if [ "$in_help" != "$in_page" ]; then
    echo "--help lists:" $in_help
    echo "$page describes:" $in_page
    exit 1
fi
version=$("$explain" --version | sed -n 's/^smtp-explain (replygen) //p')
if ! grep -q "^\.TH SMTP-EXPLAIN 1 [0-9-]* \"replygen $version\"" "$page"; then
    echo "$page: .TH does not name replygen $version:"
    grep '^\.TH' "$page"
    exit 1
fi
echo "same options in --help and $page:" $in_help
echo "$page is for replygen $version"
