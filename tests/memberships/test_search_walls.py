"""Search finds a story behind a wall by what everyone may read of it (headline,
standfirst, teaser), never by a word past the wall: the index holds only the teaser."""

import pytest
from django.test import Client
from django.urls import reverse

from memberships.models import AccessRule, Level
from tests.factories import CategoryFactory

from .conftest import member_of, story

pytestmark = pytest.mark.django_db

PAST_THE_WALL = "Zephyrquill"  # in the body's third paragraph, past the teaser
IN_THE_TEASER = "gallery"  # in the second paragraph, the teaser's


def found(query, user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("search:search"), {"q": query})
    assert response.status_code == 200
    return "Harbour budget ledger" in response.content.decode()


def test_a_word_past_the_wall_finds_nothing_and_the_teasers_words_find_the_story(gold):
    story(Level.MEMBERS)
    assert not found(PAST_THE_WALL)
    assert not found(PAST_THE_WALL, member_of(gold))  # the index is everyone's
    assert found(IN_THE_TEASER)
    assert found("tunnel money")  # the standfirst
    assert found("ledger")  # the headline


def test_a_metered_story_is_found_by_every_word(gold):
    story(Level.METERED)
    assert found(PAST_THE_WALL)


def test_a_wall_put_up_later_takes_its_words_out_and_taking_it_down_puts_them_back():
    article = story(Level.EVERYONE)
    assert found(PAST_THE_WALL)
    rule = AccessRule.objects.create(article=article, level=Level.REGISTERED)
    assert not found(PAST_THE_WALL)
    rule.level = Level.METERED
    rule.save()
    assert found(PAST_THE_WALL)
    rule.level = Level.MEMBERS
    rule.save()
    assert not found(PAST_THE_WALL)
    rule.delete()
    assert found(PAST_THE_WALL)


def test_a_categorys_wall_covers_the_search_rows_of_its_stories():
    investigations = CategoryFactory(name="Investigations", slug="investigations")
    story(Level.EVERYONE, category=investigations)
    assert found(PAST_THE_WALL)
    AccessRule.objects.create(category=investigations, level=Level.MEMBERS)
    assert not found(PAST_THE_WALL)
    assert found(IN_THE_TEASER)


def test_editing_a_walled_story_keeps_its_gated_words_out_of_the_index(gold):
    article = story(Level.MEMBERS)
    article.body = article.body.replace("An inquiry opens", "A Quillmarsh inquiry opens")
    article.save()
    assert not found("Quillmarsh")
    assert found(IN_THE_TEASER)
