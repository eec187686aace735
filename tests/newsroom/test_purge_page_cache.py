import pytest
from django.core.management import call_command
from django.test import Client

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_after_a_deploy_the_purge_command_makes_cached_pages_render_afresh(settings):
    article = ArticleFactory(published=True)
    reader = Client()
    assert reader.get(article.get_absolute_url())["X-Cache"] == "miss"
    assert reader.get(article.get_absolute_url())["X-Cache"] == "hit"
    call_command("purge_page_cache", verbosity=0)
    assert reader.get(article.get_absolute_url())["X-Cache"] == "miss"
