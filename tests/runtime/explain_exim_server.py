"""The SMTP server of tests/runtime/explain_exim_log.py: on 127.0.0.1 at
the port given, it answers each command with a reply chosen by the test,
by the recipient's local part or the sender, so that Exim logs them.

Usage: python3 explain_exim_server.py PORT   (needs aiosmtpd)
"""
import sys
import time

from aiosmtpd.controller import Controller

# RCPT TO:<local@...>: the reply. Others get "250 2.1.5 OK".
RCPT_REPLIES = {
    "unknown": "550 5.1.1 <unknown@example.com>: Recipient address rejected: User unknown",
    "full": "452 4.2.2 Mailbox full",
    "policy": "550-5.7.1 Message refused by policy\r\n550 5.7.1 See https://example.org/policy",
    "odd": "550 5.1.99 Unregistered detail",
}


class Handler:
    async def handle_MAIL(self, server, session, envelope, address, options):
        if address.startswith("reject-mail@"):
            return "550 5.7.1 Sender rejected by policy"
        envelope.mail_from = address
        return "250 2.1.0 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        reply = RCPT_REPLIES.get(address.split("@")[0])
        if reply is not None:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(rcpt.startswith("content@") for rcpt in envelope.rcpt_tos):
            return "554 5.6.0 Message content rejected"
        return "250 2.0.0 Accepted"


def main():
    controller = Controller(Handler(), hostname="127.0.0.1", port=int(sys.argv[1]))
    controller.start()
    try:
        while True:  # until the test stops this process
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
