#!/usr/bin/env python3
"""check_model_docs.py: templates/README.md documents exactly the values
templates see, and the templates use every one of them.

The README documents each kind of map of the model under a heading
"#### `path`, `path` ...": a map of the model whose place ends with one of
those paths (list items written as `[]`: `codes[]`, `enhanced.codes[]`) is
of that kind, the longest match winning. Its table lists the keys, one or
more per row in the first column. For each spec given, `replygen
--dump-model` is read (its {"$ref": ...} resolved), and:
- every map must be of a documented kind, and every key it has must be
  documented for that kind;
- every key documented for a kind must be in some map of that kind (in one
  of the specs: optional keys need a spec that has them);
- every key must be named in a tag of some template (the folders given), or
  it is shown to no one.

Usage: check_model_docs.py REPLYGEN README --templates DIR [--templates DIR]... SPEC...
"""
import argparse
import json
import os
import re
import subprocess
import sys
from model_refs import resolve


def documented_kinds(readme):
    """[(suffixes, {key})] from the README's "#### `path`" tables."""
    kinds = []
    current = None
    for line in open(readme, encoding="utf-8"):
        if line.startswith("#### "):
            suffixes = re.findall(r"`([^`]+)`", line)
            current = (suffixes, set())
            kinds.append(current)
        elif line.startswith("## ") or line.startswith("### "):
            current = None
        elif current is not None and line.startswith("| `"):
            current[1].update(re.findall(r"`([^`]+)`", line.split("|")[1]))
    return kinds


def kind_of(kinds, path):
    """The kind whose suffix matches the most of path (a list of steps)."""
    best, best_length = None, -1
    for index, (suffixes, _) in enumerate(kinds):
        for suffix in suffixes:
            steps = [] if suffix == "model" else suffix.split(".")
            if len(steps) <= len(path) and path[len(path) - len(steps):] == steps \
                    and (suffix != "model" or not path) and len(steps) > best_length:
                best, best_length = index, len(steps)
    return best


def template_names(folders):
    names = set()
    for folder in folders:
        for name in os.listdir(folder):
            if name.endswith(".mustache"):
                text = open(os.path.join(folder, name), encoding="utf-8").read() + name
                for tag in re.findall(r"\{\{[#^/&{]?\s*([^}!>=\s]+)\s*\}?\}\}", text):
                    names.update(tag.split("."))
    return names


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("replygen")
    parser.add_argument("readme")
    parser.add_argument("--templates", action="append", required=True)
    parser.add_argument("specs", nargs="+")
    options = parser.parse_args()
    replygen, readme, folders = options.replygen, options.readme, options.templates
    kinds = documented_kinds(readme)
    seen = [set() for _ in kinds]
    problems = set()
    used = template_names(folders)
    for spec in options.specs:
        env = dict(os.environ, SOURCE_DATE_EPOCH="0")
        done = subprocess.run([replygen, "--dump-model", spec], stdout=subprocess.PIPE, text=True,
                              env=env, check=True)
        model = resolve(json.loads(done.stdout))
        # Breadth first, so that each map is walked where it is nearest the
        # top (as --dump-model writes it), and once.
        queue, visited = [(model, [])], set()
        while queue:
            value, path = queue.pop(0)
            if isinstance(value, list):
                step = path[:-1] + [path[-1] + "[]"] if path else ["[]"]
                queue.extend((item, step) for item in value)
                continue
            if not isinstance(value, dict):
                continue
            kind = kind_of(kinds, path)
            where = ".".join(path) or "model"
            if kind is None:
                problems.add("%s: a map at %s is of no kind the README documents" % (spec, where))
                continue
            heading = "#### `%s`" % "`, `".join(kinds[kind][0])
            seen[kind].update(value)
            for key in sorted(set(value) - kinds[kind][1]):
                problems.add("key '%s' (at %s) is not documented under '%s'" % (key, where, heading))
            for key in value:
                if key not in used:
                    problems.add("key '%s' of '%s' is used by no template" % (key, heading))
            if id(value) not in visited:
                visited.add(id(value))
                queue.extend((item, path + [key]) for key, item in value.items())
    for (suffixes, keys), found in zip(kinds, seen):
        for key in sorted(keys - found):
            problems.add("'%s' is documented under '#### %s' but no model of the specs has it"
                         % (key, "`, `".join(suffixes)))
    for problem in sorted(problems):
        print("check_model_docs: " + problem)
    print("check_model_docs: %d kinds of map documented, %d problems" % (len(kinds), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
