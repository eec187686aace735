"""A member's own page (tier, renewal, where to change or cancel) and what deleting the
account takes with it."""

import datetime

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from memberships import services
from memberships.models import GiftLink, Membership
from tests import people

from .conftest import member_of, story

pytestmark = pytest.mark.django_db
PAGE = "/accounts/membership/"


def page_of(user):
    client = Client()
    client.force_login(user)
    return client.get(PAGE)


def test_the_page_is_at_its_address_and_asks_strangers_to_log_in():
    assert reverse("memberships:membership") == PAGE
    response = Client().get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_complimentary_member_sees_the_tier_and_that_there_is_nothing_to_pay(gold):
    response = page_of(member_of(gold))
    text = response.content.decode()
    assert "Gold" in text and "No end date" in text and "nothing to pay" in text
    assert "Gift links this month: 0 of 5" in text
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_a_paying_member_sees_the_renewal_date_and_the_providers_portal(gold):
    user = people.reader()
    renews = timezone.now() + datetime.timedelta(days=20)
    Membership.objects.create(
        user=user,
        tier=gold,
        source=Membership.Source.PROVIDER,
        provider_customer="cus_42",
        current_period_end=renews,
    )
    with override_settings(STRIPE_SECRET_KEY="sk_test_set"):
        text = page_of(user).content.decode()
    assert "Renews on" in text and renews.strftime("%Y") in text
    # The portal is opened by a POST (memberships/payment_views.portal), never on showing.
    assert f'action="{reverse("payments:portal")}"' in text
    assert "see your receipts" in text


def test_without_a_provider_a_paying_member_is_told_to_write_to_us(gold):
    user = people.reader()
    Membership.objects.create(user=user, tier=gold, source=Membership.Source.PROVIDER)
    assert "write to us" in page_of(user).content.decode()


def test_a_cancelled_membership_is_not_shown_as_current(gold):
    user = member_of(gold)
    services.membership_cancel(membership=user.memberships.get())
    assert "You are not a member" in page_of(user).content.decode()


def test_deleting_the_account_deletes_memberships_and_gift_links(gold):
    user = member_of(gold)
    user.set_password("a long pass phrase")
    user.save()
    article = story()
    GiftLink.objects.create(
        giver=user, article=article, expires_at=timezone.now() + datetime.timedelta(days=1)
    )
    client = Client()
    client.force_login(user)
    response = client.post(reverse("accounts:delete"), {"password": "a long pass phrase"})
    assert response.status_code == 302
    assert not Membership.objects.exists() and not GiftLink.objects.exists()


def test_a_members_only_newsletter_reaches_current_members_of_its_tier_alone(
    gold, silver, inbox, django_capture_on_commit_callbacks
):
    from newsletters import services as newsletters
    from newsletters.models import Newsletter, Subscriber

    def subscribed(user):
        Subscriber.objects.create(email=user.email, user=user, confirmed_at="2026-01-01T00:00Z")
        return user

    member = subscribed(member_of(gold, email="gold@example.com"))
    subscribed(member_of(silver, email="silver@example.com"))
    subscribed(people.reader(email="reader@example.com"))
    lapsed = subscribed(member_of(gold, email="lapsed@example.com"))
    services.membership_cancel(membership=lapsed.memberships.get())
    issue = Newsletter.objects.create(name="Gold letter", subject="For Gold", tier=gold)
    issue.articles.set([story()])
    with django_capture_on_commit_callbacks(execute=True):
        newsletters.newsletter_send(newsletter=issue)
    assert [m["To"] for m in inbox.messages] == [member.email]


def test_a_members_only_newsletter_also_reaches_members_of_higher_tiers(
    gold, silver, inbox, django_capture_on_commit_callbacks
):
    from newsletters import services as newsletters
    from newsletters.models import Newsletter, Subscriber

    silver.rank, gold.rank = 1, 2
    silver.save()
    gold.save()
    for tier, email in [(gold, "gold@example.com"), (silver, "silver@example.com")]:
        user = member_of(tier, email=email)
        Subscriber.objects.create(email=email, user=user, confirmed_at="2026-01-01T00:00Z")
    for tier in (silver, gold):
        issue = Newsletter.objects.create(name=tier.name, subject=f"For {tier.name}", tier=tier)
        issue.articles.set([story()])
        with django_capture_on_commit_callbacks(execute=True):
            newsletters.newsletter_send(newsletter=issue)
    received = sorted((m["Subject"], m["To"]) for m in inbox.messages)
    assert received == [
        ("For Gold", "gold@example.com"),
        ("For Silver", "gold@example.com"),
        ("For Silver", "silver@example.com"),
    ]
