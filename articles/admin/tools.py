"""The article's tools, one bar at the top of its change page.

`ARTICLE_TOOLS` holds the links other apps add (the live desk, a breaking-news alert): each is
a callable (request, article) -> (label, url) or None, appended when its app loads; this app
knows none of them. `toolbar` puts them together with the admin's own tools, so the bar is
built in one place and shows only links the user can follow (no "View on site" for a draft:
its address answers 404; the preview shows it instead).
"""

from typing import NamedTuple

from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.urls import reverse

from .. import services

ARTICLE_TOOLS = []


class Tool(NamedTuple):
    label: str
    url: str
    new_tab: bool = False


def toolbar(model_admin, request, article):
    """The tools of `article`'s change page for `request.user`, in the bar's order."""
    preserved = {
        "opts": model_admin.opts,
        "preserved_filters": model_admin.get_preserved_filters(request),
    }
    history = reverse("admin:articles_article_history", args=[article.pk])
    tools = [
        Tool(
            "Preview as readers see it",
            reverse("admin:articles_article_preview", args=[article.pk]),
            new_tab=True,
        ),
        Tool("History", add_preserved_filters(preserved, history)),
    ]
    if article.status == article.Status.IN_REVIEW and services.user_can_publish(request.user):
        send_back = reverse("admin:articles_article_send_back", args=[article.pk])
        tools.append(Tool("Send back to the writer", send_back))
    tools += [Tool(*tool) for tool in (add(request, article) for add in ARTICLE_TOOLS) if tool]
    if article.is_readable_at_address:
        tools.append(Tool("View on site", article.get_absolute_url()))
    return tools
