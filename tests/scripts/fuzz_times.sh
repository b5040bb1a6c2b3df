#!/bin/sh
# scripts/fuzz's time per target, through --plan (which builds and runs
# nothing): the default for all, FUZZ_SECONDS, FUZZ_SECONDS_NAME, and
# NAME=SECONDS arguments, each over the one before; bad times refused;
# FUZZ_RUNS and FUZZ_MAX_LEN, the limits of a long campaign.
# Usage: fuzz_times.sh SOURCE_DIR
set -u
fuzz="$1/scripts/fuzz"
failed=0

expect() {  # expect WANTED-OUTPUT WANTED-STATUS COMMAND... (run by env)
    wanted=$1 wanted_status=$2
    shift 2
    got=$(env "$@" 2>/dev/null)
    status=$?
    if [ "$got" = "$wanted" ] && [ "$status" = "$wanted_status" ]; then
        echo "ok: $*"
    else
        printf 'FAILED: %s\n  wanted (exit %s):\n%s\n  got (exit %s):\n%s\n' "$*" "$wanted_status" "$wanted" \
            "$status" "$got"
        failed=1
    fi
}

# Every fuzz/*_fuzz.c, in name order.
targets=$(for source in "$1"/fuzz/*_fuzz.c; do basename "$source" _fuzz.c; done)
each() {  # each SECONDS: every target with that time
    for target in $targets; do echo "$target $1"; done
}

expect "$(each 45)" 0 -u FUZZ_SECONDS sh "$fuzz" --plan
expect "$(each 10)" 0 FUZZ_SECONDS=10 sh "$fuzz" --plan
expect "reply_format 10
reply_parse 7
spec 10
template 10" 0 FUZZ_SECONDS=10 FUZZ_SECONDS_REPLY_PARSE=7 sh "$fuzz" --plan
expect "spec 600
template 45" 0 -u FUZZ_SECONDS sh "$fuzz" --plan spec=600 template
expect "spec 600
reply_parse 3" 0 FUZZ_SECONDS_SPEC=20 FUZZ_SECONDS=3 sh "$fuzz" --plan spec=600 reply_parse
expect "" 2 sh "$fuzz" --plan spec=0
expect "" 2 sh "$fuzz" --plan spec=ten
expect "" 2 sh "$fuzz" --plan "sp ec"
expect "" 2 FUZZ_SECONDS_TEMPLATE=-5 sh "$fuzz" --plan template
# A long campaign: a number of executions and a largest input, for every target.
expect "spec 36000 -runs=10000000 -max_len=16384
template 45 -runs=10000000 -max_len=16384" 0 -u FUZZ_SECONDS FUZZ_RUNS=10000000 FUZZ_MAX_LEN=16384 \
    sh "$fuzz" --plan spec=36000 template
expect "spec 45 -runs=500" 0 -u FUZZ_SECONDS -u FUZZ_MAX_LEN FUZZ_RUNS=500 sh "$fuzz" --plan spec
expect "" 2 FUZZ_RUNS=0 sh "$fuzz" --plan spec
expect "" 2 FUZZ_MAX_LEN=big sh "$fuzz" --plan spec
# The four targets at 45 s keep CI's run at 180 s, as three at 60 s did.
[ "$(echo "$targets" | wc -l)" = 4 ] || { echo "FAILED: expected four fuzz targets: $targets"; failed=1; }
exit "$failed"
