"""Who may read what: the rules as shared data, and what one reader is entitled to.

The rules (every article's, category's and page's, the tiers, the meter) are one small
value every page reads from the shared cache, fresh while "access" is unchanged: a
rule's write marks it (memberships/receivers.py). A reader's memberships are kept for that
reader alone (their `reader:` key) and judged against the clock at every read, so a
membership past its end stops counting the moment it ends.
"""

import ipaddress
from dataclasses import dataclass

from django.utils import timezone

from shared.cache import (
    cached_data,
    cached_data_once,
    cached_for_reader,
    derived_from_kept,
    last_change_for,
)
from shared.client_address import client_ip
from shared.keys import ACCESS, ACCESS_RULES, METER_LIMITS, READER_MEMBERSHIPS

from .models import AccessRule, Level, Membership, MeterSettings, Tier, lines

# Levels whose text stays out of every shared surface for readers not entitled.
WITHHELD = {Level.REGISTERED, Level.MEMBERS, Level.TIER}


@dataclass(frozen=True)
class Rule:
    level: str = Level.EVERYONE
    tier_id: int | None = None

    @property
    def is_withheld(self):
        return self.level in WITHHELD

    @property
    def is_open(self):
        return self.level == Level.EVERYONE


OPEN = Rule()


def _build():
    found = {"article": {}, "category": {}, "page": {}}
    fields = ("article_id", "category_id", "page_id", "level", "tier_id")
    for article_id, category_id, page_id, level, tier_id in AccessRule.objects.values_list(*fields):
        for target, target_id in zip(found, (article_id, category_id, page_id), strict=True):
            if target_id is not None:
                found[target][target_id] = Rule(level, tier_id)
    tiers = {
        tier.pk: {
            "name": tier.name,
            "slug": tier.slug,
            "kind": tier.kind,
            "domains": lines(tier.email_domains),
            "networks": tier.networks(),
            "offered": tier.is_active,
            "description": tier.description,
            "monthly": tier.monthly_price,
            "yearly": tier.yearly_price,
            "rank": tier.rank,
        }
        for tier in Tier.objects.all()
    }
    found["tiers"] = tiers
    return found


def rules():
    """The same object for every caller while nothing changed: read it, never change it."""
    return cached_data_once(ACCESS_RULES, _build, [ACCESS])


def rule_for_article(article):
    known = rules()
    return known["article"].get(article.pk) or known["category"].get(article.category_id) or OPEN


def rule_for_page(page):
    return rules()["page"].get(page.pk) or OPEN


def meter_limits():
    """(anonymous, registered): read only where a metered story's meter is drawn."""

    def build():
        meter = MeterSettings.objects.first() or MeterSettings()
        return meter.anonymous_limit, meter.registered_limit

    return cached_data(METER_LIMITS, build, [ACCESS])


def tier_name(tier_id):
    tier = rules()["tiers"].get(tier_id)
    return tier["name"] if tier else ""


def opens_tier(tiers, held, wanted):
    """Whether belonging to tier `held` opens a story for tier `wanted`: the tier itself, or
    any membership tier ranked above it (higher includes lower; equal ranks are peers)."""
    if held == wanted:
        return True
    mine, theirs = tiers.get(held), tiers.get(wanted)
    if mine is None or theirs is None or mine["kind"] == "free":
        return False
    return mine.get("rank", 0) > theirs.get("rank", 0)


def _reader_memberships(user):
    def build():
        return [
            (m.tier_id, m.status, m.current_period_end)
            for m in Membership.objects.filter(user=user).exclude(
                status=Membership.Status.CANCELLED
            )
        ]

    return cached_for_reader(user.pk, READER_MEMBERSHIPS, build)


def reader_tiers(request):
    """The tiers this reader belongs to now: memberships not past their end, and group
    tiers by the address they signed in with or the network they read from. Worked out
    once a request (a member's page asks twice: the story's part, the gift form)."""
    user = getattr(request, "user", None)
    who = user.pk if user is not None and user.is_authenticated else None
    kept = getattr(request, "_membership_tiers", None)
    if kept is None or kept[0] != who:  # a log-in or log-out within the request counts
        kept = request._membership_tiers = (who, frozenset(_reader_tiers(request)))
    return kept[1]


def _reader_tiers(request):
    user = getattr(request, "user", None)
    tiers = rules()["tiers"]
    found = set()
    now = timezone.now()
    if user is not None and user.is_authenticated:
        for tier_id, _status, ends in _reader_memberships(user):
            if ends is None or ends > now:
                found.add(tier_id)
        domain = user.email.rpartition("@")[2].lower()
        found.update(pk for pk, tier in tiers.items() if domain and domain in tier["domains"])
    with_networks = {pk: tier["networks"] for pk, tier in tiers.items() if tier["networks"]}
    # The address is parsed only when some tier has a network to look it up in.
    address = _address(request) if with_networks else None
    if address is not None:
        found.update(
            pk for pk, networks in with_networks.items() if any(address in net for net in networks)
        )
    return {pk for pk in found if pk in tiers}


def _networks(kept):
    return tuple(net for tier in (kept or {}).get("tiers", {}).values() for net in tier["networks"])


def group_networks(last=None):
    """Every group tier's address ranges, from the rules already kept: never a query on a
    request the page cache may answer (every story's page builds them on a miss), and while
    nothing changed anywhere, not even unpickling every story's rule."""
    return derived_from_kept(ACCESS_RULES, _networks, last)


def in_group_network(request):
    # The last change read once for this request: the page cache's check reads the same.
    networks = group_networks(last_change_for(request))
    if not networks:
        return False
    address = _address(request)
    return address is not None and any(address in net for net in networks)


def _address(request):
    try:
        return ipaddress.ip_address(client_ip(request))
    except (ValueError, TypeError):
        return None


def is_member(request):
    tiers = rules()["tiers"]
    return any(tiers[pk]["kind"] != "free" for pk in reader_tiers(request))


def may_read(request, rule):
    """Whether this reader may read in full what `rule` covers."""
    if rule.level in (Level.EVERYONE, Level.METERED):
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return True  # the newsroom reads its own stories
    if rule.level == Level.REGISTERED:
        return bool(user and user.is_authenticated) or is_member(request)
    if rule.level == Level.MEMBERS:
        return is_member(request)
    tiers = rules()["tiers"]
    return any(opens_tier(tiers, held, rule.tier_id) for held in reader_tiers(request))
