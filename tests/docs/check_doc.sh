#!/bin/sh
# check_doc.sh: run one documentation checker on one file; pass only when
# the checker succeeds and prints nothing (or, for "man", when the page
# renders and shows the expected text).
#
#   check_doc.sh mandoc PAGE          mandoc -Tlint reports nothing
#   check_doc.sh groff PAGE           groff -man -ww -z reports nothing
#   check_doc.sh man PAGE TEXT...     man -l renders PAGE and shows each TEXT
#   check_doc.sh tidy PAGE.html       tidy -errors -quiet reports nothing
#   check_doc.sh absent FILE TEXT...  FILE does not hold any TEXT byte for byte
set -u
kind=$1 file=$2
shift 2

need() {
    command -v "$1" >/dev/null 2>&1 && return 0
    echo "check_doc.sh: $1 is not installed (Debian package: $2)" >&2
    exit 1
}

[ -f "$file" ] || { echo "check_doc.sh: no file $file" >&2; exit 1; }
out=${TMPDIR:-/tmp}/check_doc.$$
trap 'rm -f "$out" "$out.err"' EXIT

case $kind in
mandoc)
    need mandoc mandoc
    mandoc -Tlint "$file" >"$out" 2>&1
    status=$?
    # Reproducible output has no date unless SOURCE_DATE_EPOCH gives one
    # (.TH NAME 7 ""); mandoc warns about exactly that and nothing else is
    # forgiven. The build sets SOURCE_DATE_EPOCH where it can.
    if grep -q '^\.TH [^ ]* [0-9] ""' "$file" && [ "$(grep -c . "$out")" = 1 ] \
        && grep -q 'WARNING: missing date, using "": TH$' "$out"; then
        echo "note: $file has no date (SOURCE_DATE_EPOCH was not set when it was generated)"
        exit 0
    fi
    ;;
groff)
    need groff groff
    groff -man -ww -z "$file" >"$out" 2>&1
    status=$?
    ;;
tidy)
    need tidy tidy
    tidy -errors -quiet "$file" >"$out" 2>&1
    status=$?
    ;;
man)
    need man man-db
    MANWIDTH=80 man -l "$file" >"$out" 2>"$out.err"
    status=$?
    if [ $status -ne 0 ] || [ -s "$out.err" ] || [ ! -s "$out" ]; then
        echo "man -l $file failed (exit $status):"
        cat "$out.err"
        exit 1
    fi
    for text in "$@"; do
        if ! grep -qF -- "$text" "$out"; then
            echo "man -l $file does not show: $text"
            echo "--- rendered page:"
            cat "$out"
            exit 1
        fi
    done
    echo "man -l $file shows: $*"
    exit 0
    ;;
absent)
    for text in "$@"; do
        if grep -qF -- "$text" "$file"; then
            echo "$file holds, unescaped: $text"
            grep -nF -- "$text" "$file"
            exit 1
        fi
    done
    exit 0
    ;;
*)
    echo "check_doc.sh: unknown check $kind" >&2
    exit 2
    ;;
esac

if [ $status -ne 0 ] || [ -s "$out" ]; then
    echo "$kind reports on $file (exit $status):"
    cat "$out"
    exit 1
fi
exit 0
