"""The reader's own parts of a story behind a wall or a meter (shared/personal.py).

"gated-part": the story's text past the teaser for a reader entitled to it, else the
offer. "meter": for a metered story, this reader's monthly limit for meter.js (nothing for
members, who have no meter). Filled per request into the shared page; the part behind a
wall is kept once for all entitled readers (`gated_part_entry`), never in a shared page.
"""

import functools

from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.models import Article
from pages.models import Page
from shared import personal
from shared.cache import cached_fragment
from shared.keys import article_key, gated_page_part_entry, gated_part_entry, static_page_key

from . import access, gifts, offers
from .access import Rule
from .teaser import rest_html


def _rest(kind, story_id):
    if kind == "page":
        rows, entry, key = Page.objects.published, gated_page_part_entry, static_page_key
    else:
        rows, entry, key = Article.objects.readable_at_address, gated_part_entry, article_key

    def build():
        # The queryset is made here, on a miss only: building it (the archived-or-published
        # rule) cost a member's page more than reading the kept part.
        body = rows().filter(pk=story_id).values_list("body", flat=True).first()
        return str(rest_html(body)) if body is not None else ""

    return cached_fragment(entry(story_id), build, keys=[key(story_id)])


def gated_part(request, args):
    found = {}
    for arg in args:
        kind, story_id, level, tier_id = (arg.split(":") + ["", "", ""])[:4]
        if kind not in ("article", "page") or not (story_id.isascii() and story_id.isdigit()):
            found[arg] = ""
            continue
        rule = Rule(level, int(tier_id) if tier_id.isascii() and tier_id.isdigit() else None)
        entitled = access.may_read(request, rule)
        gift = gifts.NONE if entitled else gifts.opened_by(request, kind, int(story_id))
        if entitled or gift.opens:
            # Never stored as a page for everyone, even for a reader the page cache took
            # for anonymous (one reading from an institution's network, or by a gift).
            request.skip_page_cache = True
            found[arg] = format_html(
                '{}<div class="article__gated">{}</div>{}',
                _gift_note(gift),
                _safe(_rest(kind, int(story_id))),
                _gift_control(request, kind, story_id),
            )
        else:
            found[arg] = format_html("{}{}", _gift_note(gift), offers.render(request, rule))
    return found


def _gift_note(gift):
    if not (gift.opens or gift.problem):
        return ""
    return get_template("memberships/_gift_note.html").render({"gift": gift})


def _gift_control(request, kind, story_id):
    """The gift form, for signed-in members (staff read all, but give nothing; a reader
    on an institution's network has no account to count gifts against)."""
    if kind != "article" or not request.user.is_authenticated:
        return ""
    if not access.is_member(request):
        return ""
    form = _gift_form(int(story_id), gifts.left_shown(request.user), get_script_prefix())
    return personal.with_token(form, request)


@functools.lru_cache(maxsize=512)
def _gift_form(article_id, left, script_prefix):
    """The form as every member with `left` gifts sees it under this story, rendered once
    per process (rendering it, with the request's context processors, was a third of a
    member's page); the reader's token, masked once for the page's forms, is put in per
    request. Its address is reversed under `script_prefix`: one process can serve the site
    under two (at / and behind a proxy's /news/)."""
    return get_template("memberships/_gift_form.html").render(
        {"article_id": article_id, "left": left, "csrf_token": personal.TOKEN_SLOT}
    )


def meter(request, args):
    user = request.user
    if (user.is_authenticated and user.is_staff) or access.is_member(request):
        return dict.fromkeys(args, "")
    anonymous_limit, registered_limit = access.meter_limits()
    limit = registered_limit if user.is_authenticated else anonymous_limit
    template = get_template("memberships/_meter.html")
    return {
        arg: template.render(
            {"limit": limit, "article_id": arg, "offer": offers.render(request, Rule("metered"))}
        )
        for arg in args
    }


def _safe(html):
    return mark_safe(html)  # the body's renderer sanitised it when it was kept


def register():
    personal.register("gated-part", gated_part)
    personal.register("meter", meter)
