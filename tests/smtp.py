"""A real SMTP server (aiosmtpd) on a free port, keeping what it receives."""

import asyncio
import email
import threading
from email import policy

from aiosmtpd.controller import Controller

from tests.pgserver import free_port


class Inbox:
    """What the server accepted, each after `delay` seconds. With `hold_at=n`, the server
    keeps the n-th message (counting from 1) waiting before it answers, until `release()`;
    a client that goes away meanwhile never gets the answer, and, as with any SMTP server,
    that message is not taken."""

    def __init__(self, hold_at=None, delay=0):
        self.messages = []
        self.hold_at = hold_at
        self.delay = delay
        self.holding = threading.Event()
        self.released = threading.Event()
        self.dropped = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        await asyncio.sleep(self.delay)  # a slow server, or one far away
        if self.hold_at and len(self.messages) + 1 == self.hold_at and not self.holding.is_set():
            self.holding.set()
            try:
                while not self.released.is_set():
                    await asyncio.sleep(0.05)
            except asyncio.CancelledError:  # the client went away before the answer
                self.dropped.append(message)
                raise
        self.messages.append(message)
        return "250 OK"

    def release(self):
        self.released.set()

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]


def start(port=None, hold_at=None, delay=0):
    inbox = Inbox(hold_at=hold_at, delay=delay)
    controller = Controller(inbox, hostname="127.0.0.1", port=port or free_port())
    controller.start()
    return controller, inbox
