"""The signature on every delivery (docs/webhooks.md shows the receiver's side).

    Newsroom-Signature: t=1767225600,v1=<hex HMAC-SHA256 of "1767225600." + body>

The timestamp is inside what is signed, so a captured request cannot be replayed later
than the receiver's tolerance.
"""

import hashlib
import hmac
import time

HEADER = "Newsroom-Signature"
TOLERANCE_SECONDS = 300


def sign(secret, timestamp, body):
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret, body, timestamp=None):
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v1={sign(secret, timestamp, body)}"


def verify(secret, header, body, *, now=None, tolerance=TOLERANCE_SECONDS):
    """True when `header` signs `body` with `secret`, recently enough."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), parts.get("v1", ""))
