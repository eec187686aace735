"""Article cards and the category bar as HTML, rendered once per content version.

A page-cache miss of a listing used to spend most of its time rendering cards (a
<picture> with two srcsets, a byline, two reversed URLs each) that had not changed since
the last miss. A list of cards is now kept as one piece of HTML in the shared cache, keyed
on the content version, the card variant and the articles shown (with their last save),
so a write that changes what the public sees (which moves the version) shows in every card
at once, and a page of cards costs one cache read. One entry per list, not per card: the
file cache scans its directory on every write (to cull), so twelve writes per cold page
cost more than rendering the twelve cards. Like every fragment, an entry is kept no longer
than newsroom.cache.fresh_for() allows.
"""

import hashlib

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from newsroom.cache import content_version, fresh_for

CARD_TEMPLATE = "includes/article_card.html"
BAR_TEMPLATE = "includes/category_bar_links.html"

# Everything the card template reads besides `article`; each distinct combination is its
# own cache entry, so a card shown as a lead and in a rail never share HTML.
CARD_OPTIONS = ("card_size", "heading_level", "hide_category", "no_standfirst", "no_image")


def cards_key(version, articles, variant):
    # Each card's last save joins the version: belt and braces for a write that moves one.
    shown = ",".join(
        f"{article.pk}@{article.updated_at.timestamp() if article.updated_at else ''}"
        for article in articles
    )
    digest = hashlib.sha1(shown.encode(), usedforsecurity=False).hexdigest()
    return f"newsroom:cards:{version}:{variant}:{digest}"


def variant_of(options, eager_first):
    return ".".join(str(options.get(name) or "") for name in CARD_OPTIONS) + f".{int(eager_first)}"


def render_cards(articles, eager_first=False, **options):
    """The HTML of one card per article, in order, as one safe string."""
    articles = list(articles)
    if not articles:
        return ""
    version = content_version()
    key = cards_key(version, articles, variant_of(options, eager_first))
    html = cache.get(key)
    if html is None:
        template = get_template(CARD_TEMPLATE)
        html = "".join(
            template.render({**options, "article": article, "eager": eager_first and index == 0})
            for index, article in enumerate(articles)
        )
        seconds = fresh_for(version)
        if seconds:
            cache.set(key, html, seconds)
    return mark_safe(html)


def render_category_bar(categories, current=None):
    """The category bar, once per content version and current category (its aria-current
    mark is the one thing that differs between pages). A page rendered without the site's
    context processor has no categories to show, and its empty bar is not kept."""
    current_pk = getattr(current, "pk", None)
    if categories is None:
        return get_template(BAR_TEMPLATE).render({"current_pk": current_pk})
    version = content_version()
    key = f"newsroom:category-bar:{version}:{current_pk}"
    html = cache.get(key)
    if html is None:
        html = get_template(BAR_TEMPLATE).render(
            {"navigation_categories": categories, "current_pk": current_pk}
        )
        seconds = fresh_for(version)
        if seconds:
            cache.set(key, html, seconds)
    return mark_safe(html)
