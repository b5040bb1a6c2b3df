#!/usr/bin/env python3
"""smtplib_reader.py: Python's smtplib reply reader over the bytes of a file.

    smtplib_reader.py FILE [ROUNDS]

SMTP.getreply() reads replies from self.sock.makefile('rb'), as it does
on a real connection; here the socket is a stand-in whose makefile()
returns the same buffered reader over the file's bytes, so smtplib's own
code does all the work. Prints "key=value" lines for bench/bench.py: the
median MB/s (10^6 bytes per second of process time) over ROUNDS, and the
replies and the sum of their codes, to check it read what bench_parse did.
"""
import io
import smtplib
import statistics
import sys
import time


class BytesSocket:
    """Just what SMTP.getreply() uses of a socket: makefile('rb')."""

    def __init__(self, data):
        self.data = data

    def makefile(self, mode):
        assert mode == "rb"
        # socket.makefile('rb') is a BufferedReader over a raw socket stream.
        return io.BufferedReader(io.BytesIO(self.data))

    def close(self):
        pass


def read_all(data):
    client = smtplib.SMTP()  # no host: it does not connect
    client.sock = BytesSocket(data)
    client.file = None
    replies = 0
    code_sum = 0
    while True:
        try:
            code, _message = client.getreply()
        except smtplib.SMTPServerDisconnected:
            break  # the end of the bytes
        replies += 1
        code_sum += code
    return replies, code_sum


def main():
    path = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with open(path, "rb") as f:
        data = f.read()
    speeds = []
    for _ in range(rounds):
        start = time.process_time()
        replies, code_sum = read_all(data)
        seconds = time.process_time() - start
        speeds.append(len(data) / 1e6 / seconds)
    print(f"smtplib.bytes={len(data)}")
    print(f"smtplib.replies={replies}")
    print(f"smtplib.code_sum={code_sum}")
    print(f"smtplib.mb_per_s={statistics.median(speeds):.6g}")
    print(f"smtplib.python={sys.version.split()[0]}")


if __name__ == "__main__":
    main()
