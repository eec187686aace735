"""The follow button on category, tag and author pages, which are shared and cached. Those
pages (the articles app's) hold only a marker, `{% personal_part "follow" kind pk name %}`,
a part articles offers (`personal.offer`) and know nothing of newsletters: this app
registers its renderer. A logged-in reader gets a form with their state and CSRF token,
everyone else a plain link to the subscribe page (no token in the shared page)."""

import html

from django.urls import reverse
from django.utils.html import format_html

from shared import personal

from . import follows


def follow_button(request, markers):
    # Each marker is "kind:pk:name" as the page wrote it (escaped): no query for the names.
    specs, names = {}, {}
    for marker in markers:
        kind, _, rest = marker.partition(":")
        pk, _, name = rest.partition(":")
        if (
            kind in follows.FIELDS and pk.isascii() and pk.isdigit()
        ):  # anything else renders nothing
            specs[marker], names[marker] = f"{kind}:{pk}", html.unescape(name)
    user = request.user
    if not user.is_authenticated:
        subscribe = reverse("newsletters:subscribe")
        return {
            marker: format_html(
                '<a class="follow-button" href="{}?follow={}">Follow {} by email</a>',
                subscribe,
                spec,
                names[marker],
            )
            for marker, spec in specs.items()
        }
    subscriber = getattr(user, "subscriber", None)
    followed = {spec for spec, _ in follows.of(subscriber)} if subscriber else set()
    token = personal.reader_token(request)
    return {
        marker: format_html(
            '<form method="post" action="{}" class="follow-form">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="follow" value="{}">'
            '<input type="hidden" name="on" value="{}">'
            '<button type="submit" class="follow-button">{} {} by email</button></form>',
            reverse("newsletters:follow"),
            token,
            spec,
            "0" if spec in followed else "1",
            "Stop following" if spec in followed else "Follow",
            names[marker],
        )
        for marker, spec in specs.items()
    }


def register():
    personal.register("follow", follow_button)
