from django.utils.functional import SimpleLazyObject

from articles.listings import navigation_categories
from articles.models import SiteIdentity
from memberships.offers import is_open as membership_is_open
from pages.listings import footer_pages


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
        "navigation_categories": SimpleLazyObject(navigation_categories),
        "footer_pages": SimpleLazyObject(footer_pages),
        # Read only inside the kept footer, which then follows the tiers' key too.
        "membership_offered": SimpleLazyObject(membership_is_open),
    }
