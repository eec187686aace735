"""The admin site builds its list of apps and models only where a page shows it."""

import pytest
from django.urls import reverse

from tests import people


@pytest.mark.django_db
def test_the_desk_index_still_lists_the_apps_and_models_one_may_change(client):
    # The list is built only when a page shows it (newsroom/admin_site.py): the index does.
    client.force_login(people.editor())
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:articles_article_changelist") in html
    assert 'class="app-articles module' in html
