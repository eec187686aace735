"""Heartbeats, the soft lock and take-overs. None of it is public: nothing here names a cache
key, so no page a reader sees goes stale because staff have an article open."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from articles.services import user_can_publish

from . import beat
from .models import STALE_AFTER, Lock, Presence
from .signals import taken_over


@dataclass
class Visit:
    """What one person's heartbeat learns: the live lock (or None) and who else is here."""

    user: object
    lock: Lock | None
    others: list = field(default_factory=list)

    @property
    def is_holder(self):
        return self.lock is not None and self.lock.holder_id == self.user.pk

    @property
    def held_by_other(self):
        return self.lock is not None and not self.is_holder

    @property
    def taken_from_you(self):
        return self.held_by_other and self.lock.taken_from_id == self.user.pk

    @property
    def may_take_over(self):
        return self.held_by_other and may_take_over(self.user, self.lock.holder)


def may_take_over(user, holder):
    """Editors can always take over from Writers; a Writer cannot from an Editor; among
    equals anyone may."""
    return user_can_publish(user) or not user_can_publish(holder)


def live_lock(article_id):
    lock = Lock.objects.with_liveness().filter(article_id=article_id).first()
    return lock if lock is not None and lock.is_live else None


def presence_beat(*, article_id, user, editing, can_edit, admit=lambda: None):
    """One heartbeat: at most one small write in the usual case (the UPDATE of this person's
    row). `admit()` is asked (and may raise) only on a new visit: whether this person may
    open the article at all. `can_edit()` is asked only when the lock is free and this
    person is editing: the first to open the form for editing holds the article, and a
    holder whose heartbeats paused (a laptop asleep) gets it back if nobody took it."""
    now = timezone.now()
    cutoff = now - STALE_AFTER
    if not beat.touch(article_id, user.pk, now, cutoff):
        # A new visit (or one back after dropping out): "since" starts again.
        admit()
        Presence.objects.update_or_create(
            article_id=article_id, user=user, defaults={"since": now, "last_seen": now}
        )
    lock, others = beat.here(article_id, user, cutoff)
    if editing and lock is None and can_edit():
        lock = _acquire(article_id, user, now)
    return Visit(user=user, lock=lock, others=others)


def _acquire(article_id, user, now):
    """Take a free lock. Two people arriving at once: the row's uniqueness (or the
    compare-and-swap on the dead holder) lets one win; the other sees the winner."""
    stale = Lock.objects.filter(article_id=article_id).first()
    if stale is None:
        try:
            with transaction.atomic():
                Lock.objects.create(article_id=article_id, holder=user, since=now)
        except IntegrityError:
            pass
    else:
        Lock.objects.filter(pk=stale.pk, holder_id=stale.holder_id, since=stale.since).update(
            holder=user, since=now, taken_from=None
        )
    return live_lock(article_id)


def presence_leave(*, article_id, user):
    """The tab closed, or its holder saved and left: they drop out and free the article."""
    Presence.objects.filter(article_id=article_id, user=user).delete()
    Lock.objects.filter(article_id=article_id, holder=user).delete()


def presence_sweep():
    """Remove what closed tabs left behind: presence rows silent past STALE_AFTER, and locks
    whose holder is one of them. Both were already dead (nothing reads a stale row as
    live), so removing them changes what nobody sees; it keeps the tables at the size of
    who is in the admin now. A periodic check (jobs/periodic.py, from apps.py): two DELETEs
    over a handful of rows every worker beat. A lock re-taken since the sweep began has a
    new `since`, so it is never removed from under its new holder."""
    cutoff = timezone.now() - STALE_AFTER
    Presence.objects.filter(last_seen__lt=cutoff).delete()
    holder_here = Presence.objects.live().filter(
        article_id=OuterRef("article_id"), user_id=OuterRef("holder_id")
    )
    Lock.objects.filter(since__lt=cutoff).exclude(Exists(holder_here)).delete()


@transaction.atomic
def lock_take_over(*, article, user):
    """Move the article's lock to `user`. The one who held it is told on their next
    heartbeat (Lock.taken_from) and by `taken_over`, sent on commit. A live lock the role
    rule protects refuses with PermissionDenied."""
    now = timezone.now()
    lock = Lock.objects.select_for_update().filter(article=article).first()
    previous = None
    if lock is not None and lock.holder_id != user.pk and live_lock(article.pk) is not None:
        if not may_take_over(user, lock.holder):
            raise PermissionDenied(
                f"{lock.holder.public_name} is an editor: a writer cannot take over "
                "from an editor. Leave a note instead."
            )
        previous = lock.holder
    if lock is None:
        lock = Lock(article=article)
    lock.holder, lock.since, lock.taken_from = user, now, previous
    lock.save()
    Presence.objects.update_or_create(
        article=article,
        user=user,
        defaults={"last_seen": now},
        create_defaults={"since": now, "last_seen": now},
    )
    if previous is not None:
        transaction.on_commit(
            lambda: taken_over.send(sender=Lock, article=article, holder=previous, by=user),
            robust=True,
        )
    return previous


def held_by_other(article, user):
    """(holder's display name, since) when someone other than `user` holds `article` now."""
    lock = live_lock(article.pk)
    if lock is None or lock.holder_id == user.pk:
        return None
    return lock.holder.public_name, lock.since


def save_refusal(*, article, user):
    """Why `user` may not save `article` now (someone else holds it), or None."""
    lock = live_lock(article.pk)
    if lock is None or lock.holder_id == user.pk:
        return None
    since = timezone.localtime(lock.since)
    return (
        f"{lock.holder.public_name} is editing this article since {since:%H:%M}, so nothing "
        "of yours was saved. What you typed is still in the form below: copy it, leave a "
        "note, or take over to save it."
    )
