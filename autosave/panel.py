"""The panel above the article's change form (articles.admin.panels.ARTICLE_PANELS): the
status line of the autosave, its script, and the offer of this person's newer unsaved text.
Without JavaScript the offer still shows the text and what differs, read-only."""

from django.template.loader import render_to_string
from django.urls import reverse

from articles.services import user_can_edit

from .fields import FIELDS
from .offer import offer_for, render_offer


def autosave_panel(request, article):
    user = request.user
    if article is not None and not user_can_edit(user, article):
        return ""  # a read-only form: nothing is typed, so nothing to keep
    context = {
        "article": article,
        "fields": " ".join(FIELDS),
        "storage_key": f"newsroom-autosave:{user.pk}:{article.pk if article else 'new'}",
        "offer_html": "",
    }
    if article is not None:
        context["save_url"] = reverse("autosave:save", args=[article.pk])
        context["offer_url"] = reverse("autosave:offer", args=[article.pk])
        found = offer_for(article, user)
        if found is not None:
            context["offer_html"] = render_offer(request, article, found)
    return render_to_string("admin/autosave/panel.html", context, request=request)
