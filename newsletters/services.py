"""The writes of newsletters: subscribing (double opt-in), following, unsubscribing,
suppressing, and starting the sends that the jobs in `tasks.py` carry out."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.utils import timezone

from jobs import enqueue_on_commit
from shared.mail_headers import header_text

from . import conf, follows, mail
from .models import Delivery, Kind, Send, Subscriber, Suppression, wants_field


def subscription_request(*, email, follow=""):
    """Mail a confirmation link. Nothing is stored until it is followed, so the answer (and
    the time it takes) is the same whether the address is known, new or suppressed. A
    bounced address gets the link (following it shows the mailbox works again); an address
    that complained gets nothing."""
    email = email.strip().lower()
    if Suppression.objects.filter(email=email).exclude(reason__in=Suppression.BOUNCES).exists():
        return
    target = follows.parse(follow)
    name = follows.label(target[1]) if target else ""
    from .tasks import mail_confirmation

    enqueue_on_commit(mail_confirmation, email, follow if target else "", name)


@transaction.atomic
def subscription_confirm(*, email, follow=""):
    """The reader followed the link mailed to the address: it takes mail, so a bounce that
    suppressed it is over (a complaint is not: only an editor lifts that)."""
    Suppression.objects.filter(email=email, reason__in=Suppression.BOUNCES).delete()
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    if subscriber.soft_bounces:
        subscriber.soft_bounces = 0
        subscriber.save(update_fields=["soft_bounces"])
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["confirmed_at"])
    target = follows.parse(follow)
    if target:
        getattr(subscriber, target[0]).add(target[1])
    return subscriber, target


def subscriber_for_user(user):
    """A logged-in reader's subscription: their address was confirmed when they signed up."""
    subscriber = getattr(user, "subscriber", None)
    if subscriber is None:
        try:
            with transaction.atomic():
                subscriber, _ = Subscriber.objects.get_or_create(
                    email=user.email.lower(), defaults={"confirmed_at": timezone.now()}
                )
                subscriber.user = user
                subscriber.confirmed_at = subscriber.confirmed_at or timezone.now()
                subscriber.save()
        except IntegrityError:
            subscriber = Subscriber.objects.get(user=user)
    return subscriber


def subscriber_follow(*, subscriber, spec, follow=True):
    target = follows.parse(spec)
    if target is None:
        return None
    related = getattr(subscriber, target[0])
    related.add(target[1]) if follow else related.remove(target[1])
    return target[1]


@transaction.atomic
def subscriber_preferences_set(*, subscriber, stop=(), **wants):
    """Which kinds of mail the reader takes, and follows they drop; the rest stays."""
    for name, value in wants.items():
        setattr(subscriber, name, value)
    subscriber.save(update_fields=list(wants))
    for spec in stop:
        subscriber_follow(subscriber=subscriber, spec=spec, follow=False)


def subscriber_forget(*, subscriber):
    """Delete the subscription: the address, its follows and its delivery records. A
    suppression (a bounce, a complaint) is kept: it is what stops mail to the address."""
    subscriber.delete()


def subscriber_unsubscribe(*, subscriber_id, kind):
    """Stop one kind of mail; the other kinds stay as they were."""
    if kind not in Kind.values:
        return None
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is not None:
        setattr(subscriber, wants_field(kind), False)
        subscriber.save(update_fields=[wants_field(kind)])
    return subscriber


def suppression_add(*, email, reason, detail=""):
    Suppression.objects.update_or_create(
        email=email.lower(), defaults={"reason": reason, "detail": detail[:2000]}
    )


@transaction.atomic
def suppression_lift(*, suppressions):
    """An editor's decision: the addresses get mail again, their soft-bounce count anew."""
    emails = list(suppressions.values_list("email", flat=True))
    Subscriber.objects.filter(email__in=emails).update(soft_bounces=0)
    Suppression.objects.filter(email__in=emails).delete()
    return len(emails)


def soft_bounce_record(*, email, detail=""):
    """One more soft bounce in a row for the address; at the limit it is suppressed."""
    readers = Subscriber.objects.filter(email=email.lower())
    readers.update(soft_bounces=F("soft_bounces") + 1)  # in the database: webhooks race
    bounces = readers.values_list("soft_bounces", flat=True).first()
    if bounces is not None and bounces >= conf.soft_bounce_limit():
        suppression_add(email=email, reason=Suppression.Reason.SOFT_BOUNCES, detail=detail)


def send_start(send):
    from .tasks import later, send_batch

    enqueue_on_commit(later(send_batch, send.run_after), send.pk)
    return send


ALERT_REPEAT_WINDOW = timedelta(minutes=10)


@transaction.atomic
def alert_create(*, article, category=None, subject=""):
    """A breaking-news alert about a published article, to a section's followers or to
    everyone taking alerts. Returns (send, created): the same alert asked for again within
    ALERT_REPEAT_WINDOW (a second click, a second editor) is the one already queued."""
    if not article.is_published:
        raise ValidationError("Only a published article can be sent as an alert.")
    recent = Send.objects.filter(
        kind=Kind.ALERT,
        article=article,
        category=category,
        created_at__gte=timezone.now() - ALERT_REPEAT_WINDOW,
    ).first()
    if recent is not None:
        return recent, False
    send = Send.objects.create(
        kind=Kind.ALERT,
        subject=subject or header_text(f"Breaking: {article.headline}")[:200],
        article=article,
        category=category,
    )
    return send_start(send), True


@transaction.atomic
def newsletter_send(*, newsletter, when=None):
    """Send a newsletter to every reader taking newsletters, now or at `when`. Its articles
    are read as each batch goes, so one scheduled to publish before then is in it. Once
    only: a newsletter that has a send is not sent again."""
    if Send.objects.select_for_update().filter(newsletter=newsletter).exists():
        raise ValidationError("This newsletter was already sent or scheduled.")
    if when is None and not newsletter.published_articles().exists():
        raise ValidationError("None of its articles is published yet: nothing to send.")
    if when is not None:
        newsletter.scheduled_for = when
        newsletter.save(update_fields=["scheduled_for"])
    send = Send.objects.create(
        kind=Kind.NEWSLETTER,
        subject=newsletter.subject,
        newsletter=newsletter,
        tier_id=newsletter.tier_id,
        run_after=when or timezone.now(),
    )
    return send_start(send)


def newsletter_message(*, newsletter, reader, subject=None):
    """The newsletter as `reader` would get it now, or None with no published article."""
    send = Send(kind=Kind.NEWSLETTER, subject=subject or newsletter.subject, newsletter=newsletter)
    return mail.for_send(send, reader, articles=list(newsletter.published_articles()))


def newsletter_test_send(*, newsletter, email):
    """The issue as readers will get it, to the editor alone; no delivery row is kept."""
    message = newsletter_message(
        newsletter=newsletter,
        reader=Subscriber(pk=0, email=email),
        subject=f"[Test] {newsletter.subject}",
    )
    if message is not None:
        message.send()
    return message is not None


def digest_due_at(day):
    """The digest's time on `day`, in the site's time zone (TIME_ZONE)."""
    return timezone.make_aware(datetime.combine(day, conf.digest_time()))


def digest_if_due():
    """Start today's digest once its time has come. Every job worker asks on every beat
    (jobs/periodic.py), so there is no cron; the digest's unique day makes it happen once
    however many workers ask. A worker that was down at the time sends it when it is back,
    the same day; a day no worker saw passes without a digest."""
    day = timezone.localdate()
    if conf.digest_time() is None:
        return None
    if timezone.now() < digest_due_at(day) or Send.objects.filter(digest_day=day).exists():
        return None
    return digest_create(day=day)


@transaction.atomic
def digest_create(*, day):
    """The digest of `day`, once: the unique day makes a second call (or worker) a no-op.
    It holds what was published in the day before its time, so the windows of successive
    digests meet with no gap and no overlap, whenever each one actually runs."""
    until = digest_due_at(day)
    try:
        with transaction.atomic():
            send = Send.objects.create(
                kind=Kind.DIGEST,
                subject=f"Your daily digest, {until:%-d %B %Y}",
                digest_day=day,
                since=until - timedelta(days=1),
                created_at=until,
            )
    except IntegrityError:
        return None
    return send_start(send)


def send_stats(send):
    counts = dict.fromkeys(Delivery.Status.values, 0)
    for row in send.deliveries.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    counts["recipients"] = sum(counts.values()) - counts["skipped"]
    counts["interrupted"] = send.deliveries.filter(interrupted=True).count()
    counts["unsubscribed_since"] = (
        Subscriber.objects.filter(pk__in=send.deliveries.values("subscriber"))
        .filter(**{wants_field(send.kind): False})
        .count()
    )
    return counts
