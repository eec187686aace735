"""The article change form links one stylesheet, made of the sheets it linked before."""

import posixpath
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from articles.admin.stylesheet import BUNDLE, BUNDLED, bundle
from tests import people
from tests.factories import ArticleFactory


def test_the_committed_stylesheet_is_the_sheets_it_is_built_from():
    committed = (Path(settings.BASE_DIR) / "static" / BUNDLE).read_text(encoding="utf-8")
    # If this fails after a change to one of SHEETS (or a Django upgrade): run
    # `manage.py build_change_form_css` and commit static/newsroom_admin/change_form.css.
    assert committed == bundle()


def test_every_picture_it_names_is_found_from_its_folder():
    css = bundle()
    assert "@import" not in css  # forms.css's widgets.css is in place
    urls = set(re.findall(r'url\("([^"]+)"\)', css))
    assert "../admin/img/selector-icons.svg" in urls  # widgets.css's, rebased once
    folder = posixpath.dirname(BUNDLE)
    missing = [url for url in urls if not finders.find(posixpath.normpath(f"{folder}/{url}"))]
    assert missing == []


@pytest.mark.django_db
def test_the_change_form_links_only_the_one_stylesheet_in_its_head(client):
    client.force_login(people.editor())
    article = ArticleFactory(slug="harbour-fees")
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    head = html.split("</head>")[0]
    sheets = [tag for tag in re.findall(r"<link\b[^>]*>", head) if "stylesheet" in tag]
    assert len(sheets) == 1 and f"/static/{BUNDLE}" in sheets[0]
    assert not any(f"/static/{path}" in html for path in BUNDLED)
    # What the form still needs without the sheets: the editor, its field, the admin's widgets.
    assert "editor/editor.js" in head
    assert 'class="markdown-editor"' in html
