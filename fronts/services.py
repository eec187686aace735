"""Writes of the fronts app that readers see, each naming exactly what it changed."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone

from notifications import kinds
from notifications.services import notify
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


class LayoutMovedOn(Exception):
    """Publishing a layout made from an older one would undo, unseen, what was published on
    the front since: `changes` (versions.changes_since) for the Editor to read, and the
    layout readers see now (`current`, its version's id), to confirm replacing."""

    def __init__(self, changes, current):
        self.changes, self.current = changes, current
        super().__init__("This front was changed since this layout was proposed.")


class NothingChanged(Exception):
    """A save that would record nothing new (the layout readers see, again; or the same
    layout already waiting at the same time): no version is made and nothing is marked."""

    def __init__(self, message="No changes to save: this layout is the one readers see."):
        super().__init__(message)


def can_publish(user):
    return user.is_active and user.is_staff and user.has_perm(PUBLISH_FRONT)


def can_propose(user):
    return user.is_active and user.is_staff and user.has_perm(PROPOSE_FRONT)


def front_editors():
    """The active staff who may publish a front's layout (through a group or their own)."""
    perm = Q(groups__permissions__codename="change_front") | Q(
        user_permissions__codename="change_front"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(perm)
        .filter(
            Q(groups__permissions__content_type__app_label="fronts")
            | Q(user_permissions__content_type__app_label="fronts")
        )
        .distinct()
    )


def current_version(front):
    """The version readers see now (the last applied), or None."""
    applied = front.versions.filter(status=Status.APPLIED)
    return applied.order_by("-applied_at", "-pk").first()


def base_of(version):
    """The published layout `version` was made from: recorded, or (a version saved before
    it was) the one published when it was saved. None: the front had none."""
    if version.based_on_id:
        return version.based_on
    earlier = version.front.versions.filter(
        status=Status.APPLIED, applied_at__lte=version.created_at
    ).exclude(pk=version.pk)
    return earlier.order_by("-applied_at", "-pk").first()


CURRENT = object()


def save_layout(*, front, layout, user, publish_at=None, summary=None, based_on=CURRENT):
    """Save a layout of `front`: an Editor's is applied now, or at `publish_at` when that is
    to come (the clock applies it: `apply_due`); a Writer's is kept as a proposal, changing
    nothing readers see, and the Editors are told. `based_on`: the published version the
    layout was made from (the layout screen's, None when it had none; by default the one
    published now). Returns
    the new `FrontVersion`; ValidationError (nothing saved) when the layout is not whole,
    PermissionDenied for a user who may not even propose."""
    if not can_propose(user):
        raise PermissionDenied("You may not change fronts.")
    layout = versions.clean(layout)
    now = timezone.now()
    if publish_at is not None and publish_at <= now:
        publish_at = None  # "now" from a form a little late is now
    current = versions.snapshot(front)
    _check_changed(front, layout, current, user=user, publish_at=publish_at)
    version = FrontVersion(
        front=front,
        layout=layout,
        created_by=user,
        created_at=now,
        publish_at=publish_at,
        summary=summary or versions.summary(current, layout),
        based_on=current_version(front) if based_on is CURRENT else based_on,
    )
    if not can_publish(user):
        version.status = Status.PROPOSED
        with transaction.atomic():
            version.save()  # nothing public: no key is marked
            text = f"{_name(user)} proposed a layout of the {front}: {version.summary}"
            notify(
                recipients=front_editors(), kind=kinds.FRONT_PROPOSED.code, text=text, actor=user
            )
        return version
    return _publish(version, user, now)


def _check_changed(front, layout, current, *, user, publish_at):
    """NothingChanged for a second press of Save (same content): a layout equal to the one
    up now, saved now or proposed, changes nothing; one equal to a layout this person
    already has waiting (scheduled for the same time, or proposed) would only repeat it. A
    layout equal to the live one but scheduled is kept: it may undo one scheduled before."""
    proposing = not can_publish(user)
    if layout == current and (proposing or publish_at is None):
        raise NothingChanged()
    waiting = Status.PROPOSED if proposing else Status.SCHEDULED
    for version in front.versions.filter(status=waiting, created_by=user):
        if version.layout == layout and version.publish_at == publish_at:
            raise NothingChanged("No changes to save: this layout is already waiting.")


def publish_proposal(*, version, user, publish_at=None, replacing=None):
    """An Editor publishes a Writer's proposal: now, or at `publish_at`, and the Writer is
    told. LayoutMovedOn (nothing published) when the front was changed since the proposal
    was made from it, unless `replacing` is the id of the version readers see now (the
    Editor saw what publishing undoes and confirmed)."""
    if not can_publish(user):
        raise PermissionDenied("Only editors publish a front's layout.")
    if version.status != Status.PROPOSED:
        raise ValidationError("This layout is not a proposal waiting to be published.")
    current = current_version(version.front)
    base = base_of(version)
    if current is not None and base != current and replacing != current.pk:
        before = base.layout if base else {"zones": []}
        now_shown = versions.snapshot(version.front)
        changes = versions.changes_since(before, now_shown, version.layout)
        if changes:
            raise LayoutMovedOn(changes, current.pk)
    now = timezone.now()
    version.publish_at = publish_at if publish_at and publish_at > now else None
    with transaction.atomic():
        _publish(version, user, now)
        if version.status == Status.SCHEDULED:
            when = formats.date_format(timezone.localtime(version.publish_at), "j M Y, H:i")
            done = f"scheduled your layout of the {version.front} for {when}"
        else:
            done = f"published your layout of the {version.front}"
        _tell_proposer(version, user, done)
    return version


def reject_proposal(*, version, user, note=""):
    """An Editor turns a Writer's proposal down (kept in the history, with why), and the
    Writer is told. Nothing public changes."""
    if not can_publish(user):
        raise PermissionDenied("Only editors reject a proposed layout.")
    if version.status != Status.PROPOSED:
        raise ValidationError("This layout is not a proposal waiting to be published.")
    note = " ".join(note.split())[:300]
    with transaction.atomic():
        version.status, version.rejected_by, version.rejection_note = Status.REJECTED, user, note
        version.save(update_fields=["status", "rejected_by", "rejection_note"])
        done = f"rejected your layout of the {version.front}" + (f": {note}" if note else "")
        _tell_proposer(version, user, done)
    return version


def changed_since_scheduled(version, current):
    """The layout published over the one a scheduled `version` was made from (`current`,
    the layout readers see now), or None when nothing was published in between. The
    schedule still goes ahead and replaces it: the Editor asked for that layout at that
    time, and a merge of the two would be a layout nobody chose. The history says so and
    offers to cancel the schedule (`cancel_schedule`)."""
    if version.status != Status.SCHEDULED or current is None:
        return None
    return None if base_of(version) == current else current


def scheduled_over(front, now=None):
    """The layouts scheduled to replace `front`'s at their time, soonest first."""
    waiting = front.versions.filter(status=Status.SCHEDULED, publish_at__gt=now or timezone.now())
    return list(waiting.select_related("created_by", "published_by").order_by("publish_at", "pk"))


def cancel_schedule(*, version, user):
    """An Editor calls off a scheduled layout before its time: kept in the history as
    cancelled, and the clock's next change moves (`schedule`), as scheduling moved it."""
    if not can_publish(user):
        raise PermissionDenied("Only editors cancel a scheduled layout.")
    with transaction.atomic():
        mine = FrontVersion.objects.filter(pk=version.pk, status=Status.SCHEDULED)
        if not mine.update(status=Status.CANCELLED, rejected_by=user):
            raise ValidationError(
                "This layout is no longer scheduled (it went live, or was cancelled)."
            )
        content_changed(SCHEDULE)
    version.status, version.rejected_by = Status.CANCELLED, user
    return version


def _tell_proposer(version, user, done):
    notify(
        recipients=[version.created_by_id],
        kind=kinds.FRONT_DECIDED.code,
        text=f"{_name(user)} {done}",
        actor=user,
    )


def _name(user):
    return user.public_name


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
            _tell_schedulers(version, user, now)
    return version


def _tell_schedulers(version, user, now):
    """Whoever scheduled a layout of this front for later is told that one was published
    meanwhile: theirs still replaces it at its time (`changed_since_scheduled`), so they
    can let it stand or cancel it. The clock applying a schedule tells nobody: that is the
    order the schedules asked for."""
    times = {}
    for waiting in scheduled_over(version.front, now):
        when = formats.date_format(timezone.localtime(waiting.publish_at), "j M Y, H:i")
        times.setdefault(waiting.published_by_id, []).append(when)
    for scheduler, whens in times.items():
        text = (
            f"{_name(user)} published a layout of the {version.front}; yours scheduled for "
            f"{', '.join(whens)} still replaces it then. Cancel it in the front's history "
            "if it should not."
        )
        notify(recipients=[scheduler], kind=kinds.FRONT_OVERTAKEN.code, text=text, actor=user)


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
