"""Who may read what in full: the rules, a category's default, and memberships that end."""

import datetime
import json
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from memberships import services
from memberships.models import AccessRule, Level, Membership, Tier
from pages.models import Page
from shared.cache import content_version
from tests import people
from tests.factories import CategoryFactory

from .conftest import BODY, SECRET, member_of, story

pytestmark = pytest.mark.django_db


def page_for(user, article):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(article.get_absolute_url()).content.decode()


def test_an_article_without_a_rule_is_read_in_full_by_everyone():
    article = story(Level.EVERYONE)
    assert SECRET in page_for(None, article)


def test_a_registered_readers_story_asks_strangers_to_sign_up_and_opens_for_readers():
    article = story(Level.REGISTERED)
    anonymous = page_for(None, article)
    assert SECRET not in anonymous and "Sign up free" in anonymous
    assert SECRET in page_for(people.reader(), article)


def test_a_members_story_opens_for_any_tier_but_the_free_one(gold):
    free = Tier.objects.create(name="Free", slug="free", kind="free")
    article = story(Level.MEMBERS)
    assert SECRET not in page_for(member_of(free), article)
    assert SECRET in page_for(member_of(gold), article)


def test_the_newsroom_reads_every_story_in_full(gold):
    article = story(Level.TIER, tier=gold)
    assert SECRET in page_for(people.writer(), article)


def test_a_category_sets_the_default_and_an_articles_own_rule_wins(gold):
    news = CategoryFactory(name="Investigations", slug="investigations")
    AccessRule.objects.create(category=news, level=Level.MEMBERS)
    walled = story(Level.EVERYONE, category=news)
    assert SECRET not in page_for(None, walled)
    opened = story(Level.EVERYONE, category=news)
    AccessRule.objects.create(article=opened, level=Level.EVERYONE)
    assert SECRET in page_for(None, opened)


def test_a_rule_changed_after_the_page_was_cached_applies_at_once(gold):
    article = story(Level.EVERYONE)
    assert SECRET in page_for(None, article)
    AccessRule.objects.create(article=article, level=Level.MEMBERS)
    assert SECRET not in page_for(None, article)


def test_a_group_reads_by_its_email_domain_and_its_network(gold):
    Tier.objects.create(
        name="City library",
        slug="library",
        kind="group",
        email_domains="library.example",
        ip_ranges="198.51.100.0/24",
    )
    article = story(Level.MEMBERS)
    assert SECRET in page_for(people.reader(email="ana@library.example"), article)
    assert SECRET not in page_for(people.reader(email="ana@elsewhere.example"), article)
    outside = Client(REMOTE_ADDR="203.0.113.9").get(article.get_absolute_url())
    assert SECRET not in outside.content.decode()  # the teaser page, now cached
    inside = Client(REMOTE_ADDR="198.51.100.7").get(article.get_absolute_url())
    assert SECRET in inside.content.decode()
    assert "private" in inside["Cache-Control"]
    # Nothing the library's reader got was kept for the next anonymous reader.
    outside = Client(REMOTE_ADDR="203.0.113.9").get(article.get_absolute_url())
    assert SECRET not in outside.content.decode() and outside["X-Cache"] == "hit"


def test_a_network_given_to_a_group_counts_from_the_next_request(gold):
    article = story(Level.MEMBERS)
    library = Client(REMOTE_ADDR="198.51.100.7")
    # Read while no tier has a range: the rules are kept, and "no networks" with them.
    assert SECRET not in library.get(article.get_absolute_url()).content.decode()
    assert SECRET not in library.get(article.get_absolute_url()).content.decode()
    Tier.objects.create(
        name="City library", slug="library", kind="group", ip_ranges="198.51.100.0/24"
    )
    inside = library.get(article.get_absolute_url())
    assert SECRET in inside.content.decode()
    assert "private" in inside["Cache-Control"]


def test_a_membership_past_its_end_loses_access_that_instant(gold):
    article = story(Level.MEMBERS)
    reader = people.reader()
    membership = Membership.objects.create(user=reader, tier=gold)
    membership.current_period_end = membership.created_at + datetime.timedelta(hours=1)
    membership.save()
    client = Client()
    client.force_login(reader)
    ends = membership.current_period_end
    with time_machine.travel(ends - datetime.timedelta(seconds=1), tick=False):
        assert SECRET in client.get(article.get_absolute_url()).content.decode()
    with time_machine.travel(ends + datetime.timedelta(seconds=1), tick=False):
        assert SECRET not in client.get(article.get_absolute_url()).content.decode()


def test_a_cancelled_membership_loses_access_at_once_and_names_no_public_key(gold):
    article = story(Level.MEMBERS)
    reader = member_of(gold)
    client = Client()
    client.force_login(reader)
    assert SECRET in client.get(article.get_absolute_url()).content.decode()
    before = content_version()
    services.membership_cancel(membership=reader.memberships.get())
    assert SECRET not in client.get(article.get_absolute_url()).content.decode()
    assert content_version() == before


def test_the_teaser_page_is_one_cached_page_for_every_anonymous_reader(gold):
    article = story(Level.MEMBERS)
    first = Client().get(article.get_absolute_url())
    second = Client().get(article.get_absolute_url())
    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    assert "public" in second["Cache-Control"]
    assert SECRET not in second.content.decode()
    assert "This story is for members" in second.content.decode()


def test_a_metered_story_is_one_cached_page_in_full_with_the_meter_for_the_browser():
    article = story(Level.METERED)
    Client().get(article.get_absolute_url())
    page = Client().get(article.get_absolute_url())
    text = page.content.decode()
    assert page["X-Cache"] == "hit"
    # Readers without JavaScript read in full; the script hides .article__gated past 5.
    assert SECRET in text and 'class="article__gated"' in text
    assert 'data-limit="5"' in text and "memberships/meter.js" in text


def json_ld(html):
    """Read by extruct, as a search engine's parser would (it is in the test tools); the
    script tags parsed by hand where it is not installed."""
    try:
        import extruct
    except ImportError:
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        return [json.loads(script) for script in scripts]
    return extruct.extract(html, syntaxes=["json-ld"])["json-ld"]


def test_structured_data_marks_walled_stories_only(gold):
    walled = story(Level.MEMBERS)
    open_story = story(Level.EVERYONE)
    article_data = next(d for d in json_ld(page_for(None, walled)) if d["@type"] == "NewsArticle")
    assert article_data["isAccessibleForFree"] is False
    assert article_data["hasPart"] == {
        "@type": "WebPageElement",
        "isAccessibleForFree": False,
        "cssSelector": ".article__gated",
    }
    # The selector names where the member's text is.
    assert 'class="article__gated"' in page_for(member_of(gold), walled)
    plain = next(d for d in json_ld(page_for(None, open_story)) if d["@type"] == "NewsArticle")
    assert "isAccessibleForFree" not in plain and "hasPart" not in plain


def test_rules_and_tiers_refuse_what_makes_no_sense_with_a_reason(gold):
    with pytest.raises(ValidationError, match="tier whose members"):
        AccessRule(article=story(Level.EVERYONE), level=Level.TIER).full_clean()
    with pytest.raises(ValidationError, match="needs a monthly or a yearly price"):
        Tier(name="Plus", slug="plus", kind="paid").full_clean()
    with pytest.raises(ValidationError, match="not an address or a range"):
        Tier(name="Uni", slug="uni", kind="group", ip_ranges="10.0.0.0/33").full_clean()


def test_an_editor_grants_a_complimentary_membership_in_the_admin(gold):
    editor = people.editor()
    reader = people.reader(username="rosa")
    client = Client()
    client.force_login(editor)
    response = client.post(
        reverse("admin:memberships_membership_add"),
        {"user": reader.pk, "tier": gold.pk, "status": "active", "note": "Source thanks"},
        follow=True,
    )
    assert response.status_code == 200
    granted = Membership.objects.get(user=reader)
    assert granted.source == "complimentary" and granted.granted_by == editor
    assert SECRET in page_for(reader, story(Level.MEMBERS))


def test_a_members_static_page_shows_its_teaser_to_others_and_its_text_to_members(gold):
    guide = Page.objects.create(title="Members' guide", slug="guide", body=BODY, is_published=True)
    AccessRule.objects.create(page=guide, level=Level.MEMBERS)
    anonymous = page_for(None, guide)
    assert "The council met at dawn" in anonymous and SECRET not in anonymous
    assert SECRET in page_for(member_of(gold), guide)
    api = Client().get("/api/v1/pages/")
    assert "The council met at dawn" in api.content.decode()
    assert SECRET not in api.content.decode()


def test_the_article_tool_bar_says_who_may_read_it_and_links_to_the_rule():
    article = story(Level.REGISTERED)
    client = Client()
    client.force_login(people.editor())
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    assert "Who may read it: Registered readers" in page.decode()
    rule = AccessRule.objects.get(article=article)
    assert reverse("admin:memberships_accessrule_change", args=[rule.pk]) in page.decode()
