"""Merging a save with a newer save by someone else: the pure paragraph merge, then the
article form as two people would use it."""

import pytest

from articles.merge import BOTH, MINE, THEIRS, Conflict, MissingChoice, conflicts, merge_paragraphs


def body(*parts):
    return "\n\n".join(parts)


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
