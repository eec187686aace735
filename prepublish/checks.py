"""The pre-publish checks: each reads the article as it would be saved (a Draft) and says,
in an editor's words, what is missing or risky and which field to fix.

Each check returns (field, message) pairs; run_all gives them the level the editors chose
(PublishCheckSettings) and is what the articles app calls (articles/publish_checks.py).
"""

from django.conf import settings

from articles.body import images_in_body
from articles.models import Article, Image
from articles.publish_checks import Finding

from . import links
from .models import LinkCheck, PublishCheckSettings

HEADLINE_MAX = 70  # the form's soft limit (articles/forms.py SEO_LIMITS)
SEARCH_TITLE_MAX = 60  # what search results show before cutting (Yoast's limit too)
DESCRIPTION_MIN, DESCRIPTION_MAX = 50, 160
# Link words that say nothing out of context (WCAG 2.4.4); a bare address is fine.
VAGUE_LINK_TEXT = {
    "click here",
    "click",
    "here",
    "read more",
    "more",
    "this",
    "link",
    "this link",
    "go",
    "see here",
    "find out more",
    "learn more",
}


def alt_text(draft):
    missing = [
        (name, f"the {name.replace('_', ' ')} (#{image.pk})")
        for name, image in (
            ("featured_image", draft.featured_image),
            ("social_image", draft.social_image),
        )
        if image is not None and not image.alt_text.strip()
    ]
    numbers = sorted(images_in_body(draft.body))
    for image in Image.objects.filter(pk__in=numbers, alt_text="").order_by("pk"):
        missing.append(("body", f"[[image {image.pk}]] in the body"))
    if missing:
        names = ", ".join(name for _, name in missing)
        yield (
            missing[0][0],
            (
                f"Add alt text to these images before publishing: {names}. Readers who cannot "
                "see a picture hear its alt text; set it in the picture library."
            ),
        )


def headline_length(draft):
    if len(draft.headline) > HEADLINE_MAX:
        yield (
            "headline",
            (
                f"The headline is {len(draft.headline)} characters; over {HEADLINE_MAX} "
                "it is cut off in lists and search results."
            ),
        )


def seo_title_length(draft):
    title, field = (draft.seo_title, "seo_title") if draft.seo_title else (draft.headline, "")
    if len(title) > SEARCH_TITLE_MAX:
        where = "the SEO title" if field else "the headline (no SEO title is set)"
        yield (
            field or "seo_title",
            (
                f"Search results show {where}: {len(title)} characters, "
                f"cut off after about {SEARCH_TITLE_MAX}. Write a shorter SEO title."
            ),
        )


def seo_description_length(draft):
    text = draft.seo_description or draft.standfirst
    field = "seo_description"
    if not text:
        yield (
            field,
            (
                "There is no description for search results and link previews: write a "
                "standfirst or an SEO description."
            ),
        )
    elif len(text) < DESCRIPTION_MIN:
        yield (
            field,
            (
                f"The search description is {len(text)} characters; under "
                f"{DESCRIPTION_MIN} search engines often replace it with text of their own."
            ),
        )
    elif len(text) > DESCRIPTION_MAX:
        yield (
            field,
            (
                f"The search description is {len(text)} characters; search results cut "
                f"it off after about {DESCRIPTION_MAX}."
            ),
        )


def category(draft):
    if draft.category is None:
        yield "category", "No category: the article would appear in no section."


def byline(draft):
    if not draft.authors:
        yield "authors", "No byline: readers will not see who wrote it."


def featured_image(draft):
    if draft.featured_image is None:
        yield "featured_image", "No featured image: cards and link previews show no picture."


def heading_order(draft):
    previous = 1  # the page's own H1 is the headline
    for level in links.heading_levels(draft.body):
        if level == 1:
            yield (
                "body",
                (
                    "The body has a top-level heading (#): the headline is the page's "
                    "only one. Use ## for sections."
                ),
            )
        elif level > previous + 1:
            after = f"follows an H{previous}" if previous > 1 else "comes before any H2"
            yield (
                "body",
                (
                    f"A {'#' * level} heading (H{level}) {after}: a level is skipped, which "
                    "confuses readers who move by headings. Use one level deeper at most."
                ),
            )
        previous = max(level, 1)


def vague_link_text(draft):
    for link in links.links_in(draft.body):
        words = link.text.strip().strip(".:!…").lower()
        if words in VAGUE_LINK_TEXT:
            yield (
                "body",
                (
                    f"The link “{link.text}” ({link.url}) says nothing out of context: "
                    "name where it leads."
                ),
            )


def private_links(draft):
    slugs = {}
    for link in links.links_in(draft.body):
        slug = links.own_article_slug(link.url)
        if slug:
            slugs.setdefault(slug, link.url)
    if not slugs:
        return
    public = set(Article.objects.published().filter(slug__in=slugs).values_list("slug", flat=True))
    for slug, url in slugs.items():
        if slug not in public:
            yield (
                "body",
                (
                    f"The link to {url} leads to one of our articles readers cannot "
                    "open (a draft, scheduled, archived or no longer there)."
                ),
            )


def broken_links(draft):
    """From the background check's results; a link not yet asked is pending."""
    if not settings.PREPUBLISH_LINK_CHECKS:
        return  # nothing asks, so nothing would ever be known
    urls = links.external_links(draft.body)
    known = {check.url: check for check in LinkCheck.objects.filter(url__in=urls)}
    for url in urls:
        check = known.get(url)
        if check is None:
            yield PENDING, url
        elif check.is_broken:
            yield "body", f"The link to {url} answered {check.status} (not found) when checked."


PENDING = "pending"  # broken_links' answer for an address not asked yet

CHECKS = [
    alt_text,
    private_links,
    headline_length,
    seo_title_length,
    seo_description_length,
    category,
    byline,
    featured_image,
    heading_order,
    vague_link_text,
    broken_links,
]


def run_all(draft):
    from .services import link_checks_request

    levels = PublishCheckSettings.current()
    findings, pending = [], []
    for check in CHECKS:
        blocks = levels.blocks(check.__name__)
        for field, message in check(draft):
            if field == PENDING:
                pending.append(message)
            else:
                findings.append(Finding(message=message, field=field, blocks=blocks))
    if pending:
        link_checks_request(pending)
        count = len(pending)
        findings.append(
            Finding(
                message=f"{count} link{'s' if count > 1 else ''} still being checked; the "
                "result shows here once known.",
                field="body",
                pending=True,
            )
        )
    return findings
