"""The footer menu: the static pages every page's footer lists."""

from shared.cache import cached_data
from shared.keys import FOOTER_PAGES, NAV

from .models import Page


def footer_pages():
    """The static pages the footer lists, shared by every page until one changes."""
    return cached_data(
        FOOTER_PAGES, lambda: list(Page.objects.in_footer().only("title", "path")), (NAV,)
    )
