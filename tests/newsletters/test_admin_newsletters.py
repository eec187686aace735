"""An editor composes a newsletter, previews it as the mail will look, sends a test to
themselves, then sends it now or schedules it."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from newsletters.models import Delivery, Newsletter, Send
from tests import people
from tests.factories import ArticleFactory


@pytest.fixture
def editor(db):
    return people.editor(username="sofia", email="sofia@news.example")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def briefing(category):
    newsletter = Newsletter.objects.create(
        name="The Morning Briefing",
        subject="Tuesday: the bridge, the budget",
        intro="Good morning.\n\nThree stories to start the day.",
    )
    newsletter.articles.set(
        [
            ArticleFactory(published=True, category=category, headline="The bridge reopens"),
            ArticleFactory(published=True, category=category, headline="Budget day"),
            ArticleFactory(category=category, headline="Still a draft"),
            ArticleFactory(scheduled=True, category=category, headline="Embargoed until noon"),
        ]
    )
    return newsletter


@pytest.fixture
def audience(make_readers):
    readers = make_readers(3, prefix="reader")
    make_readers(1, prefix="no-newsletters", wants_newsletters=False)
    return readers


def text(message):
    return message.get_body(("plain",)).get_content()


def test_the_preview_is_the_html_email_with_its_styles_and_only_published_articles(
    editor_client, briefing
):
    change = editor_client.get(f"/admin/newsletters/newsletter/{briefing.pk}/change/")
    url = f"/admin/newsletters/newsletter/{briefing.pk}/preview/"
    assert url in change.content.decode()

    response = editor_client.get(url)
    html = response.content.decode()
    assert "<h1" in html and "The Morning Briefing" in html
    assert "Three stories to start the day." in html
    assert "The bridge reopens" in html and "Budget day" in html
    assert "Still a draft" not in html and "Embargoed until noon" not in html
    assert 'style="' in html, "styles inlined as mailed"
    assert "'unsafe-inline'" in response["Content-Security-Policy"]  # for the preview alone
    assert "script-src 'none'" in response["Content-Security-Policy"]

    plain = editor_client.get(url + "?part=text")
    assert plain["Content-Type"].startswith("text/plain")
    assert "The bridge reopens" in plain.content.decode()


def test_a_test_send_reaches_the_editor_alone_as_readers_would_get_it(
    editor_client, inbox, briefing, audience
):
    url = f"/admin/newsletters/newsletter/{briefing.pk}/send/"
    response = editor_client.post(url, {"test": "Send a test to me"}, follow=True)
    assert "A test is on its way to sofia@news.example." in response.content.decode()
    (message,) = inbox.messages
    assert message["To"] == "sofia@news.example"
    assert message["Subject"] == "[Test] Tuesday: the bridge, the budget"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "The bridge reopens" in text(message) and "Still a draft" not in text(message)
    assert not Send.objects.exists() and not Delivery.objects.exists()


def test_send_now_mails_every_reader_taking_newsletters_once(
    editor_client, inbox, briefing, audience, django_capture_on_commit_callbacks
):
    url = f"/admin/newsletters/newsletter/{briefing.pk}/send/"
    page = editor_client.get(url).content.decode()
    assert "To every reader taking newsletters: <strong>3</strong> now." in page
    assert "Still a draft" in page, "the editor is told what is left out"

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, {"now": "Send now"})
    assert sorted(m["To"] for m in inbox.messages) == [r.email for r in audience]
    assert {m["Subject"] for m in inbox.messages} == {"Tuesday: the bridge, the budget"}
    assert "Good morning." in text(inbox.messages[0])
    assert "On its way to 3 readers." in editor_client.get(response.url).content.decode()

    again = editor_client.post(url, {"now": "Send now"}, follow=True).content.decode()
    assert "Already sent" in again
    assert Send.objects.count() == 1 and len(inbox.messages) == 3


def test_a_scheduled_newsletter_waits_in_the_queue_and_goes_at_its_time(
    editor_client,
    inbox,
    briefing,
    audience,
    job_queue,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.NEWSLETTERS_PER_MINUTE = 1_000_000
    url = f"/admin/newsletters/newsletter/{briefing.pk}/send/"
    at = timezone.localtime() + timedelta(hours=2)
    form = {"schedule": "Schedule", "send_at_0": f"{at:%Y-%m-%d}", "send_at_1": f"{at:%H:%M}:00"}
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, form)
    assert "Scheduled for" in editor_client.get(response.url).content.decode()
    job_queue.run()
    assert inbox.messages == [], "nothing before its time"

    with time_machine.travel(at + timedelta(minutes=1)):
        job_queue.run()
    assert sorted(m["To"] for m in inbox.messages) == [r.email for r in audience]
    # Published by then, the embargoed story is in it.
    assert "Embargoed until noon" in text(inbox.messages[0])


def test_scheduling_for_a_past_or_missing_time_is_refused_with_the_reason(
    editor_client, briefing, audience
):
    url = f"/admin/newsletters/newsletter/{briefing.pk}/send/"
    past = timezone.localtime() - timedelta(hours=1)
    response = editor_client.post(
        url, {"schedule": "1", "send_at_0": f"{past:%Y-%m-%d}", "send_at_1": f"{past:%H:%M}"}
    )
    assert "That time has passed" in response.content.decode()
    assert f'value="{past:%Y-%m-%d}"' in response.content.decode(), "what was typed is kept"
    response = editor_client.post(url, {"schedule": "1", "send_at_0": "", "send_at_1": ""})
    assert "Pick the day and time to send it" in response.content.decode()
    assert not Send.objects.exists()


def test_a_writer_can_neither_preview_nor_send_a_newsletter(client, briefing):
    client.force_login(people.writer(username="amara"))
    assert client.get(f"/admin/newsletters/newsletter/{briefing.pk}/preview/").status_code == 403
    send = client.post(f"/admin/newsletters/newsletter/{briefing.pk}/send/", {"now": "1"})
    assert send.status_code == 403
    assert not Send.objects.exists()
