"""Machine-readable times: HTML's `<time datetime>` allows at most three fraction digits."""

import re
from datetime import UTC, datetime

import pytest

from articles import services
from tests import people
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# A valid global date and time string as HTML defines it, to the second.
VALID = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?(Z|[+-]\d\d:\d\d)")
MOMENT = datetime(2026, 3, 1, 9, 15, 30, 53183, tzinfo=UTC)


def datetime_attributes(html):
    return re.findall(r'datetime="([^"]*)"', html)


def test_every_time_on_home_and_article_pages_is_valid_html_to_the_second(client):
    article = ArticleFactory(published=True, published_at=MOMENT)
    CommentFactory(article=article)
    services.correction_add(article=article, user=people.editor(), note="Fixed a name.")
    pages = [
        client.get("/").content.decode(),
        client.get(article.get_absolute_url()).content.decode(),
    ]
    found = [value for html in pages for value in datetime_attributes(html)]
    # the home card, the byline, "Updated", the correction (and the comment, where shown)
    assert len(found) >= 4
    assert [value for value in found if not VALID.fullmatch(value)] == []
    assert "2026-03-01T09:15:30+00:00" in found
