"""A front as HTML, drawn once while nothing it shows changes and shared by every worker.

Registered with the articles app (`articles.front_hooks`) from `apps.py`: the home and
category views ask for it, and a page with no front of its own keeps its default layout.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from shared.cache import cached_fragment, depends_on
from shared.keys import front_entry, front_key

from .layout import front_zones
from .state import fronts_state


def front_html(category=None):
    category_id = getattr(category, "pk", None)
    state = fronts_state()
    if not state["sections" if category_id else "home"]:
        # No front here (nor, for a category, on any category page): the default layout,
        # until this page gets one.
        depends_on(None, front_key(category_id))
        return None
    html = cached_fragment(
        front_entry(category_id), lambda: draw(category_id), keys=(front_key(category_id),)
    )
    return None if html is None else mark_safe(html)


def draw(category_id, layout=None):
    """The front's HTML; with an unsaved `layout`, its preview (never kept)."""
    zones = front_zones(category_id, layout)
    if zones is None:
        return None
    return render_to_string("fronts/front.html", {"zones": zones})
