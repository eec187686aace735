""" "Publish selected" sent twice (a double click, a retried POST) publishes once and says
so: one publish each, one notification for the writers, and the same answer again."""

import re

import pytest
from django.urls import reverse

from articles.models import Article, ArticleTransition
from notifications.models import Notification
from shared.submit_once import SENT_TWICE
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:articles_article_changelist")


def token_in(html):
    return re.search(r'name="submit_once" value="([^"]+)"', html).group(1)


def test_publish_selected_sent_twice_publishes_once_and_says_so(
    client, django_capture_on_commit_callbacks
):
    writer = people.writer(username="wren", display_name="Wren Writer")
    stories = [ArticleFactory(status=Article.Status.IN_REVIEW, authors=[writer]) for _ in range(2)]
    client.force_login(people.editor(username="edda"))
    chosen = {"action": "publish_selected", "_selected_action": [a.pk for a in stories]}

    listed = client.get(CHANGELIST).content.decode()
    asked = client.post(CHANGELIST, {**chosen, "submit_once": token_in(listed)})
    assert "Publish anyway: I have read these warnings" in asked.content.decode()
    confirmed = {**chosen, "publish_anyway": "1", "submit_once": token_in(asked.content.decode())}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHANGELIST, confirmed)
        again = client.post(CHANGELIST, confirmed, follow=True)

    for story in stories:
        story.refresh_from_db()
        assert story.is_published
        assert ArticleTransition.objects.filter(article=story, action="publish").count() == 1
    assert Notification.objects.filter(recipient=writer).count() == 2, "one per story"
    page = again.content.decode()
    assert "Published 2 article(s)." in page
    assert SENT_TWICE in page
