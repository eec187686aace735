"""Article cards and the category bar as HTML, rendered once and shared.

A page-cache miss of a listing used to spend most of its time rendering cards (a
<picture> with two srcsets, a byline, two reversed URLs each) that had not changed since
the last miss. A list of cards is kept as one piece of HTML in the shared cache, named by
the card variant and the articles shown (with their last save), and fresh while none of
those articles (nor their pictures) changed: the page that shows it depends on the same
keys, so a correction of one article refreshes every list that shows its card and no
other. One entry per list, not per card: a page of cards costs one cache read. Search's
result cards are kept the same way, with a slot where each query's excerpt goes.
"""

import copy
import hashlib

from django.db.models import prefetch_related_objects
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


# Where a result card's excerpt goes in its kept HTML. Escaped text cannot hold "<!--", so
# only the slot the card template drew is ever filled.
EXCERPT_SLOT = "<!--card-excerpt-->"


def render_result_cards(articles, **options):
    """One card per article with its own excerpt (`article.excerpt`, safe HTML: a search
    result's words in context), as a list of safe strings. The excerpt differs with every
    query, the rest of the card does not: the cards are kept like every other list of
    cards, with a slot where each excerpt goes, and the excerpts are put in per request."""
    articles = list(articles)
    if not articles:
        return []
    keys = [key for article in articles for key in article.card_keys]
    depends_on(None, *keys)
    # A card without an excerpt shows its standfirst instead: another card, another name.
    excerpts = [getattr(article, "excerpt", "") for article in articles]
    slots = "".join("e" if excerpt else "-" for excerpt in excerpts)

    def build():
        # Rows may come without their bylines (search's do): only drawing a card reads them.
        prefetch_related_objects([a for a in articles if "byline" not in a.__dict__], "authors")
        template = get_template(CARD_TEMPLATE)
        cards = []
        for article, excerpt in zip(articles, excerpts, strict=True):
            card = copy.copy(article)  # the caller's rows keep their own excerpt
            card.excerpt = mark_safe(EXCERPT_SLOT) if excerpt else ""
            cards.append(template.render({**options, "article": card, "eager": False}))
        return tuple(cards)

    name = cards_name(articles, f"{variant_of(options, False)}.excerpts-{slots}")
    cards = cached_fragment(name, build, keys)
    return [
        mark_safe(card.replace(EXCERPT_SLOT, excerpt) if excerpt else card)
        for card, excerpt in zip(cards, excerpts, strict=True)
    ]


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
