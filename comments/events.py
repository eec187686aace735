"""What the comments app tells the rest of the site; it imports none of the listeners."""

from django.db import transaction
from django.dispatch import Signal

comment_approved = Signal()  # comment=; sent on commit when a comment becomes visible


def send_on_commit(signal, **kwargs):
    # Robust: the write has committed, so a failing listener is logged, not the writer's 500.
    transaction.on_commit(lambda: signal.send(sender=signal, **kwargs), robust=True)
