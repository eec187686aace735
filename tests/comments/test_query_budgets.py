"""What a long thread costs: the article page and the moderation list stay at a fixed
number of queries whether an article has a few comments or five hundred."""

import random

import pytest
from django.urls import reverse

from comments.models import Comment
from demo.comments import seed_comments
from tests import people
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("warm_content_types")]


def article_with_comments(count):
    article = ArticleFactory(published=True)
    seed_comments(articles=[article], count=count, rng=random.Random(count))
    assert Comment.objects.filter(article=article).count() == count
    return article


@pytest.mark.parametrize("count", [8, 500])
def test_the_article_page_costs_the_same_queries_with_500_comments(
    client, settings, django_assert_max_num_queries, count
):
    settings.PAGE_CACHE_ENABLED = False  # measure the page, not a cache hit
    article = article_with_comments(count)
    with django_assert_max_num_queries(11):  # 10, and the footer's static pages (cold cache)
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('class="comment"') >= min(count, 8)


@pytest.mark.parametrize("count", [8, 300])
def test_the_comment_moderation_list_costs_the_same_queries_whatever_its_size(
    client, django_assert_max_num_queries, count
):
    article_with_comments(count)
    client.force_login(people.editor())
    with django_assert_max_num_queries(11):
        response = client.get(reverse("admin:comments_comment_changelist"))
    assert response.status_code == 200
    assert "deleted user" not in response.content.decode()


@pytest.mark.parametrize("count", [1, 6])
def test_approving_held_replies_costs_the_same_queries_however_many(
    django_assert_max_num_queries, django_capture_on_commit_callbacks, count
):
    from comments.services import comment_moderate
    from tests.comments.factories import CommentFactory

    parent = CommentFactory(article=ArticleFactory(published=True), body="The first word")
    held = [
        CommentFactory(article=parent.article, parent=parent, replied_to=parent, status="pending")
        for _ in range(count)
    ]
    # The statuses before, the update, one read of what was approved, the replies marked as
    # told, and the savepoint around them.
    with django_capture_on_commit_callbacks() as on_commit, django_assert_max_num_queries(6):
        approved = comment_moderate(comments=held, status="approved")
    assert approved == count
    assert set(
        Comment.objects.filter(pk__in=[c.pk for c in held]).values_list("status", flat=True)
    ) == {"approved"}
    # Each reply is announced and its e-mail to the person replied to is sent, once.
    assert len(on_commit) >= 2 * count
