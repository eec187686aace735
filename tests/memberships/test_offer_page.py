"""Becoming a member without meeting a wall first: a page with the tiers on offer and a
donation, linked from every page's footer while a paid tier is offered, and from a reader's
own account pages."""

import pytest
from django.test import Client
from django.urls import reverse

from memberships.models import Membership, Tier
from tests import people

from .conftest import member_of

pytestmark = pytest.mark.django_db

OFFER = "/membership/"
FOOTER_LINK = '<a href="/membership/">Become a member</a>'


def test_the_offer_lists_the_paid_tiers_on_offer_with_their_prices_and_a_donation(client, gold):
    Tier.objects.create(name="Patron", slug="patron", kind="paid", yearly_price=120)
    Tier.objects.create(
        name="Retired", slug="retired", kind="paid", monthly_price=3, is_active=False
    )
    Tier.objects.create(name="Free", slug="free", kind="free")

    page = client.get(OFFER).content.decode()

    assert "<h1>Become a member</h1>" in page
    assert "Gold</strong>" in page and "9" in page and "a month" in page
    assert "Patron</strong>" in page and "120" in page and "a year" in page
    assert f'href="{reverse("payments:join", args=["gold"])}?next=/"' in page
    assert "Retired" not in page and "Free</strong>" not in page
    assert f'href="{reverse("payments:donate")}"' in page
    assert f'href="{reverse("memberships:membership")}"' in page


def test_the_offer_is_one_shared_page_kept_until_the_tiers_change(client, gold):
    assert client.get(OFFER)["X-Cache"] == "miss"
    assert client.get(OFFER)["X-Cache"] == "hit"
    gold.monthly_price = 11
    gold.save()
    again = client.get(OFFER)
    assert again["X-Cache"] == "miss" and "11" in again.content.decode()


def test_with_no_tier_on_offer_the_page_says_so_and_no_footer_links_it(client):
    assert "Memberships are not open yet." in client.get(OFFER).content.decode()
    home = client.get("/").content.decode()
    assert FOOTER_LINK not in home


def test_the_footer_links_the_offer_from_the_moment_a_tier_is_offered_until_it_is_withdrawn(
    client,
):
    assert FOOTER_LINK not in client.get("/").content.decode()  # kept: the footer too
    tier = Tier.objects.create(name="Gold", slug="gold", kind="paid", monthly_price=9)
    assert FOOTER_LINK in client.get("/").content.decode()
    tier.is_active = False
    tier.save()
    assert FOOTER_LINK not in client.get("/").content.decode()


def test_a_reader_who_is_not_a_member_finds_the_tiers_on_their_membership_page(gold):
    reader = Client()
    reader.force_login(people.reader())
    profile = reader.get(reverse("accounts:profile")).content.decode()
    assert f'href="{reverse("memberships:membership")}">Your membership</a>' in profile
    page = reader.get(reverse("memberships:membership")).content.decode()
    assert "You are not a member." in page
    assert f'href="{reverse("payments:join", args=["gold"])}' in page

    member = Client()
    member.force_login(member_of(gold))
    page = member.get(reverse("memberships:membership")).content.decode()
    assert "Join as a Gold member" not in page and "<h2" in page
    assert Membership.objects.count() == 1


def test_a_rule_put_on_one_story_leaves_every_pages_footer_and_so_every_page_cached(client, gold):
    from memberships.models import AccessRule, Level
    from tests.factories import ArticleFactory

    story = ArticleFactory(published=True)
    other = ArticleFactory(published=True)
    # Listings (an article's page asks who may read it, so it follows every rule).
    pages = ["/", other.category.get_absolute_url()]
    for page in pages:
        client.get(page)
        assert FOOTER_LINK in client.get(page).content.decode()
    AccessRule.objects.create(article=story, level=Level.MEMBERS)
    assert [client.get(page)["X-Cache"] for page in pages] == ["hit", "hit"]
