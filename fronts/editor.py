"""The layout screen of a front: its zones and their placed stories as ordered lists.

A plain form first: each placed story has an order number, its front-only presentation and
a "Take off" box, and each zone a field to add a story (its number, or words of its
headline); "Update" applies the numbers without saving, "Preview" draws the front as readers
would see it (never kept), "Save" saves (an Editor's goes live, or at the time given; a
Writer's is a proposal). fronts_layout.js adds drag and drop, keyboard moves announced in a
live region, and search as you type (`search_view`) on top of the same fields.
"""

import re
from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from articles.models import Article

from . import services, versions
from .drawing import draw
from .models import Front, FrontVersion, Placement, Zone

STORY_NUMBER = re.compile(r"^\s*#?(\d+)\b")


def layout_view(request, front_id, admin):
    front = get_object_or_404(Front, pk=front_id)
    if not services.can_propose(request.user):
        raise PermissionDenied
    latest = latest_version(front)
    if request.method != "POST":
        layout = versions.snapshot(front)
        return screen(request, admin, front, layout, base=latest)
    errors, adds = [], {}
    layout = read_form(request.POST, errors, adds)
    publish_at = read_time(request.POST.get("publish_at", ""), errors)
    action = request.POST.get("action", "update")
    base = _int(request.POST.get("base")) or 0
    if not errors:
        try:
            layout = versions.clean(layout)
        except ValidationError as error:
            errors += error.messages
    if (
        action == "save"
        and not errors
        and base != latest
        and services.can_publish(request.user)
        and not (publish_at is None and layout == versions.snapshot(front))
    ):
        # Someone saved this front since the screen was drawn: saving now would undo their
        # change unseen. Say so, keep this layout; a second Save replaces theirs knowingly.
        # (The very layout up now undoes nothing: a double click's second Save, told below
        # there is nothing to save.)
        errors.append(
            "This front was changed by someone else since you opened it (see its history). "
            "Your layout is kept below: Save again to replace theirs with it."
        )
        base = latest
    if errors or action == "update":
        return screen(request, admin, front, layout, errors, adds, publish_at, base)
    if action == "preview":
        return preview(request, front, layout)
    # The published layout the screen was drawn from: publishing a proposal made from an
    # older one first shows the Editor what was published since (services.publish_proposal).
    based_on = front.versions.filter(pk=base, status=FrontVersion.Status.APPLIED).first()
    try:
        version = services.save_layout(
            front=front, layout=layout, user=request.user, publish_at=publish_at, based_on=based_on
        )
    except services.NothingChanged as unchanged:  # Save pressed twice: one version, not two
        messages.info(request, str(unchanged))
    else:
        messages.success(request, said(version))
        if version.status == FrontVersion.Status.APPLIED:
            for waiting in services.scheduled_over(front):
                messages.warning(request, replaced_later(waiting))
    return redirect("admin:fronts_front_layout", front.pk)


def replaced_later(waiting):
    """Told to an Editor whose layout went live while another is scheduled: theirs is
    replaced at that time (the history offers to cancel the schedule)."""
    who = waiting.published_by or waiting.created_by or "someone"
    when = timezone.localtime(waiting.publish_at)
    return (
        f"A layout {who} scheduled for {when:%d %b %Y %H:%M} replaces this one at that time, "
        "as scheduled. To keep yours, cancel that schedule in the history."
    )


def said(version):
    """What a save did, in the words of the history page too."""
    if version.status == FrontVersion.Status.PROPOSED:
        return "Your layout is proposed: an editor will publish it."
    if version.status == FrontVersion.Status.SCHEDULED:
        when = timezone.localtime(version.publish_at)
        return f"The layout is scheduled for {when:%d %b %Y %H:%M}."
    return "The layout is live."


def read_form(data, errors, adds):
    """The layout the form describes: each zone's settings as they were, its stories in the
    order of their numbers (ties keep the list's order), less those taken off, plus the
    story named in its "add" field."""
    zones = []
    for i in range(_count(data, "zones")):
        prefix = f"z{i}-"
        zone = {name: data.get(prefix + name, "") for name in versions.ZONE_FIELDS}
        zone["size"] = _int(zone["size"]) or 0
        for name in ("category", "tag", "author"):
            zone[name] = _int(zone[name])
        rows = []
        for j in range(_count(data, prefix + "count")):
            at = f"{prefix}p{j}-"
            article = _int(data.get(at + "article"))
            if article is None or data.get(at + "remove"):
                continue
            order = data.get(at + "order", "").strip()
            try:
                number = float(order) if order else float(j + 1)
            except ValueError:
                errors.append(f"“{order}” is not an order number: use 1, 2, 3…")
                number = float(j + 1)
            placed = {
                "article": article,
                "headline": data.get(at + "headline", ""),
                "standfirst": data.get(at + "standfirst", ""),
                "label": data.get(at + "label", ""),
                "image": _int(data.get(at + "image")),
            }
            rows.append((number, j, placed))
        zone["placements"] = [placed for _, _, placed in sorted(rows, key=lambda r: r[:2])]
        wanted = data.get(prefix + "add", "").strip()
        if wanted:
            story = find_story(wanted)
            if story is None:
                errors.append(f"No story matches “{wanted}”: try its number or other words.")
                adds[i] = wanted
            else:
                zone["placements"].append(
                    {
                        "article": story.pk,
                        "headline": "",
                        "standfirst": "",
                        "label": "",
                        "image": None,
                    }
                )
        zones.append(zone)
    return {"zones": zones}


def search_view(request):
    """Search as you type: the newest public stories whose headline has these words, for
    Writers and Editors alike (the admin's article autocomplete shows a Writer only their
    own stories; a front shows anyone's). {"results": [{"id", "text"}]}."""
    if not services.can_propose(request.user):
        raise PermissionDenied
    term = request.GET.get("term", "").strip()
    found = []
    if len(term) >= 2:
        number = STORY_NUMBER.match(term)
        stories = Article.objects.published()
        if number:
            stories = stories.filter(pk=number.group(1))
        else:
            stories = stories.filter(headline__icontains=term).order_by("-published_at", "-pk")
        found = [
            {"id": str(pk), "text": text} for pk, text in stories.values_list("pk", "headline")[:10]
        ]
    return JsonResponse({"results": found})


def find_story(wanted):
    """A story by its number ("123", "123: Headline" as the search offers it), or the newest
    public one whose headline has these words."""
    number = STORY_NUMBER.match(wanted)
    if number:
        return Article.objects.filter(pk=number.group(1)).first()
    return (
        Article.objects.published()
        .filter(headline__icontains=wanted)
        .order_by("-published_at")
        .first()
    )


def read_time(value, errors):
    if not value.strip():
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        errors.append(f"“{value}” is not a date and time: use the picker, or 2026-12-07T06:00.")
        return None
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    return when


def _count(data, name):
    return min(_int(data.get(name)) or 0, 200)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def latest_version(front):
    """The id of the layout readers see now (0: none saved yet), to tell a save made since."""
    applied = front.versions.filter(status=FrontVersion.Status.APPLIED)
    return applied.order_by("-applied_at", "-pk").values_list("pk", flat=True).first() or 0


def screen(request, admin, front, layout, errors=(), adds=None, publish_at=None, base=0):
    adds = adds or {}
    pks = {p["article"] for zone in layout["zones"] for p in zone["placements"]}
    headlines = dict(Article.objects.filter(pk__in=pks).values_list("pk", "headline"))
    kinds = dict(Zone.Kind.choices)
    zones = [
        {
            "index": i,
            "index_text": str(i),
            "name": zone["title"] or kinds.get(zone["kind"], zone["kind"]),
            "zone": zone,
            "add": adds.get(i, ""),
            "placements": [
                {
                    "index": j,
                    "index_text": str(j),
                    "order": j + 1,
                    "story": headlines.get(p["article"], "?"),
                    **p,
                }
                for j, p in enumerate(zone["placements"])
            ],
        }
        for i, zone in enumerate(layout["zones"])
    ]
    context = {
        **admin.admin_site.each_context(request),
        "opts": Front._meta,
        "front": front,
        "title": f"Lay out the {front}",
        "zones": zones,
        "labels": Placement.Label.choices,
        "errors": list(errors),
        "publish_at": timezone.localtime(publish_at).strftime("%Y-%m-%dT%H:%M")
        if publish_at
        else "",
        "can_publish": services.can_publish(request.user),
        "base": base,
        "proposals": front.versions.filter(status=FrontVersion.Status.PROPOSED).count(),
    }
    return TemplateResponse(
        request, "admin/fronts/front/layout.html", context, status=400 if errors else 200
    )


@never_cache
def preview(request, front, layout):
    """The front as readers would see it with this layout: the page's own template, drawn
    now from the unsaved layout and kept nowhere."""
    html = draw(front.category_id, layout) or ""
    if front.category_id:
        context = {"category": front.category, "front_html": html}
        return render(request, "admin/fronts/front/preview_section.html", context)
    return render(request, "articles/home.html", {"sections_html": html})
