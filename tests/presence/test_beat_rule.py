"""The heartbeat's own SQL (presence/beat.py) and the ORM's `Lock.objects.with_liveness()`
spell one rule, "a lock is live while its holder's heartbeats arrive", twice: the beat for
speed, the ORM for every other reader of a lock (the save's check, the article list). They
must agree in every state a lock can be in, the boundary included."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from presence import beat
from presence.models import STALE_AFTER, Lock, Presence
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# How long before "now" the holder's latest heartbeat came (None: they never opened it).
HOLDER_LAST_SEEN = {
    "just now": timedelta(0),
    "at the limit": STALE_AFTER,
    "a second past it": STALE_AFTER + timedelta(seconds=1),
    "never here": None,
}


@pytest.mark.parametrize("last_seen", HOLDER_LAST_SEEN.values(), ids=HOLDER_LAST_SEEN.keys())
def test_the_heartbeat_and_the_orm_agree_whether_the_lock_is_live(last_seen):
    holder = people.writer(username="holder")
    viewer = people.editor(username="viewer")
    article = ArticleFactory()
    now = timezone.now().replace(microsecond=0)
    Lock.objects.create(article=article, holder=holder, since=now - timedelta(minutes=5))
    Presence.objects.create(article=article, user=viewer, since=now, last_seen=now)
    if last_seen is not None:
        seen = now - last_seen
        Presence.objects.create(article=article, user=holder, since=seen, last_seen=seen)

    with time_machine.travel(now, tick=False):
        by_orm = Lock.objects.with_liveness().get(article=article).is_live
        lock, others = beat.here(article.pk, viewer, now - STALE_AFTER)

    assert (lock is not None) == by_orm
    assert by_orm == (last_seen is not None and last_seen <= STALE_AFTER)
    if lock is not None:
        assert lock.holder.username == "holder"
        assert [entry.user.username for entry in others] == ["holder"]
