#!/usr/bin/env python3
"""smtp-explain at a terminal with no input yet: it says on standard error
what it waits for, then explains what is typed, until Ctrl-D.

The terminal is a pseudo-terminal this script opens; smtp-explain's
standard input is its other end, its output and error are pipes.
Usage: explain_terminal.py SMTP_EXPLAIN
"""
import os
import pty
import subprocess
import sys

HINT = ("smtp-explain: reading replies or a mail log from the terminal; end with Ctrl-D "
        "(see --help)\n")
# What a person types: a reply, then Ctrl-D at the start of a line. The
# terminal passes the line on with LF alone, which lenient mode tolerates.
TYPED = b"250 OK\n\x04"
EXPLANATION = """250 OK
  code:     250 ok: Requested mail action okay, completed
            The command succeeded.
  class:    2yz, Positive Completion reply
  category: x5z, Mail system
  action:   proceed: the command succeeded
  tolerated: line ends in LF without CR (bare_lf)

"""


def main():
    explain = sys.argv[1]
    controller, terminal = pty.openpty()
    process = subprocess.Popen([explain], stdin=terminal, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    os.close(terminal)
    os.write(controller, TYPED)
    try:
        out, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        print("FAILED: smtp-explain did not end at Ctrl-D")
        return 1
    finally:
        os.close(controller)
    failures = []
    if err != HINT:
        failures.append("standard error %r, expected %r" % (err, HINT))
    if out != EXPLANATION:
        failures.append("standard output %r, expected %r" % (out, EXPLANATION))
    if process.returncode != 0:
        failures.append("exit status %d, expected 0" % process.returncode)
    for failure in failures:
        print("FAILED: " + failure)
    if not failures:
        print("ok: the hint on standard error, then the reply typed explained")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
