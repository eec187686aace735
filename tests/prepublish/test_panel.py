"""Publish and Schedule in the admin run the pre-publish check: blocking findings refuse the
move with everything typed kept; warnings need "Publish anyway"."""

from datetime import timedelta

import pytest
from django.urls import reverse

from articles.models import Article
from articles.publish_checks import Draft
from prepublish import checks
from prepublish.models import Level, PublishCheckSettings
from tests import factories, people

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def editor():
    return people.editor()


def ready_article(**fields):
    """An article in review with nothing for the check to say."""
    values = {
        "status": Status.IN_REVIEW,
        "standfirst": "The vote ends two years of argument over who pays for the sea defences.",
        "featured_image": people.library_image(),
    }
    return factories.ArticleFactory(**{**values, **fields})


def publish(client, article, **changes):
    return client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        people.article_form_data(article, status=Status.PUBLISHED, **changes),
    )


def test_an_article_with_nothing_to_say_publishes_at_once(client, editor):
    article = ready_article()
    client.force_login(editor)
    assert publish(client, article).status_code == 302
    article.refresh_from_db()
    assert article.is_published


def test_a_blocking_finding_refuses_publishing_and_keeps_what_was_typed(client, editor):
    article = ready_article(featured_image=people.library_image(alt_text=""))
    client.force_login(editor)
    response = publish(client, article, headline="A headline typed just now", publish_anyway="1")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in page
    assert "Not published: fix these first" in page
    assert "Add alt text to these images before publishing: the featured image" in page
    assert 'href="#id_featured_image"' in page
    assert "A headline typed just now</textarea>" in page  # the form comes back as typed
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert not article.is_published


def test_blocking_findings_are_listed_before_warnings(client, editor):
    article = ready_article(featured_image=people.library_image(alt_text=""))
    client.force_login(editor)
    page = publish(client, article, headline="H" * 80).content.decode()
    assert page.index("Add alt text") < page.index("The headline is 80 characters")
    assert "Publish anyway" not in page  # nothing to confirm while something blocks


def test_warnings_show_the_panel_and_publish_anyway_publishes(client, editor):
    article = ready_article(featured_image=None)
    client.force_login(editor)
    warned = publish(client, article)
    page = warned.content.decode()
    assert "Check before publishing" in page
    assert "No featured image: cards and link previews show no picture." in page
    assert 'name="publish_anyway"' in page
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW

    assert publish(client, article, publish_anyway="1").status_code == 302
    article.refresh_from_db()
    assert article.is_published


def test_scheduling_runs_the_check_too(client, editor):
    article = ready_article(featured_image=None)
    client.force_login(editor)
    later = article.created_at + timedelta(days=2)
    response = publish(client, article, published_at_0=f"{later:%Y-%m-%d}", published_at_1="09:00")
    assert "Check before publishing" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_editing_an_article_already_published_asks_nothing(client, editor):
    article = ready_article(status=Status.PUBLISHED, featured_image=None)
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        people.article_form_data(article, headline="A fix to the headline"),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "A fix to the headline"


def test_editors_make_a_warning_block(client, editor):
    PublishCheckSettings.objects.create(featured_image=Level.BLOCK)
    article = ready_article(featured_image=None)
    client.force_login(editor)
    page = publish(client, article, publish_anyway="1").content.decode()
    assert "Not published: fix these first" in page
    article.refresh_from_db()
    assert not article.is_published


def test_editors_make_a_block_a_warning():
    social = people.library_image(alt_text="")
    draft = Draft(
        headline="Sea wall approved",
        standfirst="The vote ends two years of argument over who pays for the sea defences.",
        category=factories.CategoryFactory(),
        authors=[factories.UserFactory()],
        featured_image=people.library_image(),
        social_image=social,
    )
    assert [f.blocks for f in checks.run_all(draft)] == [True]
    PublishCheckSettings.objects.create(alt_text=Level.WARN)
    assert [f.blocks for f in checks.run_all(draft)] == [False]


def test_the_settings_are_one_row_edited_in_the_admin(admin_client):
    add = reverse("admin:prepublish_publishchecksettings_add")
    assert admin_client.get(reverse("admin:prepublish_publishchecksettings_changelist")).url == add
    form = {name.__name__: "warn" for name in checks.CHECKS}
    assert admin_client.post(add, {**form, "private_links": "block"}).status_code == 302
    row = PublishCheckSettings.objects.get()
    assert row.blocks("private_links") and not row.blocks("alt_text")
    changelist = admin_client.get(reverse("admin:prepublish_publishchecksettings_changelist"))
    assert changelist.url == reverse("admin:prepublish_publishchecksettings_change", args=[row.pk])
