"""The site's URLs plus small views that each do one thing the page cache must notice."""

from itertools import count

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path
from django.views.decorators.cache import never_cache

from newsroom.urls import urlpatterns as site_urlpatterns

renders = count(1)


def numbered(request):
    return HttpResponse(f"render number {next(renders)}")


def sets_cookie(request):
    response = numbered(request)
    response.set_cookie("seen", "yes")
    return response


def with_csrf_form(request):
    token = get_token(request)
    return HttpResponse(
        f'<form method="post"><input name="csrfmiddlewaretoken" value="{token}">'
        f"render number {next(renders)}</form>"
    )


# Set by a test: the frozen clock a write during the render moves on (time_machine).
clock = None


def changes_while_built(request):
    """A page whose article is edited, and the edit committed, while it is being rendered."""
    from shared.cache import content_changed, depends_on

    depends_on(request, "article:99")
    clock.shift(0.01)
    content_changed("article:99")
    return numbered(request)


def flags_itself(request):
    request.skip_page_cache = True
    return numbered(request)


urlpatterns = [
    path("test/numbered/", numbered),
    path("test/cookie/", sets_cookie),
    path("test/csrf/", with_csrf_form),
    path("test/never/", never_cache(numbered)),
    path("test/flag/", flags_itself),
    path("test/changes-while-built/", changes_while_built),
    *site_urlpatterns,
]
