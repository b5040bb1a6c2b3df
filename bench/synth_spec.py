#!/usr/bin/env python3
"""synth_spec.py: write a synthetic replygen spec, or a compile_et table of
the same size, for the generator benchmark.

    synth_spec.py spec CODES ENHANCED > synth.yaml
    synth_spec.py et ENTRIES > synth.et

CODES reply codes (1 to 900) spread evenly over 100..999, with every first
digit 1-9 and second digit 0-9 defined; ENHANCED enhanced status codes
(0 for none) over ten subjects, X.s.0 to X.s.(ENHANCED/10 - 1). Texts have
the lengths of spec/smtp.yaml's (about 40, 60 and 350 characters for text,
summary and description). The same arguments give the same bytes.
"""
import sys

DESCRIPTION = (
    "A synthetic reply for the generator benchmark. The server uses it to "
    "tell the client how the command it sent has fared, and what the client "
    "does next: go on with the next command of the transaction, send the rest "
    "of the data, try again later because the condition is transient, or give "
    "up because the command will fail the same way whenever it is repeated.")


def codes_for(count):
    """count codes spread evenly over 100..999, ascending."""
    if not 1 <= count <= 900:
        raise SystemExit("synth_spec.py: CODES must be 1 to 900")
    return [100 + i * 900 // count for i in range(count)]


def spec(count, enhanced):
    out = []
    w = out.append
    w("# Synthetic spec written by bench/synth_spec.py %d %d. Do not edit." % (count, enhanced))
    w("format: 1")
    w("protocol:")
    w("  name: synth")
    w("  title: Synthetic Protocol")
    w("  prefix: synth")
    w("  line_limit: 512")
    w("references:")
    w("  - id: rfc9999")
    w("    title: The Synthetic Protocol")
    w("    url: https://www.rfc-editor.org/rfc/rfc9999")
    w("digits:")
    w("  first:")
    for digit in range(1, 10):
        w("    - digit: %d" % digit)
        w("      name: class_%d" % digit)
        w("      title: Class %d reply" % digit)
        w("      description: Replies whose first digit is %d." % digit)
    w("  second:")
    for digit in range(10):
        w("    - digit: %d" % digit)
        w("      name: category_%d" % digit)
        w("      title: Category %d" % digit)
        w("      description: Replies whose second digit is %d." % digit)
    codes = codes_for(count)
    w("codes:")
    for code in codes:
        w("  - code: %d" % code)
        w("    name: reply_%d" % code)
        w('    text: "Requested action %d not taken: mailbox unavailable"' % code)
        w('    summary: "The synthetic command %d failed or succeeded as its class says."' % code)
        w("    description: >-")
        words = DESCRIPTION.split()
        for i in range(0, len(words), 11):
            w("      " + " ".join(words[i:i + 11]))
        w("    status: standard")
        w("    refs:")
        w('      - {ref: rfc9999, section: "4.%d"}' % (code // 100))
    w("commands:")
    w("  - name: noop")
    w("    verb: NOOP")
    w("    title: No operation")
    w("    success: [%s]" % ", ".join(str(c) for c in codes if c // 100 == 2))
    w("    intermediate: []")
    w("    error: [%s]" % ", ".join(str(c) for c in codes if c // 100 == 5))
    w("common_errors: []")
    if enhanced:
        if enhanced % 10:
            raise SystemExit("synth_spec.py: ENHANCED must be a multiple of 10")
        w("enhanced:")
        w("  classes:")
        for klass, name in ((2, "success"), (4, "transient_failure"), (5, "permanent_failure")):
            w("    - class: %d" % klass)
            w("      name: %s" % name)
            w("      title: %s" % name.replace("_", " ").title())
            w("      description: Enhanced codes of class %d." % klass)
        w("  subjects:")
        for subject in range(10):
            w("    - subject: %d" % subject)
            w("      name: subject_%d" % subject)
            w("      title: Subject %d Status" % subject)
            w("      description: The status concerns area %d of the mail system." % subject)
        w("  codes:")
        for subject in range(10):
            for detail in range(enhanced // 10):
                w("    - code: X.%d.%d" % (subject, detail))
                w("      name: status_%d_%d" % (subject, detail))
                w('      text: "Synthetic condition %d.%d of the mail system"' % (subject, detail))
                w("      description: >-")
                w("        The condition %d.%d happened while the message was handled; the"
                  % (subject, detail))
                w("        sender may correct it and try again.")
                w("      classes: [4, 5]")
                w("      basic: []")
                w("      refs:")
                w('        - {ref: rfc9999, section: "5.%d"}' % subject)
    return "\n".join(out) + "\n"


def error_table(entries):
    out = ["# compile_et table written by bench/synth_spec.py et %d." % entries,
           "error_table synt"]
    for i in range(entries):
        out.append('ec SYNT_REPLY_%d, "Requested action %d not taken: mailbox unavailable"'
                   % (i, i))
    out.append("end")
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) == 4 and argv[1] == "spec":
        sys.stdout.write(spec(int(argv[2]), int(argv[3])))
    elif len(argv) == 3 and argv[1] == "et":
        sys.stdout.write(error_table(int(argv[2])))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
