"""The breaking-news banner, filled into every page as a reader's own parts are.

Why a part and not part of the page: a banner changes every page at once, and a shell
(the page rendered once and shared, shared/page_cache.py) that held it would all go stale
with every set and clear. Instead base.html marks the spot (`{% personal_part "banner" %}`)
and every request fills it from one small shared entry (the current banner, kept while
the "banner" key is unchanged). Setting or clearing the banner marks that key only: the
shells and fragments stay; the whole anonymous pages built from them (they depend on the
key, since it was read while they were filled) are filled again from their shells: no
view runs, and the new banner is read once for the whole site (two small queries). An
expiry needs no write: the kept banner is read again once it has passed, and no whole
page holding it is kept past it (`personal.keep_until`); shells and fragments keep their
own lifetimes, so an expiry empties nothing either.
"""

import time

from django.template.loader import get_template

from shared import personal
from shared.cache import cached_value, depends_on
from shared.keys import BANNER, CURRENT_BANNER

from .models import Banner
from .state import fronts_state

TEMPLATE = "fronts/_banner.html"


def current_banner():
    """The banner readers see now as a dict, or None: no query while it is unchanged, and
    none at all while no banner is up (the fronts state every page reads says so)."""
    depends_on(None, BANNER)
    if fronts_state()["banner"] is None:
        return None
    return cached_value(
        CURRENT_BANNER, read_banner, (BANNER,), expires=has_expired, capped=False, always=False
    )


def read_banner():
    banner = Banner.objects.current().first()
    if banner is None:
        return None
    return {
        "text": banner.text,
        "link": banner.link,
        "urgency": banner.urgency,
        "urgency_label": banner.get_urgency_display(),
        "expires": banner.expires_at.timestamp() if banner.expires_at else None,
    }


def has_expired(banner):
    return bool(banner and banner["expires"] and banner["expires"] <= time.time())


def render(request, args):
    banner = current_banner()
    if banner is None or has_expired(banner):
        return dict.fromkeys(args, "")
    if banner["expires"]:
        personal.keep_until(request, banner["expires"])
    return dict.fromkeys(args, banner_html(banner))


# The last banner drawn in this process and its HTML: every page while a banner is up
# fills the same one, and drawing it was a tenth of a logged-in reader's page. Swapped as
# one tuple, so a thread reads a banner with its own HTML.
_drawn = (None, "")


def banner_html(banner):
    global _drawn
    drawn_for, html = _drawn
    if drawn_for != banner:
        html = get_template(TEMPLATE).render(banner)
        _drawn = (dict(banner), html)
    return html


def register():
    personal.register("banner", render)
