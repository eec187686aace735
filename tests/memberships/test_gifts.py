"""Gift links: a member shares a gated story, anyone with the link reads it in full, the
page stays the shared one, and a gift past the month's limit or its expiry is refused."""

import datetime
import re

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse, set_script_prefix

from memberships import gifts
from memberships.models import GiftLink, Level
from shared.cache import content_version

from .conftest import SECRET, member_of, story

pytestmark = pytest.mark.django_db


def give(member, article):
    client = Client()
    client.force_login(member)
    return client.post(reverse("memberships:gift", args=[article.pk]))


def link_in(response):
    return re.search(r'value="(http[^"]+)"', response.content.decode())[1].replace("&amp;", "&")


def test_a_member_sees_the_gift_control_under_a_gated_story(gold):
    article = story(Level.MEMBERS)
    client = Client()
    client.force_login(member_of(gold))
    page = client.get(article.get_absolute_url()).content.decode()
    # A button, not its markup shown as text (the form is filled in with the reader's token).
    assert '<button type="submit" class="button">Gift this story</button>' in page
    assert "5 gift links left this month" in page


def test_a_stranger_reads_a_gifted_story_in_full_and_the_shared_page_stays_shut(gold):
    article = story(Level.MEMBERS)
    before = Client().get(article.get_absolute_url())  # the anonymous page, now cached
    assert SECRET not in before.content.decode()
    made = give(member_of(gold, display_name="Rosa Vance"), article)
    assert made.status_code == 200 and "until" in made.content.decode()
    link = link_in(made)

    opened = Client().get(link)
    text = opened.content.decode()
    assert SECRET in text and "A gift from Rosa Vance" in text
    assert "private" in opened["Cache-Control"]
    assert "Gift this story" not in text  # strangers give nothing
    again = Client().get(article.get_absolute_url())
    assert SECRET not in again.content.decode()
    assert again["X-Cache"] == "hit"


def test_a_gift_opens_only_the_story_it_was_given_for(gold):
    article, other = story(Level.MEMBERS), story(Level.MEMBERS)
    token = link_in(give(member_of(gold), article)).split("?gift=")[1]
    page = Client().get(f"{other.get_absolute_url()}?gift={token}").content.decode()
    assert SECRET not in page and "not valid for this story" in page
    tampered = Client().get(f"{article.get_absolute_url()}?gift={token}x").content.decode()
    assert SECRET not in tampered and "not valid for this story" in tampered


def test_an_expired_gift_shows_why_and_the_teaser(gold):
    article = story(Level.MEMBERS)
    link = link_in(give(member_of(gold), article))
    gift = GiftLink.objects.get()
    with time_machine.travel(gift.expires_at + datetime.timedelta(seconds=1)):
        page = Client().get(link).content.decode()
    assert SECRET not in page and "This gift link has expired" in page
    assert "This story is for members" in page


def test_a_gift_taken_back_no_longer_opens_the_story(gold):
    article = story(Level.MEMBERS)
    link = link_in(give(member_of(gold), article))
    GiftLink.objects.all().delete()
    page = Client().get(link).content.decode()
    assert SECRET not in page and "no longer valid" in page


@override_settings(MEMBERSHIP_GIFTS_PER_MONTH=2)
def test_past_the_months_limit_the_next_gift_is_refused_and_nothing_is_made(
    gold, clock_standing_still
):  # a month turning between the gifts would start the count again
    first, second, third = (story(Level.MEMBERS) for _ in range(3))
    member = member_of(gold)
    assert give(member, first).status_code == 200
    assert give(member, second).status_code == 200
    refused = give(member, third)
    assert refused.status_code == 403
    assert "No gift link was made" in refused.content.decode()
    assert "this month&#x27;s 2 of 2" in refused.content.decode()
    assert GiftLink.objects.count() == 2


def test_the_same_gift_posted_twice_is_one_gift_with_the_same_link(gold):
    article = story(Level.MEMBERS)
    member = member_of(gold)
    first, again = give(member, article), give(member, article)
    assert first.status_code == again.status_code == 200
    assert link_in(first) == link_in(again)
    assert GiftLink.objects.count() == 1
    assert "4 gift links left this month" in again.content.decode()
    stranger = Client().get(link_in(again)).content.decode()
    assert SECRET in stranger


def test_the_same_story_given_again_minutes_later_is_a_new_gift(gold):
    article = story(Level.MEMBERS)
    member = member_of(gold)
    first = give(member, article)
    made = GiftLink.objects.get().created_at
    with time_machine.travel(made + datetime.timedelta(minutes=2)):
        later = give(member, article)
    assert link_in(first) != link_in(later)
    assert GiftLink.objects.count() == 2


@override_settings(MEMBERSHIP_GIFTS_PER_MONTH=1)
def test_the_limit_starts_again_with_the_next_month(gold):
    article = story(Level.MEMBERS)
    member = member_of(gold)
    assert give(member, article).status_code == 200
    first = GiftLink.objects.get().created_at
    with time_machine.travel(first + datetime.timedelta(days=32)):
        assert give(member, article).status_code == 200


def test_only_members_give_and_only_gated_stories(gold):
    from tests import people

    gated, free = story(Level.MEMBERS), story(Level.EVERYONE)
    assert give(people.reader(), gated).status_code == 403
    assert give(member_of(gold), free).status_code == 400
    assert not GiftLink.objects.exists()


def test_giving_a_story_marks_nothing_public(gold):
    article = story(Level.MEMBERS)
    member = member_of(gold)
    before = content_version()
    give(member, article)
    assert content_version() == before


def test_the_gifts_left_under_a_story_follow_each_gift_made_or_taken_back_and_each_month(gold):
    article, member = story(Level.MEMBERS), member_of(gold)
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    read = lambda: client.get(article.get_absolute_url()).content.decode()  # noqa: E731
    page = read()
    assert "5 gift links left this month" in page
    # The form carries the token masked for the page's forms, and posting it works.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    gift_url = reverse("memberships:gift", args=[article.pk])
    assert client.post(gift_url, {"csrfmiddlewaretoken": token}).status_code == 200
    assert "4 gift links left this month" in read()
    GiftLink.objects.all().delete()
    assert "5 gift links left this month" in read()

    give(member, article)
    assert "4 gift links left this month" in read()
    given = GiftLink.objects.get().created_at
    with time_machine.travel(gifts.month_start(given + datetime.timedelta(days=32))):
        client.force_login(member)
        assert "5 gift links left this month" in read()


def test_the_gift_form_posts_to_the_site_it_is_shown_on_under_any_script_prefix(gold):
    """One process can serve the site at / and under a prefix (a proxy mounting it at /news/):
    the form rendered once per process must not carry one prefix's address to the other.
    (Django's WSGI handler sets the prefix from SCRIPT_NAME; its test client does not.)"""
    article = story(Level.MEMBERS)
    client = Client()
    client.force_login(member_of(gold))
    gift_url, path = reverse("memberships:gift", args=[article.pk]), article.get_absolute_url()
    set_script_prefix("/news/")
    try:
        under_news = client.get(path, SCRIPT_NAME="/news").content.decode()
    finally:
        set_script_prefix("/")
    assert f'action="/news{gift_url}"' in under_news
    at_root = client.get(path).content.decode()
    assert f'action="{gift_url}"' in at_root
