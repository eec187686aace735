""" "Publish selected articles" in the article list runs the pre-publish check too: warnings are
read and confirmed first, and a finding that blocks keeps its article out, saying why; the
levels editors set hold on every path (a warning never refuses, whoever publishes)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles.models import Article
from prepublish.models import Level, PublishCheckSettings
from tests import factories, people

pytestmark = pytest.mark.django_db
Status = Article.Status
CHANGELIST = "admin:articles_article_changelist"


def ready(**fields):
    values = {
        "status": Status.IN_REVIEW,
        "standfirst": "The vote ends two years of argument over who pays for the sea defences.",
        "featured_image": people.library_image(),
    }
    return factories.ArticleFactory(**{**values, **fields})


def bulk_publish(client, *articles, **extra):
    data = {"action": "publish_selected", "_selected_action": [a.pk for a in articles], **extra}
    return client.post(reverse(CHANGELIST), data, follow=True)


def test_warnings_are_read_and_confirmed_before_a_bulk_publish(client):
    clean, short = ready(), ready(standfirst="Too short.")
    client.force_login(people.editor())

    asked = bulk_publish(client, clean, short)
    page = asked.content.decode()
    assert "Check before publishing" in page
    assert short.headline in page and "The search description is 10 characters" in page
    assert not Article.objects.published().exists()  # nothing yet

    done = bulk_publish(client, clean, short, publish_anyway="1")
    assert "Published 2 article(s)." in [str(m) for m in get_messages(done.wsgi_request)]
    assert set(Article.objects.published()) == {clean, short}


def test_an_article_with_a_blocking_finding_stays_out_and_the_editor_is_told_why(client):
    clean = ready()
    blocked = ready(featured_image=people.library_image(alt_text=""))
    client.force_login(people.editor())

    response = bulk_publish(client, clean, blocked)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Published 1 article(s)." in messages
    assert any(m.startswith(f"Not published: “{blocked.headline}”: Add alt text") for m in messages)
    assert list(Article.objects.published()) == [clean]


def test_alt_text_set_to_warn_lets_an_article_through_once_the_warning_is_read(client):
    PublishCheckSettings.objects.create(alt_text=Level.WARN)
    article = ready(featured_image=people.library_image(alt_text=""))
    client.force_login(people.editor())

    asked = bulk_publish(client, article).content.decode()
    assert "Warning:" in asked and "Add alt text to these images" in asked
    bulk_publish(client, article, publish_anyway="1")

    article.refresh_from_db()
    assert article.is_published


def test_a_script_publishing_through_the_service_meets_the_same_blocking_check():
    from django.core.exceptions import ValidationError

    from articles import services

    article = ready(featured_image=people.library_image(alt_text=""))
    with pytest.raises(ValidationError, match="Add alt text"):
        services.article_publish(article=article, user=people.editor())
    PublishCheckSettings.objects.create(alt_text=Level.WARN)
    services.article_publish(article=article, user=people.editor())
    assert article.is_published
