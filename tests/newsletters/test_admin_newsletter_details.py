"""A newsletter as an editor types it in the admin: paragraphs survive the browser's line
endings, and no link on its page leads back to the same page."""

import pytest

from newsletters.models import Newsletter
from tests import people
from tests.factories import ArticleFactory


@pytest.fixture
def editor_client(client, db):
    client.force_login(people.editor(username="sofia", email="sofia@news.example"))
    return client


@pytest.fixture
def briefing(db):
    newsletter = Newsletter.objects.create(name="The Morning Briefing", subject="Tuesday")
    newsletter.articles.set([ArticleFactory(published=True, headline="The bridge reopens")])
    return newsletter


def test_an_intro_typed_in_the_browser_keeps_its_paragraphs_in_the_email(editor_client, briefing):
    response = editor_client.post(
        f"/admin/newsletters/newsletter/{briefing.pk}/change/",
        {
            "name": briefing.name,
            "subject": briefing.subject,
            # What a browser submits for a textarea: CRLF line endings.
            "intro": "Good morning.\r\n\r\nThree stories to start the day.",
            "articles": [article.pk for article in briefing.articles.all()],
            "created_at_0": briefing.created_at.strftime("%Y-%m-%d"),
            "created_at_1": briefing.created_at.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    preview = editor_client.get(f"/admin/newsletters/newsletter/{briefing.pk}/preview/")
    html = preview.content.decode()
    assert "<p>Good morning.</p>" in html
    assert "<p>Three stories to start the day.</p>" in html


def test_an_intro_saved_with_crlf_before_the_fix_is_still_mailed_as_paragraphs(
    editor_client, briefing
):
    Newsletter.objects.filter(pk=briefing.pk).update(intro="Good morning.\r\n\r\nThree stories.")
    preview = editor_client.get(f"/admin/newsletters/newsletter/{briefing.pk}/preview/")
    assert "<p>Good morning.</p>" in preview.content.decode()


def test_the_newsletter_page_has_no_view_on_site_link_back_to_itself(editor_client, briefing):
    html = editor_client.get(f"/admin/newsletters/newsletter/{briefing.pk}/change/").content
    assert b"View on site" not in html
    assert b"Preview the email" in html
