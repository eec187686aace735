"""One page where a reader sees and changes what they get: from a link in any mail (no
login) or their account. Leaving one kind of mail keeps the others, and the page says so."""

import re

import pytest
from taggit.models import Tag

from newsletters import tokens
from newsletters.models import Kind, Subscriber, Suppression
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def checked(html, name):
    return bool(re.search(rf'name="{name}"[^>]* checked', html))


@pytest.fixture
def reader(make_readers, category):
    climate = Tag.objects.create(name="climate", slug="climate")
    (reader,) = make_readers(1, category, tags=[climate])
    return reader


def test_leaving_alerts_by_the_one_click_link_keeps_the_others_and_the_page_shows_what_is_left(
    client, reader, category
):
    link = f"/newsletters/unsubscribe/{tokens.unsubscribe_token(reader, Kind.ALERT)}/"
    assert b"Unsubscribe from breaking-news alerts" in client.get(link).content
    reader.refresh_from_db()
    assert reader.wants_alerts, "opening the link (a mail scanner does) changes nothing"

    done = client.post(link, button_form(client.get(link))).content.decode()
    assert "You will get no more breaking-news alerts." in done
    preferences = re.search(r'href="(/newsletters/preferences/[^"]+/)"', done)[1]

    page = client.get(preferences).content.decode()
    assert "You get: daily digest, newsletters." in page
    assert "Turned off: breaking-news alerts." in page
    assert checked(page, "wants_digest") and checked(page, "wants_newsletters")
    assert not checked(page, "wants_alerts")
    assert category.name in page and "climate" in page


def button_form(page):
    """What a browser posts with the page's Unsubscribe button: its form's hidden fields."""
    form = re.search(r'<form method="post".*?</form>', page.content.decode(), re.S)[0]
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))


def test_a_post_without_the_one_click_body_unsubscribes_nobody_and_asks_again(client, reader):
    link = f"/newsletters/unsubscribe/{tokens.unsubscribe_token(reader, Kind.ALERT)}/"
    for body in [{}, {"List-Unsubscribe": "yes"}, {"anything": "One-Click"}]:
        response = client.post(link, body)
        assert response.status_code == 400
        assert "Unsubscribe from breaking-news alerts" in response.content.decode()
    reader.refresh_from_db()
    assert reader.wants_alerts


def test_a_reader_changes_what_they_get_from_the_link_in_a_mail_without_logging_in(
    client, reader, category
):
    url = f"/newsletters/preferences/{tokens.preferences_token(reader)}/"
    response = client.post(
        url,
        {"wants_alerts": "on", "wants_newsletters": "on", "stop": [f"category:{category.pk}"]},
        follow=True,
    )
    page = response.content.decode()
    assert "Your email preferences are saved." in page
    assert "You get: breaking-news alerts, newsletters." in page
    assert "Turned off: daily digest." in page
    reader.refresh_from_db()
    assert (reader.wants_digest, reader.wants_alerts, reader.wants_newsletters) == (
        False,
        True,
        True,
    )
    assert list(reader.categories.all()) == [] and reader.tags.count() == 1


def test_an_unknown_follow_in_the_form_is_refused_and_nothing_is_changed(client, reader):
    url = f"/newsletters/preferences/{tokens.preferences_token(reader)}/"
    response = client.post(url, {"stop": ["category:999999"]})
    assert response.status_code == 200
    assert "You no longer follow one of those" in response.content.decode()
    reader.refresh_from_db()
    assert reader.wants_digest and reader.categories.count() == 1


def test_a_logged_in_reader_has_the_same_page_at_their_own_address(client, category):
    user = UserFactory(email="Amara@Example.com")
    client.force_login(user)
    client.post("/newsletters/follow/", {"follow": f"category:{category.pk}", "on": "1"})
    page = client.get("/newsletters/preferences/").content.decode()
    assert "For amara@example.com." in page
    assert category.name in page
    assert Subscriber.objects.get(user=user).confirmed_at, "confirmed when they signed up"


def test_a_suppressed_address_is_told_why_it_gets_nothing(client, reader):
    Suppression.objects.create(email=reader.email, reason=Suppression.Reason.COMPLAINT)
    page = client.get(f"/newsletters/preferences/{tokens.preferences_token(reader)}/")
    text = " ".join(page.content.decode().split())
    assert "We send nothing to this address any more: spam complaint reported" in text


def test_a_changed_preferences_link_shows_no_one(client, reader):
    token = tokens.preferences_token(reader)
    response = client.get(f"/newsletters/preferences/{token[:-2]}xx/")
    assert response.status_code == 400
    assert reader.email not in response.content.decode()
