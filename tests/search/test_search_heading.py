"""The search page's heading quotes what the reader typed, once."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed", ['"the census reveals"', "“the census reveals”", "the census reveals"]
)
def test_the_search_heading_quotes_the_readers_words_once(client, typed):
    html = client.get("/search/", {"q": typed}).content.decode()
    assert "Results for “the census reveals”" in html or "match “the census reveals”" in html
    assert "““" not in html and "“&quot;" not in html
