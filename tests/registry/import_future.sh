#!/bin/sh
# replygen import-registry, the way issue 18 asks: a "future" registry made
# from IANA's (X.7.31 added, X.2.3's sample text changed, X.3.3 removed)
# imported into a copy of spec/smtp.yaml must
# - report exactly those three, and as conflicts exactly the deviations
#   the spec documents today (those today's registry reports);
# - change nothing without --write, and with it only those three places
#   (and the new reference X.7.31 cites): every comment survives, and
#   replygen diff sees exactly the three changes;
# - give a spec that generates, compiles and passes its generated tests;
# - pass --baseline but for the removal, and with the addition alone pass;
# - leave the spec as it was when the update would not check.
# Skipped (77) when the registry file is absent.
# Usage: import_future.sh REPLYGEN SOURCE_DIR REGISTRY_CSV
set -u
replygen=$1
source=$2
registry=$3
[ -f "$registry" ] || { echo "skipped: no registry file at $registry"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dir="$work/a dir.with dots"
mkdir "$dir"
status=0
fail() { echo "FAILED: $*"; status=1; }
future="$source/tests/registry/future_registry.py"
python3 "$future" "$registry" "$dir/future.csv" || exit 1
python3 "$future" "$registry" "$dir/addition.csv" --addition-only || exit 1
python3 "$future" "$registry" "$dir/overlong.csv" --overlong-text || exit 1
cp "$registry" "$dir/today.csv"
cp "$source/spec/smtp.yaml" "$dir/old.yaml"
cp "$source/spec/smtp.yaml" "$dir/smtp.yaml"
cd "$dir" || exit 1

# The report, places aside (they follow the spec's lines).
"$replygen" import-registry future.csv smtp.yaml > report.txt || fail "import-registry (dry run) failed"
cmp -s old.yaml smtp.yaml || fail "import-registry without --write changed the spec"
sed -n '1,/^conflicts/p' report.txt | sed -e 's/smtp\.yaml:[0-9][0-9:]*/smtp.yaml:PLACE/' \
    -e '1s/gone, [0-9]* conflicts$/gone, N conflicts/' > named.txt
cat > expected.txt <<'EOF2'
future.csv against smtp.yaml: 1 new, 1 changed, 1 gone, N conflicts
new:
  X.7.31 "Message refused by a future policy", as message_refused_by_a_future_policy (after X.7.30, smtp.yaml:PLACE)
changed:
  X.2.3 text: "Message length exceeds administrative limit" -> "Message length exceeds the administrative limit" (smtp.yaml:PLACE)
gone:
  X.3.3 system_not_capable_of_features (smtp.yaml:PLACE): removed from the spec, a change --baseline refuses
new references:
  rfc9999: titled "RFC 9999" until you give it its title (after smtp.yaml:PLACE)
conflicts, kept as the spec has them:
EOF2
diff -u expected.txt named.txt || fail "the report does not name exactly the three changes"
"$replygen" import-registry today.csv smtp.yaml > today.txt || fail "import-registry of today's registry failed"
grep '^  X\.[0-9.]* [a-z ]*: ' today.txt | grep -v '^  X\.7\.31' > today-conflicts.txt
sed -n '/^conflicts/,/^$/p' report.txt | grep '^  ' > future-conflicts.txt
[ -s today-conflicts.txt ] || fail "today's registry reports no documented deviation"
diff -u today-conflicts.txt future-conflicts.txt || fail "the conflicts are not the documented deviations"
tail -n 1 today.txt | grep -qx 'Nothing to change in the spec.' || fail "today's registry asks for changes"

# The update: only those places change; every comment stays.
"$replygen" import-registry --write future.csv smtp.yaml > written.txt || fail "import-registry --write failed"
tail -n 1 written.txt | grep -qx 'wrote smtp.yaml' || fail "--write did not say it wrote smtp.yaml"
hunks=$(diff old.yaml smtp.yaml | grep '^[0-9]' | sed 's/[0-9,]//g' | tr '\n' ' ')
[ "$hunks" = "a c d a " ] || fail "the spec changed in other places than expected: $hunks"
grep '#' old.yaml > old-comments.txt
grep '#' smtp.yaml > new-comments.txt
cmp -s old-comments.txt new-comments.txt || fail "a comment was lost or changed"
"$replygen" diff old.yaml smtp.yaml > diff.txt || fail "replygen diff failed"
cat > expected-diff.txt <<'EOF2'
Changes from old.yaml to smtp.yaml

enhanced codes:
- enhanced code X.2.3 (message_length_exceeds_limit): text changed from "Message length exceeds administrative limit" to "Message length exceeds the administrative limit"
- enhanced code X.3.3 (system_not_capable_of_features): removed [refused by --baseline]
- enhanced code X.7.31 (message_refused_by_a_future_policy): added, "Message refused by a future policy"

3 changes, 1 refused by --baseline.
EOF2
diff -u expected-diff.txt diff.txt || fail "replygen diff does not show exactly the three changes"
"$replygen" import-registry future.csv smtp.yaml | tail -n 1 | grep -qx 'Nothing to change in the spec.' \
    || fail "a second import still finds changes"

# The updated spec generates, compiles and passes its generated tests.
"$replygen" -q smtp.yaml -o out || fail "the updated spec does not generate"
cc -std=c11 -Wall -Wextra -Werror -Iout out/test_smtp_replies.c out/smtp_replies.c \
    $(pkg-config --cflags --libs cmocka) -o generated-tests || fail "the generated tests do not compile"
./generated-tests > tests.txt 2>&1 || { cat tests.txt; fail "the generated tests fail"; }
sh "$source/tests/compile_generated.sh" out smtp > compile.txt 2>&1 || { cat compile.txt; fail "strict compiles"; }

# --baseline refuses the removal, and only it; the addition alone passes.
"$replygen" --baseline old.yaml smtp.yaml 2> baseline.txt && fail "--baseline passed the removal"
grep -c ': error: ' baseline.txt | grep -qx 1 || { cat baseline.txt; fail "--baseline refused more than the removal"; }
grep -q '^old\.yaml:[0-9]*:[0-9]*: error: enhanced code X\.3\.3 (system_not_capable_of_features) was removed$' \
    baseline.txt || { cat baseline.txt; fail "--baseline did not refuse the removal"; }
cp old.yaml added.yaml
"$replygen" import-registry -q --write addition.csv added.yaml > /dev/null || fail "importing the addition failed"
"$replygen" --baseline old.yaml added.yaml || fail "--baseline refused the addition"

# An update that would not check leaves the spec as it was.
cp old.yaml overlong.yaml
"$replygen" import-registry --write overlong.csv overlong.yaml > /dev/null 2> overlong.txt \
    && fail "an update that does not check was accepted"
cmp -s old.yaml overlong.yaml || fail "a failed update changed the spec"
grep -q 'the updated spec does not check; overlong.yaml is left as it was' overlong.txt \
    || { cat overlong.txt; fail "no word of the failed update"; }
[ -z "$(ls -A | grep replygen)" ] || fail "temporary files were left: $(ls -A | grep replygen)"

[ "$status" -eq 0 ] && echo "ok: the future registry's three changes imported"
exit $status
