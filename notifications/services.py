"""Writes of the notifications app: telling people, reading, preferences, the e-mail window.

None of them changes anything public: no cache key is named here (a notification is the
newsroom's own business, never on the site, in the API, feeds or webhooks)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from jobs import enqueue_on_commit
from shared.mail_headers import header_text

from . import conf, kinds
from .models import MailWindow, Notification, Preference
from .tasks import later, send_notifications_mail

# A window whose mail should have gone this long ago belongs to a job that gave up (its
# retries spent): the next notification opens a new window instead of waiting on it.
STALE_WINDOW = timedelta(hours=2)


def notify(*, recipients, kind, text, article=None, actor=None):
    """Tell `recipients` (users, or their ids) something: the one entry point for every app.

    `kind` is a code of `notifications.kinds.KINDS` ("submitted", "mentioned",
    "taken_over", ...); `text` one line in an editor's words ("Amara Okafor submitted
    “Harbour fees rise” for review"); `article` the story it is about (the notification links
    to its page in the admin); `actor` who did it: never told of their own action.

    Only active staff are told, each as their preferences for `kind` say (in the admin, by
    e-mail, both or neither). The rows are written when the caller's transaction commits, so
    a rolled-back action tells nobody, and a failure here never undoes the caller's write.
    E-mail goes later, batched per person (`tasks.send_notifications_mail`).
    """
    kinds.get(kind)  # an unknown kind fails in the caller, at once
    ids = {getattr(person, "pk", person) for person in recipients}
    ids.discard(getattr(actor, "pk", actor))
    ids.discard(None)
    if not ids:
        return
    text = header_text(text)[: Notification._meta.get_field("text").max_length]
    article_id = getattr(article, "pk", article)
    actor_id = getattr(actor, "pk", actor)
    transaction.on_commit(
        lambda: _create(ids, kind=kind, text=text, article_id=article_id, actor_id=actor_id),
        robust=True,
    )


@transaction.atomic
def _create(ids, *, kind, text, article_id, actor_id):
    people = get_user_model().objects.filter(pk__in=ids, is_active=True, is_staff=True)
    wanted = channels(kind, people.values_list("pk", flat=True))
    now = timezone.now()
    rows = [
        Notification(
            recipient_id=user_id,
            kind=kind,
            text=text,
            article_id=article_id,
            actor_id=actor_id,
            created_at=now,
            in_admin=in_admin,
            by_email=by_email,
        )
        for user_id, (in_admin, by_email) in sorted(wanted.items())
        if in_admin or by_email
    ]
    Notification.objects.bulk_create(rows)
    for row in rows:
        if row.by_email:
            _open_mail_window(row.recipient_id, now)
    return rows


def channels(kind, user_ids):
    """{user id: (in the admin?, by e-mail?)} for `kind`; no preference row means both."""
    wanted = dict.fromkeys(user_ids, (True, True))
    chosen = Preference.objects.filter(user_id__in=list(wanted), kind=kind)
    for preference in chosen.values_list("user_id", "in_admin", "by_email"):
        wanted[preference[0]] = preference[1:]
    return wanted


def _open_mail_window(user_id, now):
    """Queue the person's next e-mail after the window, unless one is already waiting."""
    window, _ = MailWindow.objects.select_for_update().get_or_create(user_id=user_id)
    waiting = window.next_mail_at and window.next_mail_at > now - STALE_WINDOW
    if waiting:
        return  # the waiting e-mail will list this one too
    window.next_mail_at = now + conf.email_every()
    window.save(update_fields=["next_mail_at"])
    enqueue_on_commit(later(send_notifications_mail, window.next_mail_at), user_id)


def notification_open(*, notification):
    """The person opened it: it is read."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, user):
    return Notification.objects.unread_for(user).update(read_at=timezone.now())


@transaction.atomic
def preferences_set(*, user, choices):
    """`choices`: {kind code: (in the admin?, by e-mail?)}; kinds left out keep theirs."""
    for code, (in_admin, by_email) in choices.items():
        kinds.get(code)
        Preference.objects.update_or_create(
            user=user, kind=code, defaults={"in_admin": in_admin, "by_email": by_email}
        )


def channels_for_user(user):
    """{kind code: (in the admin?, by e-mail?)} for every kind, as `user` chose."""
    chosen = dict.fromkeys(kinds.KINDS, (True, True))
    for preference in Preference.objects.filter(user=user, kind__in=list(chosen)):
        chosen[preference.kind] = (preference.in_admin, preference.by_email)
    return chosen
