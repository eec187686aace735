"""A Checkout asked for twice goes to one session: a double click on "Join" or "Give", or
the form posted again by a reload, sends the reader to the session the first post
started, and the provider is not asked for a second.

Kept in the cache for REUSE_SECONDS under the reader and a digest of everything the
session is made of (what is bought, its price or amount, the return addresses): a price
changed, another period or amount is another session. Two posts at the same instant both
miss the kept address, so the attempt also carries a claim, set by whichever post comes
first (`cache.add`), which both pass to the provider as the request's idempotency key:
Stripe answers the second with the first's session rather than making another. A
provider that fails drops the attempt, so trying again starts afresh.

Not the site's generic one-time form token (another matter): this is about the effect
outside, the session a reader is charged through.
"""

import hashlib
import json
import secrets

from django.core.cache import cache

from shared.keys import checkout_entry

# Minutes, not the day a Checkout session lives: long enough for a second click or a
# reload, short enough that a reader who comes back later gets a fresh page.
REUSE_SECONDS = 5 * 60


def started_once(user, what, start):
    """The provider's Checkout URL for `what` (a list of plain values): the one started for
    this reader within REUSE_SECONDS, or `start(idempotency_key)`'s."""
    digest = hashlib.sha256(json.dumps([str(v) for v in what]).encode()).hexdigest()[:32]
    key = checkout_entry(user.pk, digest)
    cache.add(key, {"claim": secrets.token_hex(16)}, REUSE_SECONDS)
    kept = cache.get(key) or {"claim": secrets.token_hex(16)}
    if kept.get("url"):
        return kept["url"]
    try:
        url = start(f"newsroom-checkout-{kept['claim']}")
    except Exception:
        cache.delete(key)
        raise
    cache.set(key, {**kept, "url": url}, REUSE_SECONDS)
    return url
