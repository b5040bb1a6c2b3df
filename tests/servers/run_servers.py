#!/usr/bin/env python3
"""Start real SMTP servers from Debian's packages on 127.0.0.1, talk to each
with smtp_dialogue (the runtime's streaming parser, strict mode), and check
that every reply parsed, with the code and enhanced code the server sent.

Usage: run_servers.py SMTP_DIALOGUE

Each server is started by this script in its own process group, in a
temporary folder, on a free port, and stopped by it; every wait is bounded.
A server that cannot be started is skipped with the reason. Exit status:
0 when every started server passed, 1 on a failure, 77 (ctest's
SKIP_RETURN_CODE) when no server could be started. With the environment
variable REPLYGEN_REQUIRE_SERVERS=N, fewer than N servers is a failure: CI
sets it so that the test runs rather than skips.
"""
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
START_TIMEOUT = 15   # seconds for a server to accept connections
DIALOGUE_TIMEOUT = 60
STOP_TIMEOUT = 5
SKIP = 77


class Skip(Exception):
    """The server cannot be started here; the message says why."""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(process, port):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise Skip("exited with status %d before listening" % process.returncode)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise Skip("not listening on port %d after %d s" % (port, START_TIMEOUT))


def stop(process):
    """End the server's process group: the server and the children it forked."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def aiosmtpd_python():
    for python in (sys.executable, "/usr/bin/python3"):
        if os.path.exists(python) and subprocess.run(
                [python, "-c", "import aiosmtpd"], capture_output=True).returncode == 0:
            return python
    raise Skip("python3 module aiosmtpd not found (Debian package python3-aiosmtpd)")


class Aiosmtpd:
    name = "aiosmtpd"
    # It keeps no user database: every recipient is accepted.
    recipient = "no-such-user@localhost"
    expected = [("greeting", 220, None), ("EHLO", 250, None), ("MAIL", 250, None),
                ("RCPT", 250, None), ("DATA", 354, None), ("message", 250, None),
                ("XYZZY", 500, None), ("QUIT", 221, None)]

    def version(self):
        python = aiosmtpd_python()
        out = subprocess.run([python, "-c", "import aiosmtpd; print(aiosmtpd.__version__)"],
                             capture_output=True, text=True).stdout.strip()
        return "aiosmtpd " + out

    def start(self, folder, port):
        python = aiosmtpd_python()
        return [python, "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:%d" % port]


class Exim4:
    name = "exim4"
    recipient = "no-such-user@localhost"
    expected = [("greeting", 220, None), ("EHLO", 250, None), ("MAIL", 250, None),
                ("RCPT", 550, "5.1.1"), ("DATA", 503, None), ("XYZZY", 500, None),
                ("QUIT", 221, None)]

    def binary(self):
        found = shutil.which("exim4") or ("/usr/sbin/exim4" if os.path.exists("/usr/sbin/exim4")
                                          else None)
        if found is None:
            raise Skip("exim4 not found (Debian package exim4-daemon-light)")
        return found

    def version(self):
        first = subprocess.run([self.binary(), "-bV"], capture_output=True,
                               text=True).stdout.splitlines()
        match = re.match(r"Exim version (\S+)", first[0] if first else "")
        return "exim4 " + (match.group(1) if match else "(unknown version)")

    def start(self, folder, port):
        binary = self.binary()
        for sub in ("spool", "log", "mail"):
            os.mkdir(os.path.join(folder, sub))
        # As root, Exim receives as its own user, who must own the spool.
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("Debian-exim")
            except KeyError:
                raise Skip("user Debian-exim missing: exim4 is not installed as a package")
            for sub in ("spool", "log", "mail"):
                os.chown(os.path.join(folder, sub), user.pw_uid, user.pw_gid)
        with open(os.path.join(HERE, "exim4.conf.in")) as template:
            config = template.read().replace("@DIR@", folder)
        path = os.path.join(folder, "exim4.conf")
        with open(path, "w") as out:
            out.write(config)
        # -bdf: the daemon stays in the foreground, in the group we stop.
        return [binary, "-C", path, "-bdf", "-oX", str(port)]


def parse_reply_bytes(raw):
    """An independent reading of one reply's bytes, to compare with the
    runtime's: (code, enhanced or None, line count)."""
    lines = raw.split(b"\r\n")
    if lines[-1] != b"":
        raise ValueError("reply does not end in CRLF")
    lines = lines[:-1]
    codes = set()
    for i, line in enumerate(lines):
        match = re.fullmatch(rb"(\d{3})([ -])(.*)", line, re.S)
        if not match:
            raise ValueError("line %r is not code, separator, text" % line)
        last = i == len(lines) - 1
        if match.group(2) != (b" " if last else b"-"):
            raise ValueError("line %r has the wrong separator" % line)
        codes.add(int(match.group(1)))
    if len(codes) != 1:
        raise ValueError("lines carry different codes %s" % sorted(codes))
    enhanced = re.match(rb"\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})(?: |$)", lines[0])
    return codes.pop(), enhanced.group(1).decode() if enhanced else None, len(lines)


def check_transcript(server, output):
    """Problems found in smtp_dialogue's output, and a one-line summary."""
    problems = []
    seen = []
    for row in output.splitlines():
        fields = row.split("\t")
        if fields[0] == "error":
            problems.append("%s: reply did not parse: %s at offset %s"
                            % (fields[1], fields[2], fields[3]))
            continue
        _, command, code, enhanced, line_count, raw = fields
        code, line_count = int(code), int(line_count)
        enhanced = None if enhanced == "-" else enhanced
        try:
            mine = parse_reply_bytes(bytes.fromhex(raw))
        except ValueError as error:
            problems.append("%s: %s" % (command, error))
            continue
        if mine != (code, enhanced, line_count):
            problems.append("%s: runtime read %s, the bytes say %s"
                            % (command, (code, enhanced, line_count), mine))
        seen.append((command, code, enhanced, line_count))
    got = [(command, code, enhanced) for command, code, enhanced, _ in seen]
    if not problems and got != server.expected:
        problems.append("expected replies %s, got %s" % (server.expected, got))
    summary = ", ".join("%s %d%s%s" % (command, code, " " + enhanced if enhanced else "",
                                        " (%d lines)" % lines if lines > 1 else "")
                        for command, code, enhanced, lines in seen)
    return problems, summary


def run_server(server, dialogue):
    """Returns (status, version, message); status is "passed", "failed" or
    "skipped", version None when the server is not there at all."""
    try:
        version = server.version()
    except Skip as reason:
        return "skipped", None, str(reason)
    folder = tempfile.mkdtemp(prefix="replygen-%s-" % server.name)
    os.chmod(folder, 0o755)  # the server's own user must reach its spool
    process = None
    log = None
    try:
        port = free_port()
        command = server.start(folder, port)
        log = open(os.path.join(folder, "server.log"), "w")
        process = subprocess.Popen(command, cwd=folder, stdin=subprocess.DEVNULL,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        wait_for_port(process, port)
        try:
            result = subprocess.run([dialogue, str(port), server.recipient], capture_output=True,
                                    text=True, timeout=DIALOGUE_TIMEOUT)
        except subprocess.TimeoutExpired:
            return "failed", version, "no answer within %d s" % DIALOGUE_TIMEOUT
        problems, summary = check_transcript(server, result.stdout)
        if result.returncode != 0 and not problems:
            problems.append("smtp_dialogue exited %d: %s" % (result.returncode,
                                                             result.stderr.strip()))
        if problems:
            return "failed", version, "; ".join(problems)
        return "passed", version, "port %d: %s" % (port, summary)
    except Skip as reason:
        return "skipped", None, "%s: %s" % (version, reason)
    finally:
        if process is not None:
            stop(process)
        if log is not None:
            log.close()
        shutil.rmtree(folder, ignore_errors=True)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: run_servers.py SMTP_DIALOGUE\n")
        return 2
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    talked_to = []
    for server in (Aiosmtpd(), Exim4()):
        status, version, message = run_server(server, sys.argv[1])
        counts[status] += 1
        print("%s %s: %s" % (status.upper(), version or server.name, message), flush=True)
        if status != "skipped":
            talked_to.append(version)
    print("talked to: %s" % (", ".join(talked_to) if talked_to else "no server"))
    print("%d passed, %d failed, %d skipped" % (counts["passed"], counts["failed"],
                                                counts["skipped"]))
    required = int(os.environ.get("REPLYGEN_REQUIRE_SERVERS", "0"))
    if counts["failed"]:
        return 1
    if len(talked_to) < required:
        print("REPLYGEN_REQUIRE_SERVERS=%d but only %d server(s) could be started"
              % (required, len(talked_to)))
        return 1
    if not talked_to:
        print("SKIP: no SMTP server could be started (install python3-aiosmtpd, "
              "exim4-daemon-light)")
        return SKIP
    return 0


if __name__ == "__main__":
    sys.exit(main())
