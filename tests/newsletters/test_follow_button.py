"""The follow button on category, tag and author pages: a part the articles app offers and
newsletters fills, so the shared pages never hold a reader's token and articles knows
nothing of newsletters."""

from pathlib import Path

from django.template import Context, Template
from taggit.models import Tag

from shared import personal
from tests.factories import ArticleFactory

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "articles"


def test_category_tag_and_author_pages_link_everyone_to_the_subscribe_page(
    client, category, author
):
    climate = Tag.objects.create(name="climate", slug="climate")
    ArticleFactory(published=True, category=category, authors=[author], tags=[climate])
    for url, spec, name in [
        (category.get_absolute_url(), f"category:{category.pk}", category.name),
        (f"/tag/{climate.slug}/", f"tag:{climate.pk}", "climate"),
        (author.get_absolute_url(), f"author:{author.pk}", "Amara Okafor"),
    ]:
        html = client.get(url).content.decode()
        assert f'href="/newsletters/subscribe/?follow={spec}">Follow {name} by email</a>' in html
        assert "csrfmiddlewaretoken" not in html.split("<footer")[0].split("</header>")[1]


def test_a_logged_in_reader_gets_a_form_with_their_state(client, category, published_article):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    page = client.get(category.get_absolute_url()).content.decode()
    assert f"Follow {category.name} by email</button>" in page
    client.post("/newsletters/follow/", {"follow": f"category:{category.pk}", "on": "1"})
    page = client.get(category.get_absolute_url()).content.decode()
    assert f"Stop following {category.name} by email</button>" in page


def test_the_articles_templates_know_nothing_of_newsletters():
    for template in TEMPLATES.rglob("*.html"):
        assert "newsletter" not in template.read_text(), template.name


def test_a_part_offered_but_filled_by_no_app_renders_as_nothing(rf):
    personal.offer("tests-only-slot")
    html = Template('{% load page_parts %}<p>{% personal_part "tests-only-slot" "x" 1 %}</p>')
    with personal.rendering() as token:
        body = html.render(Context()).encode()
    assert body == f"<p><!--personal:{token}:tests-only-slot:x:1--></p>".encode()
    request = rf.get("/")
    assert personal.fill(body, request, token) == b"<p></p>"
