"""A static page's body holds its pictures' addresses, as an article's does: once a
picture's copies for each screen exist, the pages that show it are rendered again."""

from articles.body import image_shortcode_regex, render_body
from shared.cache import content_changed
from shared.keys import static_page_key

from .models import Page


def render_pages_showing(image_id):
    """No revision: their text did not change. Names the pages changed; only where the text
    is still what was read (a page saved meanwhile was rendered by its own save)."""
    shortcode = image_shortcode_regex(image_id)
    changed = [
        page
        for page in Page.objects.filter(body__iregex=shortcode).only("pk", "body")
        if Page.objects.filter(pk=page.pk, body=page.body).update(body_html=render_body(page.body))
    ]
    if changed:
        content_changed(*(static_page_key(page.pk) for page in changed))
