"""Merging a save with a newer save by someone else: the pure paragraph merge, then the
article form as two people would use it."""

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from articles.merge import BOTH, MINE, THEIRS, Conflict, MissingChoice, conflicts, merge_paragraphs
from tests import people
from tests.factories import ArticleFactory, CategoryFactory


def body(*parts):
    return "\n\n".join(parts)


pytestmark = pytest.mark.django_db

BASE = body("One.", "Two.", "Three.", "Four.")


# The pure merge.
def test_paragraphs_only_one_side_changed_are_taken_without_asking():
    mine = body("One.", "Two.", "Three, mine.", "Four.")
    theirs = body("One, theirs.", "Two.", "Three.", "Four.")
    assert conflicts(BASE, mine, theirs) == []
    assert merge_paragraphs(BASE, mine, theirs, {}) == body(
        "One, theirs.", "Two.", "Three, mine.", "Four."
    )


def test_neighbouring_paragraphs_changed_by_each_side_merge_without_asking():
    mine = body("One.", "Two, mine.", "Three.", "Four.")
    theirs = body("One, theirs.", "Two.", "Three.", "Four.")
    assert merge_paragraphs(BASE, mine, theirs, {}) == body(
        "One, theirs.", "Two, mine.", "Three.", "Four."
    )


def test_insertions_and_deletions_by_either_side_are_kept():
    mine = body("One.", "New from me.", "Two.", "Three.", "Four.")
    theirs = body("One.", "Two.", "Four.", "New from them at the end.")
    assert conflicts(BASE, mine, theirs) == []
    assert merge_paragraphs(BASE, mine, theirs, {}) == body(
        "One.", "New from me.", "Two.", "Four.", "New from them at the end."
    )


def test_both_editing_the_same_paragraph_asks_and_each_choice_gives_its_text():
    mine = body("One.", "Two, mine.", "Three.", "Four.")
    theirs = body("One.", "Two, theirs.", "Three.", "Four, theirs.")
    assert conflicts(BASE, mine, theirs) == [Conflict(("Two, mine.",), ("Two, theirs.",))]
    merged = {
        choice: merge_paragraphs(BASE, mine, theirs, [choice]) for choice in (MINE, THEIRS, BOTH)
    }
    assert merged[MINE] == body("One.", "Two, mine.", "Three.", "Four, theirs.")
    assert merged[THEIRS] == body("One.", "Two, theirs.", "Three.", "Four, theirs.")
    assert merged[BOTH] == body("One.", "Two, mine.", "Two, theirs.", "Three.", "Four, theirs.")


def test_both_making_the_same_change_is_no_conflict():
    same = body("One.", "Two, fixed.", "Three.", "Four.")
    assert conflicts(BASE, same, same) == []
    assert merge_paragraphs(BASE, same, same, {}) == same


def test_one_side_deleting_a_paragraph_the_other_edited_asks():
    mine = body("One.", "Two, mine.", "Three.", "Four.")
    theirs = body("One.", "Three.", "Four.")
    assert conflicts(BASE, mine, theirs) == [Conflict(("Two, mine.",), ())]
    assert merge_paragraphs(BASE, mine, theirs, [THEIRS]) == theirs
    assert merge_paragraphs(BASE, mine, theirs, [BOTH]) == mine


def test_both_inserting_at_the_same_place_asks_and_both_keeps_mine_first():
    mine = body("One.", "Mine.", "Two.", "Three.", "Four.")
    theirs = body("One.", "Theirs.", "Two.", "Three.", "Four.")
    assert merge_paragraphs(BASE, mine, theirs, {0: BOTH}) == body(
        "One.", "Mine.", "Theirs.", "Two.", "Three.", "Four."
    )


def test_without_a_base_every_differing_paragraph_is_asked_about_one_by_one():
    mine = body("One.", "Two, mine.", "Three.", "Four, mine.")
    theirs = body("One.", "Two, theirs.", "Three.", "Four.")
    assert len(conflicts(None, mine, theirs)) == 2
    assert merge_paragraphs(None, mine, theirs, [THEIRS, MINE]) == body(
        "One.", "Two, theirs.", "Three.", "Four, mine."
    )


def test_a_missing_choice_is_refused_not_guessed():
    mine = body("One.", "Two, mine.")
    theirs = body("One.", "Two, theirs.")
    with pytest.raises(MissingChoice) as refused:
        merge_paragraphs(body("One.", "Two."), mine, theirs, {0: "whatever"})
    assert refused.value.missing == [0]


def test_blank_lines_with_spaces_and_crlf_free_text_split_into_the_same_paragraphs():
    mine = "One.\n   \nTwo, mine.\nstill two."
    theirs = "One.\n\nTwo."
    assert merge_paragraphs("One.\n\nTwo.", mine, theirs, {}) == "One.\n\nTwo, mine.\nstill two."


# Through the admin's change form, as two (or three) people.
P1, P2, P3 = "The harbour opened in 1870.", "Fees rose in May.", "The mayor spoke on Friday."


@pytest.fixture
def article():
    return ArticleFactory(headline="Harbour fees", body=body(P1, P2, P3))


def url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture(autouse=True)
def clock():
    """A clock open_form moves on (see there); held still otherwise."""
    global CLOCK
    with time_machine.travel(timezone.now(), tick=False) as CLOCK:
        yield CLOCK
    CLOCK = None


CLOCK = None


def open_form(client, user, article):
    """What `user` posts later: the change form as they opened it now. Opening it takes the
    soft lock (presence/); each person here then steps away past its lapse (a laptop shut,
    a lost connection), so the next can open and save, and two saves meet as they do after
    a lock lapsed or was taken over."""
    client.force_login(user)
    page = client.get(url(article))
    assert page.status_code == 200
    CLOCK.shift(timedelta(seconds=61))
    form = page.context["adminform"].form
    assert f'name="edit_revision" value="{form.opened_revision}"' in page.content.decode()
    return people.article_form_data(article, edit_revision=form.opened_revision)


def post(client, user, article, data, **changes):
    client.force_login(user)
    return client.post(url(article), {**data, **changes})


def as_posted_again(response, **changes):
    """The returned form, posted again as its page holds it (with the panel's choices)."""
    data = response.context["adminform"].form.data
    page = BeautifulSoup(response.content, "html.parser")
    plan = {tag["name"]: tag["value"] for tag in page.select("input[name=merge-plan]")}
    return {**{key: data.getlist(key) for key in data}, **plan, **changes}


def shown_errors(response):
    return " ".join(response.context["adminform"].form.non_field_errors())


def test_changes_to_different_paragraphs_merge_and_the_second_person_is_told(client, article):
    a, b = people.editor(display_name="Ana"), people.editor(display_name="Ben")
    as_a, as_b = open_form(client, a, article), open_form(client, b, article)
    assert post(client, b, article, as_b, body=body("Ben's first.", P2, P3)).status_code == 302

    response = post(client, a, article, as_a, body=body(P1, P2, "Ana's third."))
    assert response.status_code == 200
    assert "Merged: review and save" in shown_errors(response)
    assert "Ben saved this article" in shown_errors(response)
    merged = body("Ben's first.", P2, "Ana's third.")
    assert response.context["adminform"].form["body"].value() == merged
    article.refresh_from_db()
    assert article.body == body("Ben's first.", P2, P3)  # nothing saved unread

    assert client.post(url(article), as_posted_again(response)).status_code == 302
    article.refresh_from_db()
    assert article.body == merged


def test_a_save_that_changes_only_what_the_other_did_not_touch_saves_at_once(client, article):
    a, b = people.editor(), people.editor()
    as_a, as_b = open_form(client, a, article), open_form(client, b, article)
    post(client, b, article, as_b, headline="Harbour fees rise")
    response = post(client, a, article, as_a, body=body(P1, P2, "Ana's third."))
    # Their headline is taken into the form for review, never lost by saving Ana's stale one.
    assert response.status_code == 200
    assert client.post(url(article), as_posted_again(response)).status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.body) == ("Harbour fees rise", body(P1, P2, "Ana's third."))


def both_change_paragraph_two(client, article):
    a, b = people.editor(display_name="Ana"), people.editor(display_name="Ben")
    as_a, as_b = open_form(client, a, article), open_form(client, b, article)
    post(client, b, article, as_b, body=body(P1, "Fees rose by 12% in May.", P3))
    mine = body(P1, "Fees rose sharply in May.", P3)
    return a, post(client, a, article, as_a, body=mine), mine


def test_both_changing_one_paragraph_brings_the_panel_with_what_was_typed(client, article):
    _, response, mine = both_change_paragraph_two(client, article)
    assert response.status_code == 200
    assert "Ben saved this article after you opened it" in shown_errors(response)
    assert response.context["adminform"].form["body"].value() == mine
    panel = BeautifulSoup(response.content, "html.parser").select_one(".nr-merge")
    assert panel.select_one("legend").get_text() == "Body, difference 1 of 1"
    assert "Fees rose <del>by 12% </del>in May." in str(panel)
    assert "Fees rose <ins>sharply </ins>in May." in str(panel)
    labels = [label.get_text(strip=True) for label in panel.select("label")]
    assert labels == ["Keep mine", "Take theirs", "Keep both, mine first"]
    article.refresh_from_db()
    assert "12%" in article.body


@pytest.mark.parametrize(
    ("choice", "paragraph_two"),
    [
        ("mine", ["Fees rose sharply in May."]),
        ("theirs", ["Fees rose by 12% in May."]),
        ("both", ["Fees rose sharply in May.", "Fees rose by 12% in May."]),
    ],
)
def test_each_choice_in_the_panel_saves_its_paragraphs(client, article, choice, paragraph_two):
    _, response, _ = both_change_paragraph_two(client, article)
    again = as_posted_again(response, **{"merge-body-1": choice, "_continue": "1"})
    assert client.post(url(article), again).status_code == 302
    article.refresh_from_db()
    assert article.body == body(P1, *paragraph_two, P3)


def test_saving_the_panel_without_a_choice_saves_nothing_and_asks_again(client, article):
    _, response, mine = both_change_paragraph_two(client, article)
    again = client.post(url(article), as_posted_again(response))
    assert again.status_code == 200
    assert "choose a version for Body, difference 1 of 1" in shown_errors(again)
    assert again.context["adminform"].form["body"].value() == mine


def test_a_third_save_while_choosing_brings_the_panel_back(client, article):
    a, response, mine = both_change_paragraph_two(client, article)
    cleo = people.editor(display_name="Cleo")
    as_cleo = open_form(client, cleo, article)
    post(client, cleo, article, as_cleo, body=body(P1, "Fees rose by 12.5% in May.", P3))

    again = post(client, a, article, as_posted_again(response, **{"merge-body-1": "mine"}))
    assert again.status_code == 200
    assert "changed again since the merge was shown" in shown_errors(again)
    assert "Cleo" in shown_errors(again)
    assert "12.5%" in str(BeautifulSoup(again.content, "html.parser").select_one(".nr-merge"))
    assert again.context["adminform"].form["body"].value() == mine
    article.refresh_from_db()
    assert "12.5%" in article.body  # Cleo's save stands until Ana chooses

    final = as_posted_again(again, **{"merge-body-1": "both"})
    assert client.post(url(article), final).status_code == 302
    article.refresh_from_db()
    assert article.body == body(P1, "Fees rose sharply in May.", "Fees rose by 12.5% in May.", P3)


def test_both_changing_the_headline_asks_keep_mine_or_take_theirs(client, article):
    a, b = people.editor(), people.editor()
    as_a, as_b = open_form(client, a, article), open_form(client, b, article)
    post(client, b, article, as_b, headline="Theirs")
    response = post(client, a, article, as_a, headline="Mine")
    panel = BeautifulSoup(response.content, "html.parser").select_one(".nr-merge")
    assert panel.select_one("legend").get_text() == "Headline"
    again = as_posted_again(response, **{"merge-headline": "theirs"})
    assert client.post(url(article), again).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Theirs"


def test_without_the_opened_revision_every_difference_is_asked(client, article):
    a, b = people.editor(), people.editor()
    as_a, as_b = open_form(client, a, article), open_form(client, b, article)
    post(client, b, article, as_b, body=body("Ben's first.", P2, P3))
    response = post(client, a, article, {**as_a, "edit_revision": ""}, body=body(P1, P2, "Mine."))
    names = [q.name for q in response.context["adminform"].form.merge.questions]
    assert names == ["merge-body-1", "merge-body-2"]
    again = as_posted_again(response, **{"merge-body-1": "theirs", "merge-body-2": "mine"})
    assert client.post(url(article), again).status_code == 302
    article.refresh_from_db()
    assert article.body == body("Ben's first.", P2, "Mine.")


def test_a_newer_save_that_changed_no_field_needs_no_merge(client, article):
    a, b = people.editor(), people.editor()
    as_a, as_b = open_form(client, a, article), open_form(client, b, article)
    assert post(client, b, article, as_b).status_code == 302  # saved, nothing changed
    response = post(client, a, article, as_a, body=body(P1, P2, "Ana's third."))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == body(P1, P2, "Ana's third.")


def test_their_new_category_is_kept_when_only_they_changed_it(client, article):
    a, b = people.editor(), people.editor()
    as_a, as_b = open_form(client, a, article), open_form(client, b, article)
    business = CategoryFactory(name="Business", slug="business")
    post(client, b, article, as_b, category=business.pk)
    response = post(client, a, article, as_a, headline="Harbour fees: the vote")
    assert "Category: their change is taken." in response.content.decode()
    assert client.post(url(article), as_posted_again(response)).status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.category) == ("Harbour fees: the vote", business)
