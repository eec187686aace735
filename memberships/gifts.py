"""Gift links: a member shares one story, in full, with anyone who follows the link.

The link is the story's address with `?gift=TOKEN`, TOKEN signed with django.core.signing
under its own salt (the gift's id, the article, the giver, the expiry). The page stays the
shared one: the gift only changes how the personal part "gated-part" is filled for the
request carrying it (memberships/personal.py), as a member's page is. `gift` is not among
the parameters a page's key keeps (shared/page_cache.PAGE_QUERY_PARAMETERS), and a request
carrying it is served as someone's (memberships/middleware.py), so no copy of the page is
kept per gift.

A member gives at most MEMBERSHIP_GIFTS_PER_MONTH gifts a calendar month; each opens the
story until MEMBERSHIP_GIFT_DAYS after it was given. The same story given again by the
same member within REPEAT_WINDOW (a double click, a reload that posts the form again) is
the gift already made: the same link, counted once. The token is signed with the gift's
own time, not the signing's, so the same gift always has the same link. The row
(`GiftLink`) counts them and lets one be taken back (deleting it, or the giver's account,
closes the link).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.utils import timezone

from shared.cache import cached_for_reader
from shared.keys import READER_GIFTS_GIVEN

from .models import GiftLink

SALT = "memberships.gift"
PARAMETER = "gift"


def per_month():
    return getattr(settings, "MEMBERSHIP_GIFTS_PER_MONTH", 5)


def lifetime():
    return datetime.timedelta(days=getattr(settings, "MEMBERSHIP_GIFT_DAYS", 30))


class GiftRefused(Exception):
    """Said to the member, as it is: why no gift link was made."""


def month_start(now):
    local = timezone.localtime(now)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def given_this_month(user, now=None):
    now = now or timezone.now()
    return GiftLink.objects.filter(giver=user, created_at__gte=month_start(now)).count()


def left_this_month(user, now=None):
    return max(0, per_month() - given_this_month(user, now))


def left_shown(user):
    """What the gift form under every story behind a wall says is left: the count kept
    for this reader alone (no query on a member's page), a new entry each month, marked
    by each gift made or taken back (memberships/receivers.py)."""
    month = f"{READER_GIFTS_GIVEN}:{month_start(timezone.now()):%Y-%m}"
    given = cached_for_reader(user.pk, month, lambda: given_this_month(user))
    return max(0, per_month() - given)


REPEAT_WINDOW = datetime.timedelta(minutes=1)


class _GiftSigner(signing.TimestampSigner):
    """Signs with the gift's time: one gift, one link (read back by signing.loads)."""

    def __init__(self, at, **kwargs):
        super().__init__(**kwargs)
        self.at = at

    def timestamp(self):
        return signing.b62_encode(int(self.at.timestamp()))


def token_for(gift):
    data = {
        "g": gift.pk,
        "a": gift.article_id,
        "u": gift.giver_id,
        "e": int(gift.expires_at.timestamp()),
    }
    return _GiftSigner(gift.created_at, salt=SALT).sign_object(data)


def link_for(request, gift):
    return request.build_absolute_uri(
        f"{gift.article.get_absolute_url()}?{PARAMETER}={token_for(gift)}"
    )


@transaction.atomic
def gift_create(*, giver, article, now=None):
    """A gift of `article` from `giver`, or GiftRefused past this month's limit; the gift
    of the same story this giver made within REPEAT_WINDOW, if there is one."""
    now = now or timezone.now()
    # One giver's gifts counted under a lock on their own row: two clicks at once make
    # no gift past the limit.
    get_user_model().objects.select_for_update().filter(pk=giver.pk).first()
    repeated = GiftLink.objects.filter(
        giver=giver, article=article, created_at__gt=now - REPEAT_WINDOW, created_at__lte=now
    ).first()
    if repeated is not None:
        return repeated  # the same form posted again: the gift it already made
    if given_this_month(giver, now) >= per_month():
        raise GiftRefused(
            f"No gift link was made: you have used this month's {per_month()} of "
            f"{per_month()}. You can give more from the first of next month."
        )
    return GiftLink.objects.create(
        giver=giver, article=article, created_at=now, expires_at=now + lifetime()
    )


@dataclass(frozen=True)
class Opened:
    """What a request's gift token says about one story: `opens` it, or `problem` to tell."""

    opens: bool = False
    problem: str = ""
    giver: str = ""


NONE = Opened()
EXPIRED = "This gift link has expired. Its giver can send you a new one."
INVALID = "This gift link is not valid for this story. Check that it was copied whole."
WITHDRAWN = "This gift link is no longer valid."


def opened_by(request, kind, story_id):
    """Whether the request's `?gift=` opens this story (only articles are given)."""
    token = request.GET.get(PARAMETER) if request.method in ("GET", "HEAD") else None
    if not token:
        return NONE
    try:
        data = signing.loads(token, salt=SALT)
        gift_id, article_id, giver_id, expires = data["g"], data["a"], data["u"], data["e"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return Opened(problem=INVALID)
    if kind != "article" or article_id != story_id:
        return Opened(problem=INVALID)
    if expires <= timezone.now().timestamp():
        return Opened(problem=EXPIRED)
    gift = (
        GiftLink.objects.filter(pk=gift_id, giver_id=giver_id, article_id=article_id)
        .select_related("giver")
        .first()
    )
    if gift is None:
        return Opened(problem=WITHDRAWN)
    return Opened(opens=True, giver=gift.giver.public_name)
