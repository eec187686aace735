"""A static page's body holds its pictures' addresses, as an article's does: once a
picture's copies for each screen exist, or it is deleted, the pages that show it are
rendered again (articles.services.render_bodies_again)."""

from articles.body import image_shortcode_regex
from articles.services import render_bodies_again
from shared.keys import static_page_key

from .models import Page


def render_pages_showing(image_id):
    rows = Page.objects.filter(body__iregex=image_shortcode_regex(image_id)).only("pk", "body")
    render_bodies_again(rows, lambda page: static_page_key(page.pk))
