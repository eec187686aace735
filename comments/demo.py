"""Demo conversation for seed_demo: original comments, bulk-inserted so millions are quick."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Comment
from .text import render_comment

OPENINGS = [
    "I live near the harbour and this matches what we have seen.",
    "Thanks for explaining the numbers; the chart makes it much clearer.",
    "I am not convinced the council has thought about the night buses.",
    "Good reporting. Would love a follow-up in six months.",
    "My grandparents said the same thing happened in the seventies.",
    "Is there a link to the full report? I would like to read it.",
    "This is the first article that explains both sides fairly.",
    "We tried this at our school last year and it worked better than expected.",
]
REPLIES = [
    "Agreed, and the same is true further up the valley.",
    "The report is linked in the third paragraph.",
    "I see it differently: the costs fall on the smallest shops.",
    "Same experience here, for what it is worth.",
]
BATCH = 2000


def demo_commenters(count=20):
    User = get_user_model()
    existing = list(User.objects.filter(username__startswith="commenter"))
    new = [
        User(username=f"commenter{n}", display_name=f"Reader {n}", slug=f"commenter-{n}",
             email=f"commenter{n}@newsroom.example", password="!")
        for n in range(len(existing), count)
    ]  # fmt: skip
    return existing + User.objects.bulk_create(new)


@transaction.atomic
def seed_comments(*, articles, count, rng):
    """Add `count` approved comments over `articles` (published ones), a quarter of them
    replies. Returns how many were added."""
    if not articles or count <= 0:
        return 0
    people = demo_commenters()
    bodies = [(text, render_comment(text)) for text in OPENINGS + REPLIES]
    now = timezone.now()
    added = 0
    while added < count:
        size = min(BATCH, count - added)
        tops = []
        for index in range(size - size // 4):
            article = articles[(added + index) % len(articles)]
            body, body_html = rng.choice(bodies[: len(OPENINGS)])
            tops.append(
                Comment(
                    article=article, author=rng.choice(people), body=body, body_html=body_html,
                    status=Comment.Status.APPROVED,
                    created_at=min(now, max(article.published_at, now - timedelta(days=2))
                                   + timedelta(minutes=rng.randint(1, 600))),
                )
            )  # fmt: skip
        tops = Comment.objects.bulk_create(tops)
        Comment.objects.filter(pk__in=[c.pk for c in tops]).update(root=F("pk"))
        replies = []
        for index in range(size // 4):
            parent = tops[index % len(tops)]
            body, body_html = rng.choice(bodies[len(OPENINGS) :])
            replies.append(
                Comment(
                    article_id=parent.article_id, author=rng.choice(people), parent=parent,
                    root_id=parent.pk, depth=1, body=body, body_html=body_html,
                    status=Comment.Status.APPROVED,
                    created_at=min(now, parent.created_at + timedelta(minutes=rng.randint(1, 120))),
                )
            )  # fmt: skip
        Comment.objects.bulk_create(replies)
        added += len(tops) + len(replies)
    return added
