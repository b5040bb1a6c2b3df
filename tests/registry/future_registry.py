#!/usr/bin/env python3
"""future_registry.py: a "future" IANA registry made from today's, for the
import tests: X.7.31 added (citing a new RFC), the sample text of X.2.3
changed and X.3.3 removed; with --addition-only, just X.7.31 added; with
--overlong-text, also X.7.32 with a sample text longer than a spec may hold.

Usage: future_registry.py IN.csv OUT.csv [--addition-only] [--overlong-text]
"""
import csv
import sys

source, target = sys.argv[1], sys.argv[2]
addition_only = "--addition-only" in sys.argv[3:]
with open(source, newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
header, entries = rows[0], rows[1:]
column = {name: i for i, name in enumerate(header)}
future = []
for row in entries:
    code = row[column["Code"]]
    if not addition_only and code == "X.3.3":
        continue
    if not addition_only and code == "X.2.3":
        row[column["Sample Text"]] = "Message length exceeds the administrative limit"
    future.append(row)
new = [""] * len(header)
new[column["Code"]] = "X.7.31"
new[column["Sample Text"]] = "Message refused by a future policy"
new[column["Associated basic status code"]] = "550"
new[column["Description"]] = ("The message was refused by a policy that this registry entry,\n"
                              "made for the tests, stands for; a \"quoted\" word, a comma, and a line break.")
new[column["Reference"]] = "[RFC9999] (Standards Track)"
new[column["Submitter"]] = "replygen tests"
new[column["Change Controller"]] = "IESG"
future.append(new)
if "--overlong-text" in sys.argv[3:]:
    overlong = list(new)
    overlong[column["Code"]] = "X.7.32"
    overlong[column["Sample Text"]] = "word " * 1000
    future.append(overlong)
with open(target, "w", newline="", encoding="utf-8") as f:
    csv.writer(f).writerows([header] + future)
