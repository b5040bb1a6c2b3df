#!/usr/bin/env python3
"""classify.py: what a reply means, from the tables replygen exports as
JSON (smtp-replies.json), with nothing but Python's standard library.

Usage: classify.py TABLES.json REPLY_LINE...
For each reply line: its code, the class of its first digit, the code's
summary and, when the text starts with an enhanced status code (RFC 3463,
"5.1.1"), that code's meaning.
"""
import json
import re
import sys

READS_FORMAT = 1  # the format_version this script was written for

# A reply line: three digits, then a space or '-' (a line of a multi-line
# reply) and maybe an enhanced status code class.subject.detail.
REPLY = re.compile(r"([1-5][0-9][0-9])(?:[ -]([245])\.([0-9]{1,3})\.([0-9]{1,3})(?![0-9.]))?")


def load_tables(path):
    with open(path, encoding="utf-8") as file:
        tables = json.load(file)
    if tables.get("format_version") != READS_FORMAT:
        sys.exit(f"{path}: format_version {tables.get('format_version')}, this script reads {READS_FORMAT}")
    return tables


def enhanced_meaning(tables, status_class, subject, detail):
    """The text of X.subject.detail when it may have this class, else that
    of its subject's X.subject.0 (RFC 3463: an unknown detail means what
    the subject's 0 detail means); None when neither is known."""
    codes = {(code["subject"], code["detail"]): code for code in (tables["enhanced"] or {}).get("codes", [])}
    for key in ((subject, detail), (subject, 0)):
        code = codes.get(key)
        if code and status_class in code["classes"]:
            return code["text"]
    return None


def classify(tables, line):
    match = REPLY.match(line)
    if not match:
        return f"{line!r}: not a reply line"
    code = int(match.group(1))
    first_digits = {digit["digit"]: digit["name"] for digit in tables["first_digits"]}
    codes = {entry["code"]: entry for entry in tables["codes"]}
    known = codes.get(code)
    meaning = known["summary"] if known else "not a code of this protocol: act on the first digit"
    words = [f"{code} {first_digits.get(code // 100, 'unknown class')}: {meaning}"]
    if match.group(2):
        status_class, subject, detail = (int(group) for group in match.groups()[1:])
        text = enhanced_meaning(tables, status_class, subject, detail)
        words.append(f"  {status_class}.{subject}.{detail}: {text or 'unknown enhanced code'}")
    return "\n".join(words)


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: classify.py TABLES.json REPLY_LINE...")
    tables = load_tables(sys.argv[1])
    for line in sys.argv[2:]:
        print(classify(tables, line))


if __name__ == "__main__":
    main()
