"""A front's layout as plain data (what a `FrontVersion` keeps): read from the rows, checked
when it comes from a form, and compared to say in a line who changed what.

    {"zones": [{"kind", "title", "size", "rule", "category", "tag", "author",
                "placements": [{"article", "headline", "standfirst", "image", "label"}]}]}

Positions are the lists' order; ids are plain integers (or None). No writes here: applying
a layout is `fronts.services`'s.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from taggit.models import Tag

from articles.images import Image
from articles.models import Article, Category

from .models import Placement, Zone

ZONE_FIELDS = ("kind", "title", "size", "rule", "category", "tag", "author")
PLACEMENT_FIELDS = ("article", "headline", "standfirst", "image", "label")
RULE_NEEDS = {Zone.Rule.CATEGORY: "category", Zone.Rule.TAG: "tag", Zone.Rule.AUTHOR: "author"}


def snapshot(front):
    """The front's layout as readers see it now (two queries)."""
    zones = list(front.zones.order_by("position", "pk"))
    placements = {}
    for placement in Placement.objects.filter(zone__in=zones).order_by("position", "pk"):
        placements.setdefault(placement.zone_id, []).append(
            {name: _value(placement, name) for name in PLACEMENT_FIELDS}
        )
    return {
        "zones": [
            {name: _value(zone, name) for name in ZONE_FIELDS}
            | {"placements": placements.get(zone.pk, [])}
            for zone in zones
        ]
    }


def _value(row, name):
    field = row._meta.get_field(name)
    return getattr(row, field.attname) if field.is_relation else getattr(row, name)


def clean(layout):
    """The layout made whole and checked, or ValidationError saying what is wrong (the
    layout is never half applied)."""
    errors, zones = [], []
    kinds, rules = set(Zone.Kind.values), set(Zone.Rule.values)
    labels = set(Placement.Label.values)
    for number, zone in enumerate(layout.get("zones", []), start=1):
        name = zone.get("title") or dict(Zone.Kind.choices).get(zone.get("kind"), f"Zone {number}")
        zone = {field: zone.get(field) for field in ZONE_FIELDS} | {
            "placements": [
                {field: placed.get(field) for field in PLACEMENT_FIELDS}
                for placed in zone.get("placements", [])
            ]
        }
        zone["title"], zone["rule"] = zone["title"] or "", zone["rule"] or ""
        if zone["kind"] not in kinds:
            errors.append(f"{name}: choose what kind of zone it is.")
        if zone["rule"] not in rules:
            errors.append(f"{name}: choose a rule from the list.")
        if not isinstance(zone["size"], int) or not 1 <= zone["size"] <= 12:
            errors.append(f"{name}: a zone shows 1 to 12 stories.")
        needs = RULE_NEEDS.get(zone["rule"])
        if needs and not zone[needs]:
            errors.append(f"{name}: choose the {needs} its rule follows.")
        for placed in zone["placements"]:
            placed["headline"] = (placed["headline"] or "").strip()[:200]
            placed["standfirst"] = (placed["standfirst"] or "").strip()[:300]
            placed["label"] = placed["label"] or ""
            if placed["label"] not in labels:
                errors.append(f"{name}: choose a label from the list.")
        zones.append(zone)
    placed = [p for zone in zones for p in zone["placements"]]
    articles = {p["article"] for p in placed}
    found = set(Article.objects.filter(pk__in=articles).values_list("pk", flat=True))
    if articles - found:
        errors.append("A placed story no longer exists: search for it again.")
    images = {p["image"] for p in placed if p["image"]}
    if images - set(Image.objects.filter(pk__in=images).values_list("pk", flat=True)):
        errors.append("A picture chosen for a slot no longer exists.")
    if errors:
        raise ValidationError(errors)
    return {"zones": zones}


def still_there(layout):
    """The layout less what was deleted since it was saved (a scheduled or an old layout):
    a placed story gone is left out, a picture, category, tag or author gone is left empty,
    so applying it never fails on a row that is no longer there."""
    zones = layout["zones"]
    placed = [p for zone in zones for p in zone["placements"]]
    found = {
        "article": _existing(Article, {p["article"] for p in placed}),
        "image": _existing(Image, {p["image"] for p in placed}),
        "category": _existing(Category, {zone["category"] for zone in zones}),
        "tag": _existing(Tag, {zone["tag"] for zone in zones}),
        "author": _existing(get_user_model(), {zone["author"] for zone in zones}),
    }
    kept = []
    for zone in zones:
        zone = zone | {
            name: zone[name] if zone[name] in found[name] else None
            for name in ("category", "tag", "author")
        }
        zone["placements"] = [
            p | {"image": p["image"] if p["image"] in found["image"] else None}
            for p in zone["placements"]
            if p["article"] in found["article"]
        ]
        kept.append(zone)
    return {"zones": kept}


def _existing(model, pks):
    pks = {pk for pk in pks if pk}
    if not pks:
        return set()
    return set(model.objects.filter(pk__in=pks).values_list("pk", flat=True))


def summary(before, after):
    """Who changed what, in a line: per zone, the stories placed, taken off or moved."""
    before_zones, after_zones = before.get("zones", []), after.get("zones", [])
    headlines = _headlines(before_zones + after_zones)
    parts = []
    for index, zone in enumerate(after_zones):
        name = _zone_name(zone)
        old = before_zones[index] if index < len(before_zones) else None
        changes = []
        if old is None or (old["kind"], old["title"]) != (zone["kind"], zone["title"]):
            changes.append("new zone")
            old = {"placements": []} | {field: zone[field] for field in ZONE_FIELDS}
        was = [p["article"] for p in old["placements"]]
        now = [p["article"] for p in zone["placements"]]
        added = [headlines.get(pk, "?") for pk in now if pk not in was]
        removed = [headlines.get(pk, "?") for pk in was if pk not in now]
        changes += [f"placed “{h}”" for h in added] + [f"took off “{h}”" for h in removed]
        if not changes and was != now:
            changes.append("reordered")
        if not changes and old["placements"] != zone["placements"]:
            changes.append("presentation")
        if not changes and {k: old[k] for k in ZONE_FIELDS} != {k: zone[k] for k in ZONE_FIELDS}:
            changes.append("settings")
        if changes:
            parts.append(f"{name}: " + ", ".join(changes))
    for zone in before_zones[len(after_zones) :]:
        parts.append(f"{_zone_name(zone)}: zone removed")
    text = "; ".join(parts) or "No change"
    return text if len(text) <= 300 else text[:299] + "…"


def _zone_name(zone):
    return zone["title"] or dict(Zone.Kind.choices).get(zone["kind"], zone["kind"])


def _headlines(zones):
    pks = {p["article"] for zone in zones for p in zone["placements"]}
    return dict(Article.objects.filter(pk__in=pks).values_list("pk", "headline"))


def changes_since(base, current, layout):
    """What was published on the front since `base` was its layout (`current`: what readers
    see now), line by line, and what publishing `layout` does to each: [{"text", "undone"}].
    A story is its zone's (by the zone's name): moved to another zone, it is taken off one
    and placed in the other. Empty when nothing changed since."""
    if base["zones"] == current["zones"]:
        return []

    def pairs(layout):
        return [(_zone_name(z), p["article"]) for z in layout["zones"] for p in z["placements"]]

    was, now, wanted = pairs(base), pairs(current), set(pairs(layout))
    headlines = _headlines(base["zones"] + current["zones"])
    lines = []
    for zone, article in now:
        if (zone, article) not in was:
            undone = (zone, article) not in wanted
            then = "publishing this layout takes it off" if undone else "this layout keeps it"
            text = f"“{headlines.get(article, '?')}” was placed in {zone} since: {then}."
            lines.append({"text": text, "undone": undone})
    for zone, article in was:
        if (zone, article) not in now:
            undone = (zone, article) in wanted
            then = "publishing this layout puts it back" if undone else "this layout leaves it off"
            text = f"“{headlines.get(article, '?')}” was taken off {zone} since: {then}."
            lines.append({"text": text, "undone": undone})
    if not lines:
        text = (
            "The order, front headlines or settings were changed since: this layout replaces them."
        )
        lines.append({"text": text, "undone": True})
    return lines
