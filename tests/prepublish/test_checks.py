"""Each pre-publish check, on the article as it would be saved: one case it finds, one it
passes."""

import pytest

from articles.publish_checks import Draft
from prepublish import checks
from tests import factories, people

pytestmark = pytest.mark.django_db


def messages(check, draft):
    return [message for _, message in check(draft)]


def good_draft(**changes):
    values = {
        "headline": "Harbour council approves the new sea wall",
        "standfirst": "The vote ends two years of argument over who pays for the defences.",
        "body": "## What was decided\n\nThe council [approved the plan](https://example.org/plan).",
        "category": factories.CategoryFactory(),
        "authors": [factories.UserFactory()],
        "featured_image": people.library_image(),
    }
    return Draft(**{**values, **changes})


def test_a_good_article_has_no_findings():
    draft = good_draft()
    assert [message for check in checks.CHECKS[:-1] for message in messages(check, draft)] == []


def test_a_featured_image_without_alt_text_is_found_and_one_with_it_is_not():
    assert (
        "the featured image"
        in messages(checks.alt_text, good_draft(featured_image=people.library_image(alt_text="")))[
            0
        ]
    )
    assert messages(checks.alt_text, good_draft()) == []


def test_a_social_image_and_a_body_picture_without_alt_text_are_named_in_one_finding():
    social, inline = people.library_image(alt_text=""), people.library_image(alt_text="")
    found = list(
        checks.alt_text(good_draft(social_image=social, body=f"Text.\n\n[[image {inline.pk}]]"))
    )
    assert len(found) == 1
    field, message = found[0]
    assert field == "social_image"
    assert f"the social image (#{social.pk})" in message
    assert f"[[image {inline.pk}]] in the body" in message


def test_a_body_picture_with_alt_text_passes():
    inline = people.library_image(alt_text="Boats in the harbour")
    assert messages(checks.alt_text, good_draft(body=f"[[image {inline.pk}: Boats]]")) == []


def test_a_headline_over_70_characters_is_found():
    long = "A" * 71
    assert "71 characters" in messages(checks.headline_length, good_draft(headline=long))[0]
    assert messages(checks.headline_length, good_draft(headline="A" * 70)) == []


def test_the_search_title_over_60_characters_is_found_whether_seo_title_or_headline():
    assert (
        "the SEO title: 61 characters"
        in messages(checks.seo_title_length, good_draft(seo_title="T" * 61))[0]
    )
    assert (
        "the headline (no SEO title is set)"
        in messages(checks.seo_title_length, good_draft(headline="H" * 65))[0]
    )
    assert messages(checks.seo_title_length, good_draft(headline="H" * 65, seo_title="Short")) == []


def test_the_search_description_must_be_50_to_160_characters():
    short = messages(checks.seo_description_length, good_draft(standfirst="Too short."))
    long = messages(checks.seo_description_length, good_draft(seo_description="D" * 161))
    missing = messages(checks.seo_description_length, good_draft(standfirst=""))
    assert "10 characters; under 50" in short[0]
    assert "161 characters" in long[0]
    assert "no description" in missing[0]
    assert messages(checks.seo_description_length, good_draft(seo_description="D" * 160)) == []


def test_no_category_no_byline_and_no_featured_image_are_found():
    draft = good_draft(category=None, authors=[], featured_image=None)
    assert messages(checks.category, draft) == [
        "No category: the article would appear in no section."
    ]
    assert "No byline" in messages(checks.byline, draft)[0]
    assert "No featured image" in messages(checks.featured_image, draft)[0]


def test_an_h3_before_any_h2_and_a_skipped_level_are_found():
    assert (
        "comes before any H2"
        in messages(checks.heading_order, good_draft(body="### Early\n\nText."))[0]
    )
    assert (
        "follows an H2"
        in messages(checks.heading_order, good_draft(body="## One\n\n#### Deep\n\nText."))[0]
    )
    assert "top-level heading" in messages(checks.heading_order, good_draft(body="# Title"))[0]
    in_order = "## One\n\n### Inner\n\n## Two\n\n### Inner again"
    assert messages(checks.heading_order, good_draft(body=in_order)) == []


@pytest.mark.parametrize("words", ["click here", "Here", "read more", "this", "link", "Read more…"])
def test_a_link_whose_text_says_nothing_is_found(words):
    body = f"The report is out: [{words}](https://example.org/report)."
    assert f"“{words}”" in messages(checks.vague_link_text, good_draft(body=body))[0]


def test_a_link_that_names_its_target_or_is_a_bare_address_passes():
    body = (
        "Read [the council's report on the sea wall](https://example.org/report) "
        "or <https://example.org/report>."
    )
    assert messages(checks.vague_link_text, good_draft(body=body)) == []


def test_a_link_to_one_of_our_drafts_or_a_missing_article_is_found():
    draft_article = factories.ArticleFactory(slug="not-yet")
    body = (
        f"See [our earlier draft](/articles/{draft_article.slug}/) and "
        "[the lost one](http://testserver/articles/no-such-story/)."
    )
    found = messages(checks.private_links, good_draft(body=body))
    assert len(found) == 2
    assert "/articles/not-yet/ leads to one of our articles readers cannot open" in found[0]


def test_a_link_to_one_of_our_public_articles_or_elsewhere_passes(published_article):
    body = (
        f"See [our report](http://testserver{published_article.get_absolute_url()}) and "
        "[the council](https://example.org/articles/not-ours/)."
    )
    assert messages(checks.private_links, good_draft(body=body)) == []


def test_a_scheduled_article_is_not_public_yet():
    scheduled = factories.ArticleFactory(scheduled=True)
    body = f"Coming: [the sequel]({scheduled.get_absolute_url()})."
    assert messages(checks.private_links, good_draft(body=body))
