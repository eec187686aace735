import pytest

from comments.services import comment_post
from tests.comments.factories import CommentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def parent(published_article):
    author = UserFactory(display_name="Pat Parent", email="pat@example.com")
    return CommentFactory(article=published_article, author=author, body="My point")


def test_a_reply_emails_the_parent_comments_author(parent, published_article, mailoutbox):
    replier = UserFactory(display_name="Ravi Replier")
    reply = comment_post(
        article=published_article,
        author=replier,
        body="I disagree",
        parent=parent,
        site_url="https://news.example/",
    )
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["pat@example.com"]
    assert "Ravi Replier replied to your comment" in email.subject
    assert "I disagree" in email.body
    assert f"https://news.example{reply.get_absolute_url()}" in email.body


def test_no_email_when_the_parent_author_opted_out(parent, published_article, mailoutbox):
    parent.author.notify_on_reply = False
    parent.author.save()
    comment_post(article=published_article, author=UserFactory(), body="Hi", parent=parent)
    assert mailoutbox == []


def test_no_email_for_replying_to_yourself(parent, published_article, mailoutbox):
    comment_post(article=published_article, author=parent.author, body="Also", parent=parent)
    assert mailoutbox == []
