"""What each zone of a front shows: its placed stories that are still public, in order,
then its automatic rule's newest (backfill), never a story twice on one front.

A fixed number of queries whatever the front's size: the zones (1), the placements with
their pictures (1), the placed stories through `Article.objects.published()` (2, with the
bylines), the rules' stories in one UNION ALL (2), and the most read when a zone asks (2).
What a front shows is named as it is built (shared.cache), so the kept front goes stale
when its layout, a story it shows or places, or a listing its rules follow changes.
"""

import copy

from django.db.models import IntegerField, Value

from articles.listings import cards_among, published_cards
from articles.models import Article
from articles.trending import trending_articles
from shared.cache import depends_on
from shared.keys import HOME, author_key, category_key, front_key, tag_key

from .models import Placement, Zone

Rule = Zone.Rule


def front_zones(category_id=None, layout=None):
    """[(zone, [article])] of the front of the page (None: the home page), or None when the
    page has no front with zones (it keeps its default layout). Given a `layout` (the
    layout editor's unsaved one, fronts/versions.py), what it would show: its preview."""
    if layout is None:
        depends_on(None, front_key(category_id))
        zones = list(
            Zone.objects.filter(front__category_id=category_id)
            .select_related("category", "tag", "author")
            .order_by("position", "pk")
        )
        placements = None
    else:
        zones, placements = unsaved(layout)
    if not zones:
        return None
    placed = placed_stories(zones, placements)
    ruled = rule_stories(zones)
    shown, filled = set(), []
    for zone in zones:
        stories = []
        for story in placed.get(zone.pk, []) + ruled.get(zone.pk, []):
            if len(stories) < zone.size and story.pk not in shown:
                shown.add(story.pk)
                stories.append(story)
        filled.append((zone, stories))
    return filled


def unsaved(layout):
    """A layout's zones and placements as rows never saved (numbered in order), to draw."""
    zones, placements = [], []
    for number, spec in enumerate(layout["zones"], start=1):
        zone = Zone(pk=number, position=number, kind=spec["kind"], title=spec["title"])
        zone.size, zone.rule = spec["size"], spec["rule"]
        zone.category_id, zone.tag_id, zone.author_id = (
            spec[k] for k in ("category", "tag", "author")
        )
        zones.append(zone)
        for position, placed in enumerate(spec["placements"]):
            placements.append(
                Placement(
                    zone_id=number,
                    position=position,
                    article_id=placed["article"],
                    image_id=placed["image"],
                    headline=placed["headline"],
                    standfirst=placed["standfirst"],
                    label=placed["label"],
                )
            )
    return zones, placements


def placed_stories(zones, placements=None):
    """{zone id: [article]}: each placed story that is public now, dressed for this front."""
    if placements is None:
        placements = list(
            Placement.objects.filter(zone__in=zones)
            .select_related("image")
            .order_by("position", "pk")
        )
    # Every placed story, shown or not: one published again comes back at once.
    depends_on(None, *(Article(pk=placement.article_id).cache_key for placement in placements))
    public = published_cards().in_bulk([placement.article_id for placement in placements])
    found = {}
    for placement in placements:
        article = public.get(placement.article_id)
        if article is not None:
            found.setdefault(placement.zone_id, []).append(dressed(article, placement))
    return found


def dressed(article, placement):
    """The story as this slot shows it: a copy, so the article page and other slots keep
    the story's own headline, standfirst and picture."""
    article = copy.copy(article)
    if placement.headline:
        article.headline = placement.headline
    if placement.standfirst:
        article.excerpt, article.standfirst = "", placement.standfirst
    if placement.image is not None:
        article.featured_image = placement.image
        depends_on(None, placement.image.cache_key)
    article.front_label = placement.get_label_display() if placement.label else ""
    return article


def rule_stories(zones):
    """{zone id: [article]}: each rule's newest, enough to fill the zone even when the
    stories placed elsewhere on the front come first."""
    ruled = [zone for zone in zones if zone.rule]
    # Enough for any zone even when every other slot of the front took one of its stories.
    slots = sum(zone.size for zone in zones)
    found = {}
    newest = [zone for zone in ruled if zone.rule != Rule.MOST_READ]
    if newest:
        # Which stories each rule picks, in one UNION ALL (each part an index walk with a
        # LIMIT, as on the home page), then their cards in one query by primary key.
        parts = [
            Article.objects.filter(
                pk__in=rule_queryset(zone).order_by("-published_at", "-pk").values("pk")[:slots]
            )
            .order_by()
            .annotate(zone=Value(zone.pk, output_field=IntegerField()))
            .values_list("pk", "zone")
            for zone in newest
        ]
        picked = list(parts[0].union(*parts[1:], all=True))
        cards = list(cards_among([pk for pk, _ in picked]).order_by("-published_at", "-pk"))
        by_zone = {}
        for pk, zone_id in picked:
            by_zone.setdefault(zone_id, set()).add(pk)
        for zone in newest:
            found[zone.pk] = [story for story in cards if story.pk in by_zone.get(zone.pk, ())]
    if any(zone.rule == Rule.MOST_READ for zone in ruled):
        depends_on(None, HOME)
        most_read = trending_articles(limit=slots)
        for zone in ruled:
            if zone.rule == Rule.MOST_READ:
                found[zone.pk] = most_read
    return found


def rule_queryset(zone):
    published = Article.objects.published()
    if zone.rule == Rule.CATEGORY:
        depends_on(None, category_key(zone.category_id))
        return published.filter(category_id=zone.category_id)
    if zone.rule == Rule.TAG:
        depends_on(None, tag_key(zone.tag_id))
        return published.tagged(zone.tag)
    if zone.rule == Rule.AUTHOR:
        depends_on(None, author_key(zone.author_id))
        return published.by_author(zone.author)
    depends_on(None, HOME)
    if zone.rule == Rule.LIVE:
        return published.filter(live_started_at__isnull=False, live_ended_at__isnull=True)
    return published
