"""Article cards and the category bar as HTML, rendered once and shared.

A page-cache miss of a listing used to spend most of its time rendering cards (a
<picture> with two srcsets, a byline, two reversed URLs each) that had not changed since
the last miss. A list of cards is kept as one piece of HTML in the shared cache, named by
the card variant and the articles shown (with their last save), and fresh while none of
those articles (nor their pictures) changed: the page that shows it depends on the same
keys, so a correction of one article refreshes every list that shows its card and no
other. One entry per list, not per card: a page of cards costs one cache read.
"""

import hashlib

from django.template.loader import get_template
from django.utils.safestring import mark_safe

from shared.cache import cached_fragment, depends_on
from shared.keys import NAV, cards_entry, category_bar_entry

CARD_TEMPLATE = "includes/article_card.html"
BAR_TEMPLATE = "includes/category_bar_links.html"

# Everything the card template reads besides `article`; each distinct combination is its
# own cache entry, so a card shown as a lead and in a rail never share HTML.
CARD_OPTIONS = ("card_size", "heading_level", "hide_category", "no_standfirst", "no_image")


def cards_name(articles, variant):
    # Each card's last save is in the name: a list never answers for other versions of it.
    shown = ",".join(
        f"{article.pk}@{_stamp(article.updated_at)}{_live(article)}" for article in articles
    )
    digest = hashlib.sha1(shown.encode(), usedforsecurity=False).hexdigest()
    return cards_entry(variant, digest)


def _stamp(moment):
    return moment.timestamp() if moment else ""


def _live(article):
    # A live page's card changes with its latest update, which is no save of the article.
    if getattr(article, "live_started_at", None) is None:
        return ""
    return f"~{_stamp(article.live_updated_at)}"


def variant_of(options, eager_first):
    return ".".join(str(options.get(name) or "") for name in CARD_OPTIONS) + f".{int(eager_first)}"


def render_cards(articles, eager_first=False, **options):
    """The HTML of one card per article, in order, as one safe string."""
    articles = list(articles)
    if not articles:
        return ""
    keys = [key for article in articles for key in article.card_keys]
    depends_on(None, *keys)

    def build():
        template = get_template(CARD_TEMPLATE)
        return "".join(
            template.render({**options, "article": article, "eager": eager_first and index == 0})
            for index, article in enumerate(articles)
        )

    name = cards_name(articles, variant_of(options, eager_first))
    return mark_safe(cached_fragment(name, build, keys))


def render_category_bar(categories, current=None):
    """The category bar, once per current category (its aria-current mark is the one thing
    that differs between pages). A page rendered without the site's context processor has
    no categories to show, and its empty bar is not kept."""
    current_pk = getattr(current, "pk", None)
    if categories is None:
        return get_template(BAR_TEMPLATE).render({"current_pk": current_pk})
    html = cached_fragment(
        category_bar_entry(current_pk),
        lambda: get_template(BAR_TEMPLATE).render(
            {"navigation_categories": categories, "current_pk": current_pk}
        ),
        keys=(NAV,),
    )
    return mark_safe(html)
