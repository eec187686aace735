"""A shortcode that cannot mean anything is shown as the text it is, wherever a body is
rendered: never a server error for whoever saves, previews, posts or imports it."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.body import images_in_body, render_body
from tests import people
from tests.factories import ArticleFactory
from tests.live.factories import live_page

pytestmark = pytest.mark.django_db

BAD = ["[[embed: http://[]]", "[[embed: http://:80]]", "[[image 99999999999999999999999]]"]
FUZZ = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=200)
# Pieces of the shortcode grammar, glued in any order around arbitrary text: what a
# typo, a paste or an old WordPress export makes of [[kind N: text]].
pieces = st.sampled_from(
    [
        "[[",
        "]]",
        "[",
        "]",
        "image",
        "embed",
        "pullquote",
        "IMAGE",
        ":",
        " ",
        "\t",
        "\n",
        "\n\n",
        "http://",
        "https://",
        "//",
        "www.youtube.com/watch?v=",
        "youtu.be/",
        "x.com/a/status/1",
        "[::1]",
        "[",
        "@",
        ":80",
        ":99999",
        "%",
        "0",
        "42",
        "99999999999999999999999",
        "-1",
        "²",
        "<script>",
    ]
)
grammar = st.lists(st.one_of(pieces, text), max_size=12).map("".join)
# Addresses from the parts a URL parser trips on: brackets, ports, empty hosts.
address = st.lists(
    st.sampled_from(
        ["http://", "https://", "[", "]", "::1", ":", "80", "@", "www.", "youtube.com", "x.com"]
        + ["/", "watch?v=", "%", " ", "user", "#"]
    ),
    max_size=8,
).map("".join)
# Library numbers around the largest a database id can hold.
number = st.one_of(st.integers(0, 10**6), st.integers(2**62, 10**25)).map(lambda n: f" {n}")
shortcodes = st.one_of(
    st.builds("[[embed: {}]]".format, address),
    st.builds("[[image{}{}]]".format, number, st.sampled_from(["", ":", ": caption"])),
    st.builds(
        lambda kind, number, body: f"[[{kind}{number}: {body}]]",
        st.sampled_from(["image", "embed", "pullquote", "Embed"]),
        st.one_of(st.just(""), number),
        grammar,
    ),
)


@FUZZ
@given(source=st.one_of(text, grammar, shortcodes))
def test_any_body_renders_without_an_error(source):
    assert isinstance(render_body(source), str)
    assert isinstance(images_in_body(source), set)


@pytest.mark.parametrize("shortcode", BAD)
def test_a_meaningless_shortcode_is_shown_as_typed(shortcode):
    html = render_body(f"Before.\n\n{shortcode}\n\nAfter.")
    assert "Before." in html and "After." in html
    shown = shortcode.removeprefix("[[embed: ").removeprefix("[[image ").rstrip("]")
    assert shown in html


@pytest.fixture
def editor_client(client):
    client.force_login(people.editor())
    return client


@pytest.mark.parametrize("shortcode", BAD)
def test_saving_and_previewing_a_meaningless_shortcode_is_no_server_error(editor_client, shortcode):
    article = ArticleFactory(body="Old text.")
    saved = editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        people.article_form_data(article, body=f"Intro.\n\n{shortcode}"),
    )
    assert saved.status_code == 302
    article.refresh_from_db()
    assert article.body == f"Intro.\n\n{shortcode}" and "Intro." in article.body_html

    preview = editor_client.post(reverse("admin:articles_article_render_body"), {"body": shortcode})
    assert preview.status_code == 200 and "<p>" in preview.content.decode()


@pytest.mark.parametrize("shortcode", BAD)
def test_posting_a_meaningless_shortcode_from_the_live_desk_is_no_server_error(
    editor_client, shortcode
):
    page = live_page()
    desk = reverse("admin:live_liveupdate_desk", args=[page.pk])
    answer = editor_client.post(desk, {"body": f"Quay flooded.\n\n{shortcode}"}, follow=True)
    assert answer.status_code == 200
    assert "Posted: readers see it now." in answer.content.decode()
