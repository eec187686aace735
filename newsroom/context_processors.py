from django.utils.functional import SimpleLazyObject

from articles.models import Category, Page, SiteIdentity
from newsroom.cache import cached_fragment


def navigation():
    return list(Category.objects.all())


def footer_pages():
    return list(Page.objects.in_footer().only("title", "path"))


def site(request):
    """What every page's header and footer show: the site's identity and the category bar.

    Both come from the shared cache, so a warm cache answers them with no query; the bar is
    fetched only when a template uses it.
    """
    identity = SiteIdentity.current()
    return {
        "site_identity": identity,
        "site_name": identity.name,
        "site_tagline": identity.tagline,
        "navigation_categories": SimpleLazyObject(
            lambda: cached_fragment("navigation", navigation)
        ),
        "footer_pages": SimpleLazyObject(lambda: cached_fragment("footer-pages", footer_pages)),
    }
