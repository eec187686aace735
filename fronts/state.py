"""What every page asks before it draws: is a banner up, which pages have a front, and
when the clock next changes a page (the next scheduled publish, or the next scheduled
layout of a front).

One small row, read in one query and kept in the shared cache while none of it changes
("schedule", "banner", "fronts"), so a site that never touches fronts pays nothing: the
query takes the place of the one the next scheduled publish cost before (newsroom's
wiring hands `next_change` to the page cache as its schedule source). A second query, only
while a layout is scheduled, finds each front's next one: a scheduled layout caps only
the pages that show its front.
"""

import time
from datetime import UTC

from django.db import connections
from django.db.models import Min
from django.utils.dateparse import parse_datetime

from articles.models import Article
from shared.cache import ANY_CHANGE, cached_apart
from shared.keys import BANNER, FRONTS, FRONTS_STATE, SCHEDULE, front_key

from .models import Banner, FrontVersion, Zone


def fronts_state():
    """{"next_publish", "next_layout", "layouts", "banner", "home", "sections"}: the next
    scheduled publish and the next scheduled layout (Unix times) or None, each front's next
    layout ({front's key: Unix time}), the current banner's id or None, and whether the home
    page and any category page have a front with zones."""
    return cached_apart(FRONTS_STATE, read_state, (SCHEDULE, BANNER, FRONTS), expires=has_passed)


def read_state():
    state = read_row()
    if has_come(state["next_layout"]):
        # A layout's time has come: the first page to ask applies it (once, whichever
        # worker), so the clock applies layouts with no cron, as it publishes articles.
        from .services import apply_due

        apply_due()
        state = read_row()
    return state


def read_row():
    subqueries = {
        "next_publish": Article.objects.scheduled()
        .order_by("published_at")
        .values("published_at")[:1],
        "next_layout": FrontVersion.objects.filter(status=FrontVersion.Status.SCHEDULED)
        .order_by("publish_at")
        .values("publish_at")[:1],
        "banner": Banner.objects.current().values("pk")[:1],
        "home": Zone.objects.filter(front__category__isnull=True).values("pk")[:1],
        "sections": Zone.objects.filter(front__category__isnull=False).values("pk")[:1],
    }
    # One row whatever the tables hold: a SELECT of scalar subqueries (SQLite, PostgreSQL).
    parts, params = [], []
    for queryset in subqueries.values():
        sql, found = queryset.query.sql_with_params()
        parts.append(f"({sql})")
        params.extend(found)
    with connections[Banner.objects.db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = dict(zip(subqueries, cursor.fetchone(), strict=True))
    return {
        "next_publish": unix_time(row["next_publish"]),
        "next_layout": unix_time(row["next_layout"]),
        "layouts": next_layouts() if row["next_layout"] is not None else {},
        "banner": row["banner"],
        "home": row["home"] is not None,
        "sections": row["sections"] is not None,
    }


def next_layouts():
    """{front's key: Unix time of its next scheduled layout}."""
    soonest = (
        FrontVersion.objects.filter(status=FrontVersion.Status.SCHEDULED)
        .values("front__category_id")
        .annotate(at=Min("publish_at"))
        .order_by()
    )
    return {front_key(row["front__category_id"]): row["at"].timestamp() for row in soonest}


def unix_time(value):
    # A scalar subquery's value comes raw: SQLite gives text, PostgreSQL a datetime.
    if value is None:
        return None
    moment = parse_datetime(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def has_come(when):
    return bool(when) and when <= time.time()


def has_passed(state):
    # The next publish or layout has come: what comes after it must be read.
    return has_come(state["next_publish"]) or has_come(state["next_layout"])


def next_change():
    """When the clock alone next changes a page: every page at the next scheduled publish
    (ANY_CHANGE), and the pages that show a front (its key) at its next scheduled layout.
    (The banner's expiry caps only the whole pages it is filled into: fronts/banner.py.)"""
    state = fronts_state()
    return {ANY_CHANGE: state["next_publish"], **state.get("layouts", {})}
