#!/usr/bin/env python3
"""smtp-explain reads a mail log that a real exim4 writes during the test.

The test starts its own SMTP server on 127.0.0.1 (explain_exim_server.py,
aiosmtpd), which answers with replies chosen here; then Exim, with its own
configuration in a temporary folder (explain_exim.conf.in: its spool, its
log, no daemon, no system spool), delivers two messages to it as the test
user, or as Exim's own user when the test runs as root. Exim writes its
main log as it always does; smtp-explain reads it whole, in JSON and in
text, and must print exactly explain_exim_log.json and .txt, in which
@IDn@ stands for the id of the n-th message Exim logged as arriving ("<="
lines) and @LINE:address@ for the line where Exim logged that address's
delivery or failure, both read from the log by this script.

Exim writes its log to standard error instead of log/mainlog when it runs
as a user that is neither root nor its own with a configuration of its
own (-C); its lines then lack the message ids, which come out as null.

Usage: explain_exim_log.py SMTP_EXPLAIN [--update]
Exit status: 0 passed, 1 failed, 77 (ctest's SKIP_RETURN_CODE) when exim4
is not installed. --update rewrites the expected files from this run.
"""
import json
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
SKIP = 77
TIMEOUT = 60

# Exim's arguments for each message: sender, recipients. The server's
# replies for these addresses are in explain_exim_server.py.
MESSAGES = [
    ("<>", ["unknown@example.com", "full@example.net", "policy@example.org", "odd@example.com",
            "content@example.com"]),
    ("reject-mail@replygen.test", ["friend@example.net"]),
]


def find_exim():
    for path in (shutil.which("exim4"), "/usr/sbin/exim4"):
        if path and os.path.exists(path):
            return path
    return None


def aiosmtpd_python():
    for python in (sys.executable, "/usr/bin/python3"):
        if os.path.exists(python) and subprocess.run(
                [python, "-c", "import aiosmtpd"], capture_output=True).returncode == 0:
            return python
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(process, port):
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the test server exited with status %d" % process.returncode)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the test server is not listening after 15 s")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def exim_user():
    """As root, Exim is run as its own user (Debian-exim), not as root:
    the folder is then that user's. None: run as the test user."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("Debian-exim")
    except KeyError:
        raise RuntimeError("running as root, but user Debian-exim is missing: "
                           "install exim4 as the Debian package exim4-daemon-light")


def run_exim(exim, folder, user):
    config = os.path.join(folder, "exim4.conf")
    stderr_log = os.path.join(folder, "exim-stderr")
    for sender, recipients in MESSAGES:
        message = "Subject: smtp-explain test\n\nA test message.\n"
        options = {}
        if user is not None:
            options = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
        with open(stderr_log, "a") as errors:
            result = subprocess.run([exim, "-C", config, "-odf", "-oi", "-f", sender] + recipients,
                                    input=message, text=True, stdout=subprocess.DEVNULL,
                                    stderr=errors, timeout=TIMEOUT, cwd=folder, **options)
        if result.returncode not in (0, 1):  # 1: some recipients failed
            raise RuntimeError("exim4 exited with status %d" % result.returncode)
    mainlog = os.path.join(folder, "log", "mainlog")
    if not os.path.exists(mainlog):
        shutil.copy(stderr_log, mainlog)
    return mainlog


def placeholders(log_text):
    """@IDn@ and @LINE:address@ as this log has them."""
    values = {}
    ids = [re.search(r" (\S+) <= ", line) for line in log_text.splitlines() if " <= " in line]
    for n, match in enumerate(ids, 1):
        is_id = match is not None and re.fullmatch(r"[0-9A-Za-z]+-[0-9A-Za-z]+-[0-9A-Za-z]+",
                                                      match.group(1))
        values["@ID%d@" % n] = match.group(1) if is_id else None
    for number, line in enumerate(log_text.splitlines(), 1):
        match = re.search(r" (?:\*\*|==|=>|->) (\S+) ", line)
        if match and "@LINE:%s@" % match.group(1) not in values:
            values["@LINE:%s@" % match.group(1)] = str(number)
    return values


def fill(template, values, json_mode):
    def value(match):
        key = match.group(0)
        if key not in values:
            raise RuntimeError("the log has nothing for %s" % key)
        found = values[key]
        if key.startswith("@ID"):
            if json_mode:
                return json.dumps(found)
            return ", queue id " + found if found is not None else ""
        return found
    return re.sub(r"@(?:ID\d+|LINE:[^@\s]+@[^@\s]+)@", value, template)


def unfill(output, values, json_mode):
    """The template an output gives (for --update)."""
    for key, found in values.items():
        if key.startswith("@ID") and found is not None:
            output = output.replace(json.dumps(found) if json_mode else ", queue id " + found, key)
    for key, found in values.items():
        if key.startswith("@LINE:"):
            output = output.replace('"line": %s,' % found, '"line": %s,' % key)
            output = output.replace("mainlog:%s: " % found, "mainlog:%s: " % key)
    return output


def check(explain, folder, values, update):
    failures = 0
    for suffix, options in ((".json", ["--json"]), (".txt", [])):
        result = subprocess.run([explain] + options + ["mainlog"], capture_output=True, text=True,
                                cwd=os.path.join(folder, "log"), timeout=TIMEOUT)
        expected_path = os.path.join(HERE, "explain_exim_log" + suffix)
        if update:
            with open(expected_path, "w") as out:
                out.write(unfill(result.stdout, values, suffix == ".json"))
        with open(expected_path) as template:
            expected = fill(template.read(), values, suffix == ".json")
        if result.stdout != expected or result.stderr != "" or result.returncode != 0:
            failures += 1
            print("FAILED: smtp-explain %s mainlog (exit status %d)" % (" ".join(options),
                                                                        result.returncode))
            print("--- expected\n%s--- got\n%s--- standard error\n%s"
                  % (expected, result.stdout, result.stderr))
        else:
            print("ok: smtp-explain %s mainlog" % " ".join(options))
    return failures


def main():
    if len(sys.argv) not in (2, 3):
        sys.stderr.write("usage: explain_exim_log.py SMTP_EXPLAIN [--update]\n")
        return 2
    explain = os.path.abspath(sys.argv[1])
    update = sys.argv[2:] == ["--update"]
    exim = find_exim()
    if exim is None:
        print("SKIP: exim4 not found (Debian package exim4-daemon-light)")
        return SKIP
    python = aiosmtpd_python()
    if python is None:
        print("FAILED: python3 module aiosmtpd not found (Debian package python3-aiosmtpd)")
        return 1
    folder = tempfile.mkdtemp(prefix="replygen-explain-exim-")
    server = None
    try:
        user = exim_user()
        for sub in ("spool", "log"):
            os.mkdir(os.path.join(folder, sub))
        port = free_port()
        with open(os.path.join(HERE, "explain_exim.conf.in")) as template:
            config = template.read().replace("@DIR@", folder).replace("@PORT@", str(port))
        uid, gid = (user.pw_uid, user.pw_gid) if user is not None else (os.getuid(), os.getgid())
        config = config.replace("@USER@", str(uid)).replace("@GROUP@", str(gid))
        with open(os.path.join(folder, "exim4.conf"), "w") as out:
            out.write(config)
        if user is not None:
            for path in (folder, os.path.join(folder, "spool"), os.path.join(folder, "log"),
                         os.path.join(folder, "exim4.conf")):
                os.chown(path, user.pw_uid, user.pw_gid)
        server = subprocess.Popen([python, os.path.join(HERE, "explain_exim_server.py"), str(port)],
                                  stdin=subprocess.DEVNULL, start_new_session=True)
        wait_for_port(server, port)
        mainlog = run_exim(exim, folder, user)
        stop(server)
        server = None
        with open(mainlog) as log:
            log_text = log.read()
        print("exim4 wrote %s:\n%s" % (mainlog, log_text))
        return 1 if check(explain, folder, placeholders(log_text), update) else 0
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        print("FAILED: %s" % error)
        return 1
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
