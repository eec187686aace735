"""The wall as the article app sees it (articles/access.py's `gate`, set in apps.py).

An open story's body is the body. A metered story's page is the same for everyone (one
cached page): the teaser, the rest in `.article__gated`, and the meter's personal part,
which tells static/memberships/meter.js this reader's monthly limit; the script draws the
wall in the browser, and a reader without JavaScript reads in full. A story behind a wall
(registered readers, members, a tier) has only its teaser in the shared page; the rest is a
personal part (memberships/personal.py) filled with the text for readers entitled to it
and with the offer for the others, so no page that can be shared ever holds it.
"""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from shared import personal

from . import access
from .models import Level
from .teaser import rest_html, split, teaser_html

GATED_SELECTOR = ".article__gated"


def rule_for(story):
    """An article's rule (its own, else its category's), or a static page's."""
    if hasattr(story, "category_id"):
        return access.rule_for_article(story)
    return access.rule_for_page(story)


def kind_of(story):
    return "article" if hasattr(story, "category_id") else "page"


class Gate:
    """Asked about articles and static pages alike (each has `body` and `body_html`)."""

    def body_html(self, story):
        rule = rule_for(story)
        if rule.is_open:
            return story.body_html
        teaser = teaser_html(story.body)
        kind = kind_of(story)
        if rule.level == Level.METERED:
            counted = story.pk if kind == "article" else f"page-{story.pk}"
            return format_html(
                '{}<div class="article__gated">{}</div>{}<script src="{}" defer></script>',
                teaser,
                rest_html(story.body),
                mark_safe(personal.marker("meter", counted)),
                static("memberships/meter.js"),
            )
        # The marker carries the rule it was drawn under: what holds it depends on
        # "access", so a changed rule draws a new marker.
        where = f"{kind}:{story.pk}:{rule.level}:{rule.tier_id or ''}"
        return format_html("{}{}", teaser, mark_safe(personal.marker("gated-part", where)))

    def is_withheld(self, story):
        return rule_for(story).is_withheld

    def may_read(self, request, story):
        return access.may_read(request, rule_for(story))

    def public_body_html(self, story):
        if self.is_withheld(story):
            return teaser_html(story.body)
        return story.body_html

    def public_body_source(self, story):
        if self.is_withheld(story):
            return split(story.body)[0]
        return story.body

    def structured_data(self, story):
        if rule_for(story).is_open:
            return {}
        return {
            "isAccessibleForFree": False,
            "hasPart": {
                "@type": "WebPageElement",
                "isAccessibleForFree": False,
                "cssSelector": GATED_SELECTOR,
            },
        }
