"""Comment bodies are plain text: escaped, line breaks kept, web addresses made into links."""

from django.utils.html import linebreaks, urlize

LINK_REL = "nofollow ugc noopener"


def render_comment(body):
    # urlize with autoescape escapes everything that is not a link, so no reader's markup
    # survives; the links it makes get the rel that tells search engines not to trust them.
    html = urlize(body, trim_url_limit=60, nofollow=False, autoescape=True)
    html = html.replace("<a href=", f'<a rel="{LINK_REL}" href=')
    return linebreaks(html, autoescape=False)


def count_links(body):
    return urlize(body, autoescape=True).count("<a ")
