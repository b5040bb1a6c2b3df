#!/bin/sh
# scripts/deps.sh on a machine where packages are missing, whatever this
# machine has installed: fake dpkg-query, id, sudo and apt-get early on PATH
# play a bare machine, a user without root, and apt failing; the real
# apt-get, confined by APT_CONFIG to empty package lists of its own (offline,
# and leaving the system's alone), shows its own "Unable to locate package".
# Usage: missing_packages.sh SOURCE_DIR
# shellcheck disable=SC2016 # the fakes' bodies expand when they run
set -u
source_dir=$1
absent=replygen-test-no-such-package
# A dot and a space in the path, as a user's may have.
work=$(mktemp -d "${TMPDIR:-/tmp}/replygen deps.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "ok: $1"; }
fail() {
    failed=$((failed + 1))
    echo "FAILED: $1"
    echo "--- exit status $status, standard output:"; cat "$work/out"
    echo "--- standard error:"; cat "$work/err"
    echo "--- commands run:"; cat "$work/log" 2>/dev/null
}

# fake NAME BODY: a command NAME on PATH that logs its arguments and runs BODY.
fake() {
    printf '#!/bin/sh\necho "%s $*" >>"%s"\n%s\n' "$1" "$work/log" "$2" >"$work/bin/$1"
    chmod +x "$work/bin/$1"
}

# A fresh machine: nothing installed but what is listed in $work/installed.
bare_machine() {
    rm -rf "${work:?}/bin" "$work/log" "$work/installed"
    mkdir "$work/bin"
    : >"$work/installed"
    fake dpkg-query '
for package; do :; done
if grep -qxF "$package" "'"$work"'/installed"; then printf "install ok installed"; exit 0; fi
echo "dpkg-query: no packages found matching $package" >&2; exit 1'
    # A script that went on despite missing packages would build: fail fast.
    fake cmake 'echo "cmake must not run" >&2; exit 99'
}
as_root() { fake id 'echo 0'; }
as_user_without_sudo() {
    fake id 'echo 1000'
    fake sudo 'echo "sudo: a password is required" >&2; exit 1'
}
as_user_with_sudo() {
    fake id 'echo 1000'
    fake sudo '[ "$1" = -n ] && shift; exec "$@"'
}

# run COMMAND...: run it with the fakes first on PATH; sets status.
run() {
    status=0
    PATH="$work/bin:$PATH" "$@" </dev/null >"$work/out" 2>"$work/err" || status=$?
}
# ensure PACKAGE...: what the scripts do, under the same set -eu.
ensure() {
    run sh -c 'set -eu; . "$1/scripts/deps.sh"; shift; ensure_packages "$@"; echo "went on"' \
        sh "$source_dir" "$@"
}
same() { [ "$(cat "$1")" = "$2" ]; }
# The commands run to install: all but the checks (dpkg-query, id).
installing() { grep -v -e '^dpkg-query ' -e '^id ' "$work/log"; }

# The commands a document shows in its first sh block, comments stripped.
shown_commands() {
    awk '/^```sh$/ { inside = 1; next } /^```$/ && inside { exit } inside { sub(/ *#.*/, ""); print }' "$1"
}

# Each command the README's quick start and bench/README show, as written,
# and the other scripts that install packages: without root or sudo they
# stop before doing anything, naming every package they asked about and
# the exact command.
{
    shown_commands "$source_dir/README.md"
    shown_commands "$source_dir/bench/README.md"
    echo scripts/valgrind
    echo scripts/fuzz
} >"$work/commands"
if [ -z "$(shown_commands "$source_dir/README.md")" ]; then
    status=-
    : >"$work/out"
    echo "no sh block in $source_dir/README.md" >"$work/err"
    fail "the README's quick start commands"
fi
while IFS= read -r command; do
    bare_machine
    as_user_without_sudo
    run sh -c 'cd "$1" && eval "$2"' sh "$source_dir" "$command"
    asked=$(sed -n 's/^dpkg-query .* //p' "$work/log" | tr '\n' ' ')
    asked=${asked% }
    if [ "$status" = 1 ] && [ ! -s "$work/out" ] && [ -n "$asked" ] &&
        same "$work/err" "Missing Debian packages: $asked
Install them (as root) with:
  sudo apt-get install -y $asked"; then
        pass "$command, without the packages and without root: names them ($asked) and the command"
    else
        fail "$command, without the packages and without root"
    fi
done <"$work/commands"
# The packages this issue was about: each script asks for its own.
for want in "scripts/build libcmocka-dev" "scripts/test libcmocka-dev" "bench/run comerr-dev"; do
    bare_machine
    as_user_without_sudo
    run sh "$source_dir/${want% *}"
    if grep -qxF "dpkg-query -W -f=\${Status} ${want#* }" "$work/log"; then
        pass "${want% *} checks for ${want#* }"
    else
        fail "${want% *} does not check for ${want#* }"
    fi
done

# The real dpkg-query and the real apt-get, as root, with a package no
# archive has: apt's lists are updated (empty sources: at once, offline),
# then apt's own message is shown with the command, and the script stops.
bare_machine
rm "$work/bin/dpkg-query"
as_root
apt_dir=$work/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/dpkg" "$apt_dir/parts" \
    "$apt_dir/sources.list.d" "$apt_dir/log"
: >"$apt_dir/dpkg/status"
: >"$apt_dir/sources.list"
cat >"$apt_dir/apt.conf" <<EOF
Dir::Etc::Parts "$apt_dir/parts";
Dir::Etc::Main "$apt_dir/none.conf";
Dir::Etc::SourceList "$apt_dir/sources.list";
Dir::Etc::SourceParts "$apt_dir/sources.list.d";
Dir::State::Lists "$apt_dir/lists";
Dir::State::status "$apt_dir/dpkg/status";
Dir::Cache "$apt_dir/cache";
Dir::Log "$apt_dir/log";
EOF
export APT_CONFIG="$apt_dir/apt.conf"
# Never let apt-get update touch the system's lists: check the confinement first.
if [ "$(apt-config dump | grep '^Dir::Etc::sourcelist ')" != "Dir::Etc::sourcelist \"$apt_dir/sources.list\";" ]; then
    status=-
    echo "apt-config does not take $APT_CONFIG" >"$work/err"
    : >"$work/out"
    fail "the real apt-get could not be confined; not run"
else
    ensure "$absent"
    if [ "$status" = 1 ] && ! grep -q "went on" "$work/out" &&
        grep -qx "Installing the missing Debian packages: $absent" "$work/out" &&
        grep -qx "apt does not know every package: running apt-get update first" "$work/out" &&
        grep -qx "  E: Unable to locate package $absent" "$work/err" &&
        grep -qx "  apt-get install -y $absent" "$work/err"; then
        pass "as root, real apt-get: updates, then shows apt's \"Unable to locate package\" and the command"
    else
        fail "as root, real apt-get with $absent"
    fi
fi
unset APT_CONFIG

# Without root or sudo, only what is missing is named.
bare_machine
echo cmake >"$work/installed"
as_user_without_sudo
ensure cmake "$absent" make
if [ "$status" = 1 ] && [ ! -s "$work/out" ] && same "$work/err" "Missing Debian packages: $absent make
Install them (as root) with:
  sudo apt-get install -y $absent make"; then
    pass "without root or sudo: the missing packages and the exact apt-get line"
else
    fail "without root or sudo"
fi

# With password-less sudo: installs what is missing through sudo, and goes on.
bare_machine
echo cmake >"$work/installed"
as_user_with_sudo
fake apt-get 'exit 0'
ensure cmake "$absent"
if [ "$status" = 0 ] && same "$work/out" "Installing the missing Debian packages: $absent
went on" && [ "$(installing)" = "sudo -n true
sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $absent
apt-get install -y -q $absent" ]; then
    pass "with password-less sudo: installs through sudo and goes on"
else
    fail "with password-less sudo"
fi

# A fresh machine's apt knows no package until apt-get update: update, retry.
bare_machine
as_root
fake apt-get '
case $1 in
update) touch "'"$work"'/updated"; exit 0 ;;
install) [ -f "'"$work"'/updated" ] && exit 0; echo "E: Unable to locate package $4" >&2; exit 100 ;;
esac'
rm -f "$work/updated"
ensure "$absent"
if [ "$status" = 0 ] && grep -qx "went on" "$work/out" && [ "$(installing)" = "apt-get install -y -q $absent
apt-get update -q
apt-get install -y -q $absent" ]; then
    pass "as root, package not in apt's lists: apt-get update, then installs and goes on"
else
    fail "as root, package not in apt's lists"
fi

# apt failing for another reason: its message, no update, and a stop.
bare_machine
as_root
fake apt-get "echo \"E: dpkg was interrupted, you must manually run 'dpkg --configure -a' to correct the problem.\" >&2
exit 100"
ensure "$absent"
if [ "$status" = 1 ] && ! grep -q "went on" "$work/out" &&
    grep -qx "  E: dpkg was interrupted, you must manually run 'dpkg --configure -a' to correct the problem." "$work/err" &&
    grep -qx "  apt-get install -y $absent" "$work/err" &&
    [ "$(installing)" = "apt-get install -y -q $absent" ]; then
    pass "as root, apt-get failing (dpkg interrupted): shows apt's message and stops"
else
    fail "as root, apt-get failing"
fi

# Everything installed: no apt, no sudo, not a word.
bare_machine
printf '%s\n' cmake make >"$work/installed"
as_user_without_sudo
fake apt-get 'exit 1'
ensure cmake make
if [ "$status" = 0 ] && same "$work/out" "went on" && [ ! -s "$work/err" ] &&
    [ "$(installing)" = "" ]; then
    pass "all installed: nothing to do, nothing said"
else
    fail "all installed"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
