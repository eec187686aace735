"""A static page at its readable address (/about/, /about/ethics/)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from shared.cache import depends_on
from shared.keys import NAV, static_page_key

from .models import Page


@require_GET
def page_detail(request, path):
    try:
        page = Page.objects.published().select_related("parent").get(path=path.strip("/"))
    except Page.DoesNotExist:
        # An address nothing answers; the old-address middleware may still know it.
        raise Http404("No such page") from None
    depends_on(request, static_page_key(page.pk), NAV)
    return render(request, "pages/page_detail.html", {"page": page})
