#!/usr/bin/env python3
"""check_json_csv.py: JSON and CSV output parse back, with a real parser,
into exactly the strings of the spec (issue 17).

Renders templates/{{prefix}}-replies.json (the JSON export) and
tests/escaping/templates/{{prefix}}-codes.csv over a spec (the torture
spec: quotes, backslashes, control bytes, non-ASCII) with `replygen
--render`, reads them with Python's json (strict: no raw control
character in a string) and csv modules, and compares every string with
the spec's model (`replygen --dump-model`). Then the same for a value
holding every ASCII byte, NUL included, given as --data.

Usage: check_json_csv.py REPLYGEN SOURCE_DIR SPEC
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from model_refs import resolve  # noqa: E402


def run(replygen, *args):
    done = subprocess.run([replygen, *args], capture_output=True)
    if done.returncode != 0 or done.stderr:
        sys.exit(f"replygen {' '.join(args)}: exit {done.returncode}\n{done.stderr.decode()}")
    return done.stdout.decode("utf-8")  # strict: output must be UTF-8


failures = []


def expect(what, got, wanted):
    if got != wanted:
        failures.append(f"{what}: got {got!r}, expected {wanted!r}")


def check_json(exported, model):
    expect("format_version", exported["format_version"], 1)
    expect("protocol.title", exported["protocol"]["title"], model["protocol"]["title"])
    for got, code in zip(exported["codes"], model["codes"], strict=True):
        for key in ("code", "name", "text", "summary", "description", "status", "deprecated"):
            expect(f"codes {code['code']} {key}", got[key], code[key])
        expect(f"codes {code['code']} refs", [r["label"] for r in got["refs"]], [r["label"] for r in code["refs"]])
    for got, command in zip(exported["commands"], model["commands"], strict=True):
        expect(f"command {command['name']} verb", got["verb"], command["verb"] if command["has_verb"] else None)
        expect(f"command {command['name']} title", got["title"], command["title"])
        for role in ("preliminary", "success", "intermediate", "error"):
            expect(f"command {command['name']} {role}", got[role], [c["code"] for c in command[role]])
    for got, reference in zip(exported["references"], model["references"], strict=True):
        for key in ("id", "title", "url"):
            expect(f"reference {reference['id']} {key}", got[key], reference[key])
    for digits in ("first_digits", "second_digits"):
        for got, digit in zip(exported[digits], model[digits], strict=True):
            for key in ("digit", "name", "title", "description"):
                expect(f"{digits} {digit['digit']} {key}", got[key], digit[key])


def check_csv(text, model):
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    wanted = [["kind", "key", "name", "text", "summary", "description"]]
    for code in model["codes"]:
        wanted.append(["code", str(code["code"]), code["name"], code["text"], code["summary"], code["description"]])
    for command in model["commands"]:
        wanted.append(["command", command["name"], command["verb"], command["title"], "",
                       command["description"] or ""])
    for digit in model["first_digits"]:
        wanted.append(["digit", str(digit["digit"]), digit["name"], digit["title"], "", digit["description"]])
    for reference in model["references"]:
        wanted.append(["reference", reference["id"], reference["label"], reference["title"], "", reference["url"]])
    protocol = model["protocol"]
    wanted.append(["protocol", model["prefix"], protocol["name"], protocol["title"], "",
                   protocol["description"] or ""])
    expect("csv row count", len(rows), len(wanted))
    for got, row in zip(rows, wanted):
        expect(f"csv row {row[:2]}", got, row)


def check_every_byte(replygen, folder):
    """Every ASCII character, NUL and a blank at both ends, in both."""
    every = "".join(chr(c) for c in range(128)) + " caf\u00e9 \U0001F600 </script> "
    data = os.path.join(folder, "data.json")
    with open(data, "w", encoding="utf-8") as out:
        # YAML (which reads JSON too) takes no raw DEL and no surrogate pair.
        out.write(json.dumps({"s": every}, ensure_ascii=False).replace("\x7f", "\\u007f"))
    for name, text in (("every.json.mustache", '{"s": "{{s}}"}\n'), ("every.csv.mustache", "{{s}},{{s}}\n")):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as out:
            out.write(text)
    got = json.loads(run(replygen, "--render", os.path.join(folder, "every.json.mustache"), "--data", data))
    expect("every byte, JSON", got["s"], every)
    rows = list(csv.reader(io.StringIO(run(replygen, "--render", os.path.join(folder, "every.csv.mustache"),
                                           "--data", data), newline=""), strict=True))
    in_csv = every.replace("\0", "\ufffd")  # NUL, which csv readers refuse, becomes U+FFFD
    expect("every byte, CSV", rows, [[in_csv, in_csv]])


def main():
    replygen, source, spec = sys.argv[1:4]
    model = resolve(json.loads(run(replygen, "--dump-model", spec)))
    # The spec must hold what is hard to escape, or this test proves nothing.
    texts = "".join(code["text"] + code["summary"] + code["description"] for code in model["codes"])
    for needed in ('"', "\\", "\n", "\r", "\t", "\x07", "\x1b", "\x7f", ",", "\u00e9"):
        if needed not in texts:
            sys.exit(f"{spec}: no {needed!r} in its codes' strings")
    exported = run(replygen, "--render", os.path.join(source, "templates", "{{prefix}}-replies.json.mustache"),
                   "--data", spec)
    check_json(json.loads(exported), model)
    csv_template = os.path.join(source, "tests", "escaping", "templates", "{{prefix}}-codes.csv.mustache")
    check_csv(run(replygen, "--render", csv_template, "--data", spec), model)
    with tempfile.TemporaryDirectory() as folder:
        check_every_byte(replygen, folder)
    if failures:
        sys.exit("\n".join(failures))
    print(f"{spec}: JSON and CSV read back every string ({len(model['codes'])} codes)")


main()
