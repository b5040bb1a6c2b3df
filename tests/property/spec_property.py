#!/usr/bin/env python3
"""Every spec the checker accepts generates files that compile and lint clean.

Specs are made from the format's schema (spec/README.md) with a fixed seed:
names, sizes and characters at their limits (the longest names, texts of
SPEC_STRING_MAX = 4095 bytes, every printable ASCII character and some
non-ASCII UTF-8, leading dots, quotes and backslashes, trailing newlines and
spaces, empty optional parts, many codes and commands), and prefixes and
names that the generated code or the runtime already use. replygen must
refuse a spec with FILE:LINE:COL errors only, or generate files that:

- compile with gcc as C99 and g++ as C++11 under -Wall -Wextra -Wpedantic
  -Werror: the header and source, the single header with its
  implementation, the runtime descriptor and the generated cmocka test;
- lint clean with mandoc -Tlint -W warning (the man page) and tidy (HTML).

Usage: spec_property.py REPLYGEN INCLUDE_DIR WORK_DIR [CASES [SEED]]
A failing case's spec is kept in WORK_DIR, and its number and the seed are
printed, so that it can be replayed alone.
"""
import json
import os
import random
import re
import shutil
import subprocess
import sys

STRING_MAX = 4095  # SPEC_STRING_MAX in gen/spec.h
NAME_MAX = 128  # SPEC_NAME_MAX
FLAGS = ["-Wall", "-Wextra", "-Wpedantic", "-Werror", "-fsyntax-only"]
ERROR_LINE = re.compile(r"^spec\.yaml:(\d+):\d+: (error|warning): .+$")
# Under a message, its source line (" 12 | text") and a caret ("    |   ^").
QUOTE_LINE = re.compile(r"^ +(\d+) \| ")
CARET_LINE = re.compile(r"^ +\| *\^$")


def not_messages(stderr):
    """The lines of stderr that are neither a FILE:LINE:COL message nor the
    quote of its line and the caret under it."""
    bad, lines = [], stderr.splitlines()
    i = 0
    while i < len(lines):
        message = ERROR_LINE.match(lines[i])
        if not message:
            bad.append(lines[i])
            i += 1
            continue
        i += 1
        quote = QUOTE_LINE.match(lines[i]) if i < len(lines) else None
        if quote:
            if quote.group(1) != message.group(1) or i + 1 >= len(lines) or not CARET_LINE.match(lines[i + 1]):
                bad.append(lines[i])
            i += 2
    return bad

# Words the generated code or the runtime use: as prefixes and names they
# meet generated and runtime identifiers (REPLY_CLASS_UNKNOWN, ..._COUNT).
RISKY_WORDS = ["reply", "reply_error", "reply_describe", "replygen", "describe", "expected", "check", "unknown",
               "count", "string", "h", "over_limit", "success", "error", "int8", "size", "class", "test", "main",
               "static", "int", "x", "code", "role"]
NON_ASCII = ["\u00e9", "\u2014", "\u00a0", "\U0001F600", "\u4e2d", "\u0301", "\ufeff", "\u2028"]
EDGES = [".", "'", "\\", "-", ".TH x", "'br", "\\fB", "\\\"", "*/", "/*", "??=", "%s", "<!--", "&amp;", "\"", "`"]


def utf8_len(text):
    return len(text.encode("utf-8"))


def cut_to_bytes(text, limit):
    while utf8_len(text) > limit:
        text = text[:-1]
    return text


class Maker:
    """Values of a spec. A spec in three is faulty: its values may pass
    the limits (by one) and end with white space, which the checker must
    refuse, and take the risky words more often."""

    def __init__(self, rng):
        self.rng = rng
        self.faulty = rng.random() < 0.3

    def name(self, risky=0.002):
        r = self.rng.random()
        if r < (risky * 20 if self.faulty else risky):
            return self.rng.choice(RISKY_WORDS)
        if r < 0.1:  # the longest names
            length = NAME_MAX + (self.rng.random() < 0.1 if self.faulty else 0)
        else:
            length = self.rng.randint(3, 12)
        first = self.rng.choice("abcdefghijklmnopqrstuvwxyz")
        rest = "".join(self.rng.choice("abcdefghijklmnopqrstuvwxyz0123456789_") for _ in range(length - 1))
        return first + rest

    def text(self, limit=STRING_MAX):
        """A non-empty string of at most limit bytes (one more if faulty)."""
        if self.faulty and self.rng.random() < 0.003:
            limit += 1
        r = self.rng.random()
        if r < 0.1:
            body = "".join(chr(c) for c in range(32, 127))  # every printable
        elif r < 0.2:  # at the limit, mixed
            body = ""
            while utf8_len(body) < limit:
                body += self.rng.choice(["word ", "x" * 90, self.rng.choice(NON_ASCII), self.rng.choice(EDGES),
                                         "\n", "\t", " "])
            body = cut_to_bytes(body, limit)
        elif r < 0.3:
            body = "a" * limit
        else:
            words = []
            for _ in range(self.rng.randint(1, 12)):
                k = self.rng.random()
                if k < 0.6:
                    words.append("".join(self.rng.choice("abcdefghij") for _ in range(self.rng.randint(1, 9))))
                elif k < 0.8:
                    words.append(self.rng.choice(EDGES))
                else:
                    words.append(self.rng.choice(NON_ASCII))
            body = self.rng.choice([" ", "\n", " \n "]).join(words) if self.rng.random() < 0.3 else " ".join(words)
        # Leading and trailing oddities.
        if self.rng.random() < 0.2:
            body = self.rng.choice([".", "'", "\\", "-", ".\\\"", "'\\\""]) + body
        body = cut_to_bytes(body, limit)
        if self.faulty and self.rng.random() < 0.01:
            body = cut_to_bytes(body, limit - 2) + self.rng.choice(["\n", " ", "\n\n", "\t"])
        elif self.faulty and self.rng.random() < 0.01:
            body = self.rng.choice(["\n", " ", "\t"]) + cut_to_bytes(body, limit - 1)
        elif body.strip(" \t\r\n") != body:  # the same length, without the white space around it
            body = body.strip(" \t\r\n") + "." * (utf8_len(body) - utf8_len(body.strip(" \t\r\n")))
        if self.rng.random() < 0.2:
            body = cut_to_bytes(body, limit - 1) + self.rng.choice(["\\", "'", ".", "-"])
        return body or "x"


def make_spec(rng):
    m = Maker(rng)
    references = []
    for i in range(rng.randint(1, 4)):
        references.append({"id": rng.choice(["rfc%d" % (i + 1), "draft-x-%d" % i, "iana%d" % i, "doc_%d" % i]),
                           "title": m.text(), "url": "https://example.org/%d?a=1&b=%s" % (i, "<2>" if m.faulty else "%3C2%3E")})
    ref_ids = sorted({r["id"] for r in references})

    def refs(required):
        if not required and rng.random() < 0.4:
            return None
        out = []
        for _ in range(rng.randint(1 if required else 0, 3)):
            citation = {"ref": rng.choice(ref_ids)}
            if rng.random() < 0.5:
                citation["section"] = rng.choice(["4.2", "1", m.text(200), "9" * rng.choice([10, 10, 10, 1300, 4000])])
            out.append(citation)
        return out

    def entry(key, number):
        item = {key: number, "name": m.name(), "title": m.text(), "description": m.text()}
        r = refs(False)
        if r is not None:
            item["refs"] = r
        return item

    firsts = sorted(rng.sample(range(1, 6), rng.randint(1, 5)))
    seconds = sorted(rng.sample(range(0, 10), rng.randint(1, 10)))
    protocol = {"name": m.name(), "title": m.text(), "prefix": m.name(risky=0.05), "line_limit": rng.choice([6, 512, 1 << 20])}
    if rng.random() < 0.5:
        protocol["description"] = m.text()
    if rng.random() < 0.3:
        protocol["continuation"] = "free"
    spec = {"format": 1, "protocol": protocol, "references": references,
            "digits": {"first": [entry("digit", d) for d in firsts],
                       "second": [entry("digit", d) for d in seconds]}}
    possible = [f * 100 + s * 10 + u for f in firsts for s in seconds for u in range(10)]
    numbers = sorted(rng.sample(possible, min(len(possible), rng.choice([1, 5, 40, 300]))))
    codes = []
    for number in numbers:
        code = {"code": number, "name": m.name(), "text": m.text(), "summary": m.text(), "description": m.text(),
                "status": rng.choice(["standard", "extension", "obsolete"]), "refs": refs(True)}
        if rng.random() < 0.1:
            code["deprecated"] = True
        codes.append(code)
    spec["codes"] = codes
    commands = []
    for _ in range(rng.choice([1, 5, 60])):
        pool = rng.sample(numbers, min(len(numbers), rng.randint(0, 8)))
        split = sorted(rng.randint(0, len(pool)) for _ in range(3))
        command = {"name": m.name(), "verb": rng.choice(["", "QUIT", "MAIL FROM:", m.text(40)]), "title": m.text(),
                   "success": pool[:split[0]], "intermediate": pool[split[0]:split[1]], "error": pool[split[1]:split[2]]}
        if pool[split[2]:]:
            command["preliminary"] = pool[split[2]:]
        if rng.random() < 0.3:
            command["description"] = m.text()
        if rng.random() < 0.2:
            command["common_errors"] = False
        commands.append(command)
    spec["commands"] = commands
    spec["common_errors"] = rng.sample(numbers, min(len(numbers), rng.randint(0, 3)))
    if rng.random() < 0.6:
        spec["enhanced"] = make_enhanced(rng, m, numbers, refs)
    return spec


def make_enhanced(rng, m, numbers, refs):
    classes = sorted(rng.sample([2, 4, 5], rng.randint(1, 3)))
    subjects = sorted(rng.sample(range(0, 1000), rng.randint(1, 6)))
    out = {"classes": [], "subjects": [], "codes": []}
    for c in classes:
        out["classes"].append({"class": c, "name": m.name(), "title": m.text(), "description": m.text()})
    for s in subjects:
        out["subjects"].append({"subject": s, "name": m.name(), "title": m.text(), "description": m.text()})
    keys = set()
    for _ in range(rng.randint(1, 30)):
        subject, detail = rng.choice(subjects), rng.choice([0, 1, 2, 999, rng.randint(0, 999)])
        if (subject, detail) in keys:
            continue
        keys.add((subject, detail))
        used = sorted(rng.sample(classes, rng.randint(1, len(classes))))
        fitting = [n for n in numbers if n // 100 in used]
        basic = sorted(rng.sample(fitting, min(len(fitting), rng.choice([0, 1, 3, 900]))))
        code = {"code": "X.%d.%d" % (subject, detail), "name": m.name(), "text": m.text(),
                "description": m.text(), "classes": used, "basic": basic, "refs": refs(True)}
        if rng.random() < 0.2:
            code["registry_basic"] = [430, 523]
        out["codes"].append(code)
    return out


def run(argv, **kwargs):
    return subprocess.run(argv, capture_output=True, text=True, errors="replace", **kwargs)


def check_outputs(out, prefix, include_dir):
    """The problems of the files in out, one line each."""
    problems = []
    upper = prefix.upper()
    impl = os.path.join(out, "impl.c")
    with open(impl, "w") as f:
        f.write('#define %s_REPLIES_IMPLEMENTATION\n#include "%s_replies_single.h"\n' % (upper, prefix))
    units = ["%s_replies.c" % prefix, "impl.c", "%s_protocol.c" % prefix, "test_%s_replies.c" % prefix]
    for compiler, language, std in (("gcc", "c", "-std=c99"), ("g++", "c++", "-std=c++11")):
        for unit in units:
            result = run([compiler, "-x", language, std] + FLAGS + ["-I", out, "-I", include_dir,
                                                                   os.path.join(out, unit)])
            if result.returncode != 0 or result.stderr:
                problems.append("%s %s %s: %s" % (compiler, std, unit, first_lines(result.stderr)))
    page = os.path.join(out, "%s-replies.7" % prefix)
    result = run(["mandoc", "-Tlint", "-W", "warning", page])
    if result.returncode != 0 or result.stdout or result.stderr:
        problems.append("mandoc -Tlint -W warning: %s" % first_lines(result.stdout + result.stderr))
    html = os.path.join(out, "%s-replies.html" % prefix)
    result = run(["tidy", "-errors", "-quiet", html])
    if result.returncode != 0 or result.stdout or result.stderr:
        problems.append("tidy: %s" % first_lines(result.stdout + result.stderr))
    return problems


def first_lines(text, count=3):
    lines = [line[:300] for line in text.splitlines() if line.strip()]
    return " | ".join(lines[:count]) + (" ..." if len(lines) > count else "")


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: spec_property.py REPLYGEN INCLUDE_DIR WORK_DIR [CASES [SEED]]")
    replygen, include_dir, work = (os.path.abspath(path) for path in sys.argv[1:4])
    cases = int(sys.argv[4]) if len(sys.argv) > 4 else 40
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 14
    for tool in ("gcc", "g++", "mandoc", "tidy"):
        if not shutil.which(tool):
            sys.exit("spec_property.py: %s is not installed" % tool)
    rng = random.Random(seed)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    env = dict(os.environ, SOURCE_DATE_EPOCH="0")  # the man page then has a date
    accepted = refused = 0
    failed = []
    for case in range(cases):
        spec = make_spec(rng)
        folder = os.path.join(work, "case-%d" % case)
        os.makedirs(folder)
        with open(os.path.join(folder, "spec.yaml"), "w", encoding="utf-8") as f:
            json.dump(spec, f, ensure_ascii=False, indent=1)  # JSON is YAML
        result = run([replygen, "-q", "spec.yaml", "-o", "out"], cwd=folder, env=env)
        problems = []
        if result.returncode == 1:
            refused += 1
            bad = not_messages(result.stderr)
            if bad or "error:" not in result.stderr:
                problems.append("refused without a FILE:LINE:COL error: %s" % first_lines("\n".join(bad)))
        elif result.returncode == 0:
            accepted += 1
            problems = check_outputs(os.path.join(folder, "out"), spec["protocol"]["prefix"], include_dir)
        else:
            problems.append("replygen exited %d: %s" % (result.returncode, first_lines(result.stderr)))
        if problems:
            failed.append(case)
            print("case %d (seed %d), %s:" % (case, seed, os.path.join(folder, "spec.yaml")))
            for problem in problems:
                print("  " + problem)
        else:
            shutil.rmtree(folder)
    print("%d cases: %d accepted and checked, %d refused; %d failed" % (cases, accepted, refused, len(failed)))
    # A generator that refuses everything would pass the rest vacuously.
    if accepted < cases // 3:
        print("too few specs accepted (%d of %d): the generator of specs makes too many broken ones" % (accepted,
                                                                                                        cases))
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
