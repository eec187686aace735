"""The messages: HTML from templates that look like the site, CSS inlined by css-inline so
mail clients that drop <style> still get it, a plain-text part, and on every bulk message a
visible unsubscribe link plus List-Unsubscribe and its RFC 8058 one-click header."""

import re
from email.utils import make_msgid

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from articles.body import normalize_source
from articles.models import Article, SiteIdentity
from shared.mail_headers import header_text

from . import conf, tokens
from .models import Kind

INLINER = css_inline.CSSInliner(keep_style_tags=True)  # media queries stay for phones


def absolute(path):
    return conf.site_url() + path


def message(*, to, subject, template, context, headers=None, message_id=""):
    context = {
        "site_name": SiteIdentity.current().name,
        "site_url": conf.site_url(),
        "privacy_url": absolute(reverse("newsletters:privacy")),
        "subject": subject,
        **context,
    }
    text = render_to_string(f"newsletters/email/{template}.txt", context)
    html = INLINER.inline(render_to_string(f"newsletters/email/{template}.html", context))
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    message_id = f"<{message_id}>" if message_id else make_msgid(domain=domain)
    mail = EmailMultiAlternatives(
        header_text(subject), text, to=[to], headers={"Message-ID": message_id, **(headers or {})}
    )
    mail.attach_alternative(html, "text/html")
    if not conf.tracking():
        # Read by anymail's providers; the SMTP backend never tracks.
        mail.track_opens = mail.track_clicks = False
    return mail


def confirmation(email, follow, follow_name):
    link = absolute(reverse("newsletters:confirm", args=[tokens.confirm_token(email, follow)]))
    context = {"link": link, "follow_name": follow_name, "days": conf.confirm_days()}
    return message(
        to=email, subject="Confirm your subscription", template="confirm", context=context
    )


def unsubscribe_headers(subscriber, kind):
    link = absolute(
        reverse("newsletters:unsubscribe", args=[tokens.unsubscribe_token(subscriber, kind)])
    )
    headers = {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return link, headers


def digest_articles(subscriber, since, until):
    """The digest's stories: published ones, new in the window, in what the reader follows."""
    followed = Article.objects.published().filter(published_at__gt=since, published_at__lte=until)
    followed = (
        followed.filter(category__in=subscriber.categories.all())
        | followed.filter(tags__in=subscriber.tags.all())
        | followed.filter(authors__in=subscriber.authors.all())
    )
    ids = followed.values("pk")
    return list(
        Article.objects.published()
        .filter(pk__in=ids)
        .select_related("category", "featured_image")
        .order_by("-published_at")
    )


def articles_for(send, subscriber):
    """What `send` tells `subscriber`; the same for every reader but in a digest."""
    if send.kind == Kind.DIGEST:
        return digest_articles(subscriber, send.since, send.created_at)
    if send.kind == Kind.ALERT:
        return [send.article] if send.article and send.article.is_published else []
    if send.newsletter:
        return list(send.newsletter.published_articles())
    return []


def for_send(send, subscriber, *, articles=None, to=None, message_id=""):
    """The message of `send` for one reader, or None when there is nothing to tell them.
    `message_id` (without <>) is the one it had when a handoff of it was cut off."""
    articles = articles_for(send, subscriber) if articles is None else articles
    if not articles:
        return None
    link, headers = unsubscribe_headers(subscriber, send.kind)
    context = {
        "send": send,
        "articles": [(article, absolute(article.get_absolute_url())) for article in articles],
        "intro": intro_paragraphs(send.newsletter.intro) if send.newsletter else [],
        "unsubscribe_url": link,
        "kind_name": Kind(send.kind).label.lower(),
        "preferences_url": absolute(
            reverse("newsletters:preferences_link", args=[tokens.preferences_token(subscriber)])
        ),
    }
    return message(
        to=to or subscriber.email,
        subject=send.subject,
        template="issue",
        context=context,
        headers=headers,
        message_id=message_id,
    )


def intro_paragraphs(intro):
    """A newsletter's intro as paragraphs: a blank line starts one, whatever the line
    endings (an intro saved before they were normalised may have CRLF)."""
    parts = re.split(r"\n[ \t]*\n", normalize_source(intro))
    return [part.strip() for part in parts if part.strip()]
