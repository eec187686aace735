"""Cursor pagination: a page ends with a `next` link that names where the next one starts.

For newest-first lists the cursor is the last item's (published_at, id), so an article
published while a client pages through the archive lands before its first page and never
shifts, repeats or hides items on the pages after it. The cursor is opaque to clients.
"""

import base64
import json
from datetime import datetime
from urllib.parse import urlencode

from django.db.models import Q

from shared import site_address

from .errors import BadParameter


def encode(position):
    raw = json.dumps(position, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor, *fields):
    """The position in a cursor, with exactly these fields, or BadParameter."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        position = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(position, dict) or set(position) != set(fields):
            raise ValueError
        return position
    except (ValueError, TypeError, UnicodeDecodeError) as error:
        raise BadParameter("cursor", "Not a cursor from a `next` link of this list.") from error


def next_link(request, cursor):
    params = {k: v for k, v in request.GET.items() if k != "cursor"}
    params["cursor"] = cursor
    return site_address.absolute_url(f"{request.path}?{urlencode(params)}")


def newest_first(queryset, cursor, limit):
    """One page of a queryset ordered by (-published_at, -pk), and the next cursor or None."""
    if cursor:
        position = decode(cursor, "at", "id")
        try:
            at, pk = datetime.fromisoformat(position["at"]), int(position["id"])
        except (TypeError, ValueError) as error:
            raise BadParameter("cursor", "Not a cursor from a `next` link of this list.") from error
        queryset = queryset.filter(Q(published_at__lt=at) | Q(published_at=at, pk__lt=pk))
    items = list(queryset.order_by("-published_at", "-pk")[: limit + 1])
    if len(items) <= limit:
        return items, None
    last = items[limit - 1]
    return items[:limit], encode({"at": last.published_at.isoformat(), "id": last.pk})


def by_slug(queryset, cursor, limit):
    """One page of a queryset ordered by its unique slug."""
    if cursor:
        slug = decode(cursor, "slug")["slug"]
        if not isinstance(slug, str):
            raise BadParameter("cursor", "Not a cursor from a `next` link of this list.")
        queryset = queryset.filter(slug__gt=slug)
    items = list(queryset.order_by("slug")[: limit + 1])
    if len(items) <= limit:
        return items, None
    return items[:limit], encode({"slug": items[limit - 1].slug})


def ranked(results, cursor, limit):
    """One page of search results (a ranked sequence), resumed by position."""
    start = 0
    if cursor:
        start = decode(cursor, "offset")["offset"]
        if not isinstance(start, int) or not 0 <= start <= 10_000:
            raise BadParameter("cursor", "Not a cursor from a `next` link of this list.")
    items = list(results[start : start + limit + 1])
    if len(items) <= limit:
        return items, None
    return items[:limit], encode({"offset": start + limit})
