"""Writes of the fronts app that readers see, each naming exactly what it changed."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from shared.cache import content_changed
from shared.keys import BANNER, FRONTS, SCHEDULE, front_key

from . import versions
from .models import Banner, Front, FrontVersion, Placement, Zone

SET_BANNER = "fronts.set_banner"
# Editors lay out fronts (the permission the admin's zone forms ask for too); Writers,
# who may look at fronts, propose layouts an Editor publishes.
PUBLISH_FRONT = "fronts.change_front"
PROPOSE_FRONT = "fronts.view_front"
Status = FrontVersion.Status


def can_publish(user):
    return user.is_active and user.is_staff and user.has_perm(PUBLISH_FRONT)


def can_propose(user):
    return user.is_active and user.is_staff and user.has_perm(PROPOSE_FRONT)


def save_layout(*, front, layout, user, publish_at=None, summary=None):
    """Save a layout of `front`: an Editor's is applied now, or at `publish_at` when that is
    to come (the clock applies it: `apply_due`); a Writer's is kept as a proposal, changing
    nothing readers see. Returns the new `FrontVersion`; ValidationError (nothing saved)
    when the layout is not whole, PermissionDenied for a user who may not even propose."""
    if not can_propose(user):
        raise PermissionDenied("You may not change fronts.")
    layout = versions.clean(layout)
    now = timezone.now()
    if publish_at is not None and publish_at <= now:
        publish_at = None  # "now" from a form a little late is now
    current = versions.snapshot(front)
    version = FrontVersion(
        front=front,
        layout=layout,
        created_by=user,
        created_at=now,
        publish_at=publish_at,
        summary=summary or versions.summary(current, layout),
    )
    if not can_publish(user):
        version.status = Status.PROPOSED
        version.save()  # nothing public: no key is marked
        return version
    return _publish(version, user, now)


def publish_proposal(*, version, user, publish_at=None):
    """An Editor publishes a Writer's proposal: now, or at `publish_at`."""
    if not can_publish(user):
        raise PermissionDenied("Only editors publish a front's layout.")
    if version.status != Status.PROPOSED:
        raise ValidationError("This layout is not a proposal waiting to be published.")
    now = timezone.now()
    version.publish_at = publish_at if publish_at and publish_at > now else None
    return _publish(version, user, now)


def revert(*, version, user):
    """Go back to an earlier layout: a new version with that layout (for a Writer, a
    proposal), so the history keeps every step."""
    when = timezone.localtime(version.applied_at or version.created_at)
    return save_layout(
        front=version.front,
        layout=version.layout,
        user=user,
        summary=f"Reverted to the layout of {when:%d %b %Y %H:%M}",
    )


def _publish(version, user, now):
    version.published_by = user
    with transaction.atomic():
        if version.publish_at:
            version.status = Status.SCHEDULED
            version.save()
            content_changed(SCHEDULE)  # the clock's next change moved
        else:
            version.status, version.applied_at = Status.APPLIED, now
            version.save()
            apply_layout(version.front, version.layout, user, now)
    return version


def apply_due(now=None):
    """Apply every scheduled layout whose time has come, in time order: called when a page
    finds one due (fronts/state.py), so the clock applies them with no cron. Each applied
    once, whichever worker gets there first. The number applied."""
    now = now or timezone.now()
    applied = 0
    due = FrontVersion.objects.filter(status=Status.SCHEDULED, publish_at__lte=now)
    with transaction.atomic():
        for version in due.select_related("front").order_by("publish_at", "pk"):
            mine = FrontVersion.objects.filter(pk=version.pk, status=Status.SCHEDULED)
            if mine.update(status=Status.APPLIED, applied_at=now):
                who = version.published_by or version.created_by
                apply_layout(version.front, version.layout, who, now)
                applied += 1
        if applied:
            content_changed(SCHEDULE)
    return applied


def apply_layout(front, layout, user, now):
    """Make the front's rows the layout's, naming the front's page (and, when the page gains
    or loses its front, which pages have one)."""
    layout = versions.still_there(layout)
    with transaction.atomic():
        had_zones = front.zones.exists()
        front.zones.all().delete()
        zones = Zone.objects.bulk_create(
            Zone(
                front=front,
                position=position,
                **{
                    name if name in ("kind", "title", "size", "rule") else f"{name}_id": zone[name]
                    for name in versions.ZONE_FIELDS
                },
            )
            for position, zone in enumerate(layout["zones"])
        )
        Placement.objects.bulk_create(
            Placement(
                zone=row,
                position=position,
                article_id=placed["article"],
                image_id=placed["image"],
                headline=placed["headline"],
                standfirst=placed["standfirst"],
                label=placed["label"],
            )
            for row, zone in zip(zones, layout["zones"], strict=True)
            for position, placed in enumerate(zone["placements"])
        )
        Front.objects.filter(pk=front.pk).update(updated_at=now, updated_by=user)
        front.updated_at, front.updated_by = now, user
        if had_zones != bool(zones):
            fronts_changed()
        front_changed(category_id=front.category_id)


def record_edit(*, front, user):
    """The admin's zone forms changed the front's rows: keep the layout they left as a
    version (so history and revert see every edit) and who made it."""
    now = timezone.now()
    layout = versions.snapshot(front)
    last = front.versions.filter(status=Status.APPLIED).order_by("-applied_at", "-pk").first()
    before = last.layout if last else {"zones": []}
    FrontVersion.objects.create(
        front=front,
        layout=layout,
        summary=versions.summary(before, layout),
        status=Status.APPLIED,
        created_by=user,
        created_at=now,
        applied_at=now,
        published_by=user,
    )
    Front.objects.filter(pk=front.pk).update(updated_at=now, updated_by=user)


def front_changed(*, category_id):
    """A front's layout changed (its zones, placements or presentation): its page alone."""
    content_changed(front_key(category_id))


def fronts_changed():
    """Which pages have a front may have changed (a zone made or removed): the fronts
    state every page reads, no page itself."""
    content_changed(FRONTS)


def banner_set(*, user, text, link="", urgency=Banner.Urgency.BREAKING, expires_at=None):
    """Put `text` across every page, replacing any banner up now. Editors only."""
    _check(user)
    text, link = text.strip(), link.strip()
    if not text:
        raise ValidationError("Write the banner's text.")
    if (
        link
        and not (link.startswith("/") and not link.startswith("//"))
        and not (link.startswith("https://") or link.startswith("http://"))
    ):
        raise ValidationError("The link must be an address on this site (/...) or http(s)://.")
    now = timezone.now()
    if expires_at is not None and expires_at <= now:
        raise ValidationError("The expiry must be in the future.")
    with transaction.atomic():
        _clear_current(user, now)
        banner = Banner.objects.create(
            text=text, link=link, urgency=urgency, expires_at=expires_at, set_at=now, set_by=user
        )
        _changed()
    return banner


def banner_clear(*, user):
    """Take the banner down (kept for the record). True when there was one up."""
    _check(user)
    with transaction.atomic():
        cleared = _clear_current(user, timezone.now())
        if cleared:
            _changed()
    return bool(cleared)


def _check(user):
    if not (user.is_active and user.has_perm(SET_BANNER)):
        raise PermissionDenied("Only editors set and clear the breaking-news banner.")


def _clear_current(user, now):
    return Banner.objects.current(now).update(cleared_at=now, cleared_by=user)


def _changed():
    content_changed(BANNER)
