"""A breaking-news alert from an article's page in the admin: the editor picks who gets it
(the section's followers or everyone taking alerts), sees how many readers that is, and
confirms. The link is added to the article's page through `articles.admin.tools.ARTICLE_TOOLS`."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from articles.admin.tools import ARTICLE_TOOLS
from articles.models import Article
from shared.mail_headers import header_text, validate_header_text

from . import services
from .models import Kind, Send, Subscriber

PERMISSION = "newsletters.send_alert"


class AlertForm(forms.Form):
    audience = forms.ChoiceField(label="Send to", widget=forms.RadioSelect)
    subject = forms.CharField(
        label="Subject line", max_length=200, validators=[validate_header_text]
    )

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.counts = {
            "section": Subscriber.objects.for_alert(article.category_id).count(),
            "everyone": Subscriber.objects.for_alert().count(),
        }
        self.fields["audience"].choices = [
            ("section", f"Followers of {article.category.name}: {self.counts['section']:,}"),
            ("everyone", f"Everyone who takes alerts: {self.counts['everyone']:,}"),
        ]
        self.fields["audience"].initial = "section"
        self.fields["subject"].initial = header_text(f"Breaking: {article.headline}")[:200]


def alert_view(model_admin, request, article_id):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    article = get_object_or_404(Article.objects.select_related("category"), pk=article_id)
    back = reverse("admin:articles_article_change", args=[article.pk])
    if not article.is_published:
        messages.error(request, "Only a published article can be sent as an alert.")
        return redirect(back)
    form = AlertForm(request.POST or None, article=article)
    if form.is_valid():
        section = form.cleaned_data["audience"] == "section"
        try:
            send, created = services.alert_create(
                article=article,
                category=article.category if section else None,
                subject=form.cleaned_data["subject"],
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(back)
        readers = form.counts["section" if section else "everyone"]
        if created:
            messages.success(request, f"The alert is on its way to {readers:,} readers.")
        else:
            when = f"{send.created_at:%H:%M}"
            messages.warning(request, f"This alert was already sent at {when}; not sent again.")
        return redirect(reverse("admin:newsletters_send_change", args=[send.pk]))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Send a breaking-news alert",
        "opts": Send._meta,
        "article": article,
        "article_url": back,
        "form": form,
        "earlier": Send.objects.filter(kind=Kind.ALERT, article=article).select_related("category"),
    }
    return TemplateResponse(request, "newsletters/admin/alert_confirm.html", context)


def alert_tool(request, article):
    if article.is_published and request.user.has_perm(PERMISSION):
        url = reverse("admin:newsletters_send_alert", args=[article.pk])
        return "Send as a breaking-news alert", url
    return None


ARTICLE_TOOLS.append(alert_tool)
