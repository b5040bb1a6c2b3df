#!/usr/bin/env python3
"""docs/hostile-inputs.md quotes, in the row of each tests/bad/ case it
names, the first line of that case's expected .err, so that the table
cannot go stale when a message changes.

Usage: check_docs_bad_cases.py DOCS_FILE BAD_DIR
"""
import os
import re
import sys


def main():
    docs_file, bad_dir = sys.argv[1:3]
    problems = 0
    rows = 0
    with open(docs_file, encoding="utf-8") as docs:
        for number, line in enumerate(docs, 1):
            for name in re.findall(r"`tests/bad/([A-Za-z0-9_.-]+)\.yaml`", line):
                rows += 1
                err = os.path.join(bad_dir, name + ".err")
                if not os.path.exists(err):
                    print("%s:%d: tests/bad/%s.yaml has no .err" % (docs_file, number, name))
                    problems += 1
                    continue
                with open(err, encoding="utf-8") as f:
                    first = f.readline().rstrip("\n")
                if "`%s`" % first not in line:
                    print("%s:%d: the row of %s does not quote its first line: %s" % (docs_file, number, name, first))
                    problems += 1
    if rows == 0:
        print("%s names no tests/bad/ case" % docs_file)
        return 1
    print("%d rows of tests/bad/ cases, %d stale" % (rows, problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
