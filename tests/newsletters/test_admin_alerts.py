"""An editor sends a breaking-news alert from the article's page in the admin, after a
confirmation step that says how many readers it reaches."""

import re

import pytest

from newsletters.models import Send, Subscriber, Suppression
from tests import people
from tests.factories import ArticleFactory, CategoryFactory

BUTTON = "Send as a breaking-news alert"


@pytest.fixture
def editor_client(client, db):
    client.force_login(people.editor(username="sofia"))
    return client


@pytest.fixture
def audience(category, make_readers):
    """Three followers of the section, two readers of alerts in general, and readers who must
    never get one: alerts turned off, a suppressed address, an unconfirmed one."""
    followers = make_readers(3, category, prefix="follower")
    others = make_readers(2, prefix="other")
    make_readers(1, category, prefix="no-alerts", wants_alerts=False)
    (bounced,) = make_readers(1, category, prefix="bounced")
    Suppression.objects.create(email=bounced.email, reason=Suppression.Reason.HARD_BOUNCE)
    Subscriber.objects.create(email="unconfirmed@example.com").categories.add(category)
    return followers, others


def alert_page(client, article):
    change = client.get(f"/admin/articles/article/{article.pk}/change/")
    assert BUTTON in change.content.decode()
    url = f"/admin/newsletters/send/alert/{article.pk}/"
    assert url in change.content.decode()
    return url


def test_an_editor_sees_the_count_then_sends_the_alert_to_the_sections_followers(
    editor_client, inbox, audience, published_article, django_capture_on_commit_callbacks
):
    followers, _ = audience
    url = alert_page(editor_client, published_article)
    confirm = editor_client.get(url).content.decode()
    assert f"Followers of {published_article.category.name}: 3" in confirm
    assert "Everyone who takes alerts: 5" in confirm
    assert not inbox.messages, "nothing goes before the editor confirms"

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url, {"audience": "section", "subject": "Breaking: the bridge is closed"}
        )
    assert sorted(m["To"] for m in inbox.messages) == [r.email for r in followers]
    assert {m["Subject"] for m in inbox.messages} == {"Breaking: the bridge is closed"}
    assert published_article.headline in inbox.messages[0].get_body(("html",)).get_content()
    send_page = editor_client.get(response.url).content.decode()
    assert "The alert is on its way to 3 readers." in send_page
    assert "3 recipients, 3 sent, 0 failed, 0 bounced, 0 unsubscribed since" in send_page


def test_an_alert_to_everyone_reaches_every_reader_taking_alerts_and_no_one_else(
    editor_client, inbox, audience, published_article, django_capture_on_commit_callbacks
):
    followers, others = audience
    url = alert_page(editor_client, published_article)
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, {"audience": "everyone", "subject": "Breaking"})
    assert sorted(m["To"] for m in inbox.messages) == sorted(r.email for r in followers + others)


def test_a_second_click_on_send_does_not_send_the_alert_twice(
    editor_client, inbox, audience, published_article, django_capture_on_commit_callbacks
):
    url = alert_page(editor_client, published_article)
    data = {"audience": "section", "subject": "Breaking"}
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, data)
        again = editor_client.post(url, data, follow=True)
    assert "already sent" in again.content.decode()
    assert len(inbox.messages) == 3
    assert Send.objects.count() == 1
    assert "Alerts already sent for this article" in editor_client.get(url).content.decode()


def test_an_editor_corrects_an_empty_subject_and_keeps_the_choice_made(
    editor_client, audience, published_article
):
    url = alert_page(editor_client, published_article)
    response = editor_client.post(url, {"audience": "everyone", "subject": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert re.search(r'value="everyone"[^>]* checked', response.content.decode())
    assert not Send.objects.exists()


def test_a_writer_gets_no_alert_button_and_cannot_send_one(client, published_article, audience):
    writer = people.writer(username="amara")
    published_article.authors.set([writer])
    client.force_login(writer)
    change = client.get(f"/admin/articles/article/{published_article.pk}/change/")
    assert change.status_code == 200 and BUTTON not in change.content.decode()
    url = f"/admin/newsletters/send/alert/{published_article.pk}/"
    assert client.post(url, {"audience": "everyone", "subject": "x"}).status_code == 403
    assert not Send.objects.exists()


def test_an_unpublished_article_cannot_be_sent_as_an_alert(editor_client, audience):
    for article in [
        ArticleFactory(category=CategoryFactory()),  # a draft
        ArticleFactory(scheduled=True),
    ]:
        change = editor_client.get(f"/admin/articles/article/{article.pk}/change/")
        assert BUTTON not in change.content.decode()
        url = f"/admin/newsletters/send/alert/{article.pk}/"
        response = editor_client.post(url, {"audience": "everyone", "subject": "x"}, follow=True)
        assert "Only a published article can be sent as an alert." in response.content.decode()
    assert not Send.objects.exists()
