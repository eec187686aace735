from django import template
from django.utils.safestring import mark_safe

from articles import access
from articles.fragments import render_cards, render_category_bar, render_result_cards
from articles.images import picture_sources
from shared import renditions
from shared.cache import depends_on

register = template.Library()


@register.simple_tag
def article_body(article):
    """The body as the article page shows it: whole, or a teaser with a marker where the
    part behind a wall goes, filled for each reader (articles/access.py)."""
    return mark_safe(access.body_html(article))  # sanitised HTML, or the gate's markup


# Longer headlines get a smaller size, so none runs past four or five lines at 1280 px.
HEADLINE_SIZES = ((140, "longest"), (100, "longer"), (60, "long"))


@register.inclusion_tag("includes/picture.html")
def picture(image, sizes="100vw", alt=None, lead=False, css_class=""):
    """A responsive <picture> for an Image: WebP with a JPEG fallback, sized to its slot.

    `lead` marks the picture a reader sees first (the hero): loaded at once with high
    priority; every other picture waits until it nears the screen.
    """
    if image:
        depends_on(None, image.cache_key)
    return {
        "image": image,
        "sources": picture_sources(image) if image else None,
        "sizes": sizes,
        "alt": image.alt_text if alt is None and image else (alt or ""),
        "lead": lead,
        "css_class": css_class,
    }


@register.inclusion_tag("includes/author_photo.html")
def author_photo(author, size, css_class, alt=""):
    """An author's photo as a circle `size` CSS pixels wide (square renditions, the original
    while they are missing), or nothing: the caller shows an initial instead."""
    return {
        "author": author,
        "sources": renditions.picture_sources(author.avatar_renditions, fallback_index=1),
        "size": size,
        "css_class": css_class,
        "alt": alt,
    }


@register.simple_tag
def article_cards(articles, eager_first=False, **options):
    """One card per article (includes/article_card.html with `options`), the list rendered
    once per content version and read back in one cache round-trip (articles.fragments).
    Search results have `result_cards`: their cards carry a per-query excerpt."""
    return render_cards(articles, eager_first=eager_first, **options)


@register.simple_tag
def result_cards(articles, **options):
    """One card per search result, each with its own excerpt (`article.excerpt`), as a list
    to loop over: the cards read from kept HTML, the excerpts put in (articles.fragments)."""
    return render_result_cards(articles, **options)


@register.simple_tag(takes_context=True)
def category_bar(context):
    """The category bar, marking the page's own category (`category` in the context)."""
    return render_category_bar(context.get("navigation_categories"), context.get("category"))


@register.filter
def headline_size(headline):
    """The article headline's size class for its length ("" for a headline of usual length)."""
    length = len(headline or "")
    for limit, name in HEADLINE_SIZES:
        if length > limit:
            return f"article__headline--{name}"
    return ""
