from django.conf import settings

from articles.models import Category


def site(request):
    """What every page's header and footer show: the site's name and the category bar."""
    return {
        "site_name": settings.SITE_NAME,
        "site_tagline": settings.SITE_TAGLINE,
        "navigation_categories": Category.objects.all(),
    }
