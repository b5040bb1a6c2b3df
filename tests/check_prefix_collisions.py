#!/usr/bin/env python3
"""Every prefix whose generated names would meet another name of the same
C or C++ translation unit is refused by the checker.

It generates the torture spec with a probe prefix and probe names, and
preprocesses each translation unit of the output (the tables, the
descriptor, which includes the runtime's replygen/reply.h, the generated
test with cmocka, the single header both ways) as C and as C++. The
identifiers that hold the probe are the generated ones, with the prefix
and the spec's names as holes (P_CLASS_N); every other identifier, and
every keyword, is a name the output or the runtime uses. A prefix clashes
when some generated identifier, for some names, equals a used one in the
same name space (struct, union and enum tags apart from other names;
macros meet both). Each clashing prefix must make replygen fail with an
error about the prefix.

Usage: check_prefix_collisions.py REPLYGEN TORTURE_SPEC MINIMAL_SPEC INCLUDE_DIR WORK_DIR
"""
import itertools
import os
import re
import shutil
import subprocess
import sys

PROBE = "zqpfx"  # a prefix no header uses
KEYWORDS = """alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t
char32_t class compl concept const consteval constexpr constinit const_cast continue co_await co_return
co_yield decltype default delete do double dynamic_cast else enum explicit export extern false float for
friend goto if inline int long mutable namespace new noexcept not not_eq nullptr operator or or_eq private
protected public register reinterpret_cast requires restrict return short signed sizeof static static_assert
static_cast struct switch template this thread_local throw true try typedef typeid typename union unsigned
using virtual void volatile wchar_t while xor xor_eq""".split()
TOKEN = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|[A-Za-z_][A-Za-z0-9_]*|->|\S')


def identifiers(code):
    """(name, space) of each identifier outside strings: space is "tag"
    after struct, union or enum, "macro" for a #define, else "name";
    members after . or -> are left out."""
    found = set()
    for line in code.splitlines():
        define = re.match(r"\s*#\s*define\s+([A-Za-z_][A-Za-z0-9_]*)", line)
        if define:
            found.add((define.group(1), "macro"))
            continue
        if line.lstrip().startswith("#"):
            continue
        previous = ""
        for token in TOKEN.findall(line):
            if re.match(r"[A-Za-z_]", token) and previous not in (".", "->"):
                found.add((token, "tag" if previous in ("struct", "union", "enum") else "name"))
            previous = token
    return found


def family(name):
    name = re.sub("ZQN[0-9]+", "N", re.sub("zqn[0-9]+", "n", name))
    return name.replace(PROBE.upper(), "P").replace(PROBE, "p")


def main():
    replygen, torture, minimal, include_dir, work = (os.path.abspath(a) for a in sys.argv[1:6])
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    counter = itertools.count()
    with open(torture, encoding="utf-8") as f:
        spec = f.read()
    spec = re.sub(r"^(\s*-?\s*name: )\w+$", lambda m: m.group(1) + "zqn%d" % next(counter), spec, flags=re.M)
    spec = re.sub(r"^(\s*prefix: )\w+$", r"\g<1>" + PROBE, spec, flags=re.M)
    with open(os.path.join(work, "probe.yaml"), "w", encoding="utf-8") as f:
        f.write(spec)
    out = os.path.join(work, "out")
    subprocess.run([replygen, "-q", "probe.yaml", "-o", out], cwd=work, check=True)
    upper = PROBE.upper()
    units = [("%s_replies.c" % PROBE, []), ("%s_protocol.c" % PROBE, []), ("test_%s_replies.c" % PROBE, []),
             ("%s_replies_single.h" % PROBE, ["-D%s_REPLIES_IMPLEMENTATION" % upper]),
             ("%s_replies_single.h" % PROBE, ["-D%s_REPLIES_STATIC" % upper])]
    generated, used = set(), {(k, "name") for k in KEYWORDS}
    for compiler, language in (("gcc", "c"), ("g++", "c++")):
        for unit, defines in units:
            code = subprocess.run([compiler, "-x", language, "-E", "-dD", "-I", out, "-I", include_dir] + defines
                                  + [os.path.join(out, unit)], check=True, capture_output=True, text=True).stdout
            for name, space in identifiers(code):
                if PROBE in name.lower():
                    generated.add((family(name), space))
                else:
                    used.add((name, space))
    clashes = {}
    for fam, space in generated:
        if fam[0] not in "Pp":
            continue
        rest = "".join({"N": "[A-Z][A-Z0-9_]*", "n": "[a-z][a-z0-9_]*"}.get(c, re.escape(c)) for c in fam[1:])
        for name, other in used:
            if space != other and "macro" not in (space, other):
                continue
            for cut in (i for i, c in enumerate(name) if c == "_"):
                prefix = name[:cut]
                if (prefix.upper() if fam[0] == "P" else prefix) != prefix or not re.fullmatch(
                        "[a-z][a-z0-9_]*", prefix.lower()):
                    continue
                if re.fullmatch(rest, name[cut:]):
                    clashes.setdefault(prefix.lower(), []).append("%s = %s" % (fam, name))
    with open(minimal, encoding="utf-8") as f:
        base = f.read()
    failures = 0
    for prefix in sorted(clashes):
        path = os.path.join(work, "spec-%s.yaml" % prefix)
        with open(path, "w", encoding="utf-8") as f:
            f.write(re.sub(r"^(\s*prefix: )\w+$", r"\g<1>" + prefix, base, flags=re.M))
        result = subprocess.run([replygen, "--dump-model", path], capture_output=True, text=True)
        refused = result.returncode == 1 and ("prefix '%s'" % prefix) in result.stderr
        print("%s %s: %s" % ("refused" if refused else "ACCEPTED", prefix, ", ".join(sorted(clashes[prefix])[:3])))
        failures += not refused
    if not clashes:
        print("no clash found: the probe itself is broken (the runtime's reply_* names must clash)")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
