"""The project's own views: liveness, readiness, local media (and its old addresses once it
moved to a bucket), the 500/503 handler, robots.txt."""

import posixpath
import sys
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from shared.keys import readyz_probe
from shared.storage import PICTURE_TYPES, is_generated_name

from .middleware import DATABASE_ERRORS, database_unavailable

IMAGE_TYPES = PICTURE_TYPES


@require_GET
@never_cache
def healthz(request):
    """The process is up; says nothing of the database, so a load balancer can poll it cheaply."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
@never_cache
def readyz(request):
    """Ready for traffic: the database answers and the cache stores and returns a value.

    Two round trips, no table scanned, so a load balancer may poll it every few seconds.
    """
    failures = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means "not ready"; the reason goes in the body
        failures.append(f"database: {type(error).__name__}")
    try:
        key, value = readyz_probe(uuid.uuid4().hex), uuid.uuid4().hex
        cache.set(key, value, timeout=10)
        if cache.get(key) != value:
            failures.append("cache: value not returned")
        cache.delete(key)
    except Exception as error:
        failures.append(f"cache: {type(error).__name__}")
    if failures:
        return HttpResponse("\n".join(failures), status=503, content_type="text/plain")
    return HttpResponse("ready", content_type="text/plain")


def media(request, path, document_root=None):
    """Uploads for local use (production lets the web server do this, see docs/operations.md).

    Only pictures are served, with their type fixed by extension, `nosniff` and a policy that
    runs nothing: a file that is secretly HTML or SVG is never rendered as a page. Caching
    follows the nginx configuration: long and immutable for generated names only.
    """
    extension = posixpath.splitext(path)[1].lstrip(".").lower()
    if extension not in IMAGE_TYPES:
        raise Http404("Not a picture.")
    # Read at request time, not when the URLconf loads: the folder is a setting like any other.
    response = serve(request, path, document_root=document_root or settings.MEDIA_ROOT)
    response["Content-Type"] = IMAGE_TYPES[extension]
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # A generated name is never reused; any other file may be replaced where it stands.
    response["Cache-Control"] = (
        "public, max-age=31536000, immutable" if is_generated_name(path) else "public, max-age=300"
    )
    return response


@require_GET
def old_media(request, path):
    """A picture's address from before the site moved its media (DJANGO_OLD_MEDIA_URL): for
    good to the same name in the bucket, so old pages, feeds and links keep their pictures."""
    extension = posixpath.splitext(path)[1].lstrip(".").lower()
    if extension not in IMAGE_TYPES or ".." in path.split("/") or path.startswith("/"):
        raise Http404("Not a picture.")
    return HttpResponsePermanentRedirect(default_storage.url(path))


def server_error(request):
    """handler500: a database outage anywhere in the request gets the 503 page."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS):
        return database_unavailable(error)
    try:
        page = render_to_string("500.html")
    except Exception:  # the page itself failed (a static manifest missing): say it plainly
        page = "<!doctype html><title>Server error</title><h1>Something went wrong</h1>"
    return HttpResponse(page, status=500)


@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    """Crawlers: skip the staff and account pages, and here are the sitemaps."""
    context = {"site_url": settings.SITE_URL.rstrip("/")}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
