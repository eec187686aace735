"""Higher tiers include lower ones: a story for a tier opens to every tier ranked above it."""

import importlib

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from memberships.models import AccessRule, Level, Tier
from tests import people

from .conftest import SECRET, member_of, story

pytestmark = pytest.mark.django_db


@pytest.fixture
def ladder(db):
    supporter = Tier.objects.create(
        name="Supporter", slug="supporter", kind="paid", monthly_price=5, rank=1
    )
    patron = Tier.objects.create(
        name="Patron", slug="patron", kind="paid", monthly_price=15, rank=2
    )
    return supporter, patron


def page_for(user, article):
    client = Client()
    client.force_login(user)
    return client.get(article.get_absolute_url()).content.decode()


def test_a_member_of_a_higher_tier_reads_a_story_for_a_lower_one(ladder):
    supporter, patron = ladder
    article = story(Level.TIER, tier=supporter)
    assert SECRET in page_for(member_of(patron), article)
    assert SECRET in page_for(member_of(supporter), article)


def test_a_member_of_a_lower_tier_gets_the_offer_of_the_tiers_that_open_it(ladder):
    supporter, patron = ladder
    article = story(Level.TIER, tier=patron)
    page = page_for(member_of(supporter), article)
    assert SECRET not in page
    assert "This story is for members of Patron or higher" in page
    assert "Join as a Patron member" in page and "Join as a Supporter member" not in page


def test_tiers_of_equal_rank_are_peers_and_a_free_tier_opens_nothing_above_it(ladder):
    supporter, _patron = ladder
    friends = Tier.objects.create(name="Friends", slug="friends", kind="complimentary", rank=1)
    readers = Tier.objects.create(name="Readers", slug="readers", kind="free", rank=9)
    article = story(Level.TIER, tier=supporter)
    assert SECRET not in page_for(member_of(friends), article)
    assert SECRET not in page_for(member_of(readers), article)


def test_the_admin_says_a_tier_or_higher(ladder):
    supporter, _patron = ladder
    article = story(Level.TIER, tier=supporter)
    client = Client()
    client.force_login(people.editor())
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    assert "Who may read it: Members of Supporter or higher" in page.decode()
    rules = client.get(reverse("admin:memberships_accessrule_changelist")).content.decode()
    assert "Members of Supporter or higher" in rules
    rule = client.get(
        reverse("admin:memberships_accessrule_change", args=[AccessRule.objects.get().pk])
    ).content.decode()
    assert "Members of a tier or higher" in rule


def test_the_migration_ranks_existing_paid_tiers_by_their_monthly_price():
    cheap = Tier.objects.create(name="Basic", slug="basic", kind="paid", monthly_price=4)
    yearly = Tier.objects.create(name="Annual", slug="annual", kind="paid", yearly_price=120)
    dear = Tier.objects.create(name="Plus", slug="plus", kind="paid", monthly_price=10)
    comp = Tier.objects.create(name="Press", slug="press", kind="complimentary")
    migration = importlib.import_module(
        "memberships.migrations.0006_tier_rank_higher_includes_lower"
    )
    migration.rank_paid_tiers_by_price(apps, None)
    ranks = dict(Tier.objects.values_list("slug", "rank"))
    assert ranks == {"basic": 1, "annual": 2, "plus": 2, "press": 0}
    assert {cheap.pk, yearly.pk, dear.pk, comp.pk} == set(Tier.objects.values_list("pk", flat=True))
