"""WordPress stores titles and names HTML-escaped; readers see the characters, not the
entities, and a title that spells out markup is shown as text, never run."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from accounts.models import User
from articles.models import Article, Category, Image

from .conftest import EXPORT, UPLOADS, run_import

pytestmark = pytest.mark.django_db

ESCAPED = {
    "<![CDATA[Harbour wall to be rebuilt after storm]]>": "<![CDATA[Media &amp; Text]]>",
    "<![CDATA[What the budget means for the harbour]]>": (
        "<![CDATA[&lt;script&gt;alert(1)&lt;/script&gt; &#8220;Budget&#8221;]]>"
    ),
    "<![CDATA[Harbour News]]>": "<![CDATA[Harbour &amp; Quay]]>",
    "<![CDATA[harbour wall]]>": "<![CDATA[wall &amp; pier]]>",
    "<![CDATA[Ana Reyes]]>": "<![CDATA[Ana &quot;Ed&quot; Reyes]]>",
    "<![CDATA[Fishing boats moored behind the broken wall]]>": "<![CDATA[Boats &amp; nets]]>",
}


@pytest.fixture
def imported_escaped(tmp_path):
    text = EXPORT.read_text()
    for old, new in ESCAPED.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "export.xml"
    path.write_text(text)
    return run_import("--media-dir", str(UPLOADS), path=path)


def test_a_headline_with_an_entity_reads_as_the_character(client, imported_escaped):
    article = Article.objects.get(slug="harbour-wall-rebuilt")
    assert article.headline == "Media & Text"
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Media &amp; Text" in page  # escaped once, by the template
    assert "&amp;amp;" not in page


def test_names_and_alt_text_read_as_characters(imported_escaped):
    assert Category.objects.filter(name="Harbour & Quay").exists()
    assert Tag.objects.filter(name="wall & pier").exists()
    assert User.objects.get(username="ana").display_name == 'Ana "Ed" Reyes'
    assert Image.objects.filter(alt_text="Boats & nets").exists()


def test_a_title_spelling_out_markup_is_shown_as_text(client, imported_escaped):
    article = Article.objects.get(slug="budget-and-the-harbour")
    assert article.headline == "<script>alert(1)</script> “Budget”"
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert client.get(reverse("articles:home")).status_code == 200
