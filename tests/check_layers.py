#!/usr/bin/env python3
"""check_layers.py: the generator's stages run one way.

Reads the table "Which file belongs to which stage" of HACKING.md, then
checks two graphs of gen/ against it:
- includes: each #include "x.h" of gen/*.c and gen/*.h;
- calls: each undefined symbol of an object of the generator's library
  (nm), linked to the object that defines it.
A file may use only files ranked before it: an earlier stage, or an earlier
place in its own stage's list. So no two files use each other, and no stage
uses a later one. A file of gen/ missing from the table fails too.

Usage: check_layers.py SOURCE_DIR CORE_LIBRARY
"""
import os
import re
import subprocess
import sys


def stage_table(hacking):
    """{module: (stage index, place in the stage)} from HACKING.md."""
    text = open(hacking, encoding="utf-8").read()
    section = text.split("## Which file belongs to which stage", 1)[1].split("\n## ", 1)[0]
    ranks = {}
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`" in line]
    for stage, row in enumerate(rows):
        files = re.findall(r"`([a-z][a-z0-9_]*)`", row.split("|")[2])
        for place, module in enumerate(files):
            ranks[module] = (stage, place)
    if not ranks:
        sys.exit("check_layers: no stage table in %s" % hacking)
    return ranks


def module_of(path):
    return os.path.splitext(os.path.basename(path))[0]


def include_edges(gen):
    edges = set()
    for name in sorted(os.listdir(gen)):
        if not name.endswith((".c", ".h")):
            continue
        with open(os.path.join(gen, name), encoding="utf-8") as f:
            for header in re.findall(r'^#include "([^"]+)"', f.read(), re.M):
                edges.add((module_of(name), module_of(header), "includes %s" % header))
    return edges


def call_edges(library):
    """(user, definer, why) for each symbol an object uses from another."""
    listing = subprocess.run(["nm", "-A", library], check=True, stdout=subprocess.PIPE,
                             text=True).stdout
    defined, used = {}, []
    for line in listing.splitlines():
        # "lib.a:model.c.o: U value_map_set" or "...: 0000000000000000 T model_build"
        found = re.match(r"^[^:]+:([^:]+):\s*(?:[0-9a-f]+\s+)?([A-Za-z])\s+(\S+)$", line)
        if not found:
            continue
        obj, kind, symbol = found.groups()
        module = module_of(obj.replace(".c.o", ".o"))
        if kind == "U":
            used.append((module, symbol))
        elif kind.isupper():
            defined[symbol] = module
    return {(user, defined[symbol], "calls %s" % symbol)
            for user, symbol in used if symbol in defined and defined[symbol] != user}


def main():
    source, library = sys.argv[1], sys.argv[2]
    gen = os.path.join(source, "gen")
    ranks = stage_table(os.path.join(source, "HACKING.md"))
    problems = []
    modules = {module_of(name) for name in os.listdir(gen) if name.endswith((".c", ".h"))}
    for module in sorted(modules - set(ranks)):
        problems.append("gen/%s: in no stage of HACKING.md's table" % module)
    edges = include_edges(gen) | call_edges(library)
    for user, used, why in sorted(edges):
        if user == used or user not in ranks or used not in ranks:
            continue
        if ranks[used] > ranks[user]:
            problems.append("gen/%s %s, of a later stage or place (%s uses only what comes before it)"
                            % (user, why, user))
    for problem in problems:
        print("check_layers: " + problem)
    checked = len([e for e in edges if e[0] != e[1]])
    print("check_layers: %d uses among %d files of gen/, %d against the stages"
          % (checked, len(modules), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
