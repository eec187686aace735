"""A subject with a line break saved, then every send of it failed (BadHeaderError,
a 500 on "Send a test"). Every field bound for a mail header is one line: refused with a
clear message where an editor types it, made one line where other text (a headline, a
name) is quoted into one."""

import pytest

from comments.notifications import send_reply_notification
from newsletters.models import Newsletter, Send
from tests import people
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, UserFactory

BROKEN = [
    "Tuesday\r\nBcc: everyone@example.com",
    "Tuesday\nthe budget",
    "Tuesday\u2028the budget",
    "Tuesday\x0bthe budget",
]


@pytest.fixture
def editor_client(client, db):
    client.force_login(people.editor(username="sofia", email="sofia@news.example"))
    return client


@pytest.mark.parametrize("subject", BROKEN)
def test_the_admin_refuses_a_newsletter_subject_with_a_line_break_and_keeps_the_rest(
    editor_client, subject
):
    response = editor_client.post(
        "/admin/newsletters/newsletter/add/",
        {"name": "The Morning Briefing", "subject": subject, "intro": "Good morning."},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Keep this to one line: it goes into the email&#x27;s header" in page
    assert "The Morning Briefing" in page and "Good morning." in page, "nothing typed is lost"
    assert not Newsletter.objects.exists()


def test_the_alert_form_refuses_a_subject_with_a_line_break(editor_client, published_article):
    url = f"/admin/newsletters/send/alert/{published_article.pk}/"
    response = editor_client.post(url, {"audience": "everyone", "subject": "Breaking\r\nnews"})
    assert response.status_code == 200
    assert "Keep this to one line" in response.content.decode()
    assert not Send.objects.exists()


def test_a_subject_saved_before_the_rule_still_sends_as_one_line(editor_client, inbox, category):
    newsletter = Newsletter.objects.create(name="Briefing", subject="Tuesday\r\nthe budget")
    newsletter.articles.add(ArticleFactory(published=True, category=category))
    url = f"/admin/newsletters/newsletter/{newsletter.pk}/send/"
    response = editor_client.post(url, {"test": "Send a test to me"}, follow=True)
    assert "A test is on its way to sofia@news.example." in response.content.decode()
    assert inbox.messages[0]["Subject"] == "[Test] Tuesday the budget"


def test_an_alert_about_a_headline_with_a_line_break_is_sent(
    inbox, category, make_readers, editor_client
):
    from newsletters import services, tasks

    article = ArticleFactory(published=True, category=category, headline="Bridge\r\ncloses")
    (reader,) = make_readers(1, category)
    page = editor_client.get(f"/admin/newsletters/send/alert/{article.pk}/").content.decode()
    assert 'value="Breaking: Bridge closes"' in page
    send, _ = services.alert_create(article=article, category=category)
    tasks.send_batch.call(send.pk)
    assert inbox.to(reader.email)[0]["Subject"] == "Breaking: Bridge closes"


def test_a_reply_email_about_a_headline_with_a_line_break_is_sent(published_article, mailoutbox):
    published_article.headline = "Bridge\ncloses"
    published_article.save()
    parent = CommentFactory(
        article=published_article, author=UserFactory(email="pat@example.com"), body="Mine"
    )
    reply = CommentFactory(article=published_article, author=UserFactory(), parent=parent)
    assert send_reply_notification.call(reply.pk, parent.pk)
    assert mailoutbox[0].subject.endswith("replied to your comment on Bridge closes")
