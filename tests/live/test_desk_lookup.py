"""The desk's picture field: its help text names a magnifier, so the magnifier shows."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests import people
from tests.live.factories import live_page

pytestmark = pytest.mark.django_db


def test_the_picture_fields_magnifier_is_drawn_on_the_desk(client):
    reporter = people.writer(username="wren")
    article = live_page(authors=[reporter])
    client.force_login(reporter)
    html = client.get(f"/admin/live/liveupdate/desk/{article.pk}/").content.decode()
    assert "the magnifier opens the library" in html
    assert 'class="related-lookup"' in html
    # The admin draws the magnifier (an icon, no text) from its forms stylesheet.
    assert '/static/admin/css/forms.css"' in html
    assert ".related-lookup" in Path(finders.find("admin/css/forms.css")).read_text()
