"""Demo conversation for seed_demo: original comments, bulk-inserted so millions are quick."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from comments.models import Comment
from comments.text import render_comment

OPENINGS = [
    "I live near the harbour and this matches what we have seen.",
    "Thanks for explaining the numbers; the chart makes it much clearer.",
    "I am not convinced the council has thought about the night buses.",
    "Good reporting. Would love a follow-up in six months.",
    "My grandparents said the same thing happened in the seventies.",
    "Is there a link to the full report? I would like to read it.",
    "This is the first article that explains both sides fairly.",
    "We tried this at our school last year and it worked better than expected.",
    "Finally someone asked the people who actually have to live with this.",
    "I work in this sector and the piece gets the details right.",
    "Interesting, but the headline promises more than the article delivers.",
    "Read this twice. Still not sure who benefits.",
    "As a shop owner on the high street, I can confirm the footfall has dropped.",
    "The quote from the planner says it all.",
    "Nobody I know was consulted, and we live two streets away.",
    "This deserves far more attention than it is getting.",
]
MIDDLES = [
    "The costs always land on the same people.",
    "It would help to see the figures from before the change too.",
    "My neighbours feel the same way.",
    "Ten years ago the same promise was made.",
    "The part about the volunteers was the most moving.",
    "I wonder how this compares with the towns up the coast.",
    "",
    "",
]
CLOSINGS = [
    "Keep at it.",
    "Thank you for covering it.",
    "Curious what others think.",
    "Would sign a petition tomorrow.",
    "",
    "",
    "",
]
REPLIES = [
    "Agreed, and the same is true further up the valley.",
    "The report is linked in the third paragraph.",
    "I see it differently: the costs fall on the smallest shops.",
    "Same experience here, for what it is worth.",
    "Fair point, though the article does mention it near the end.",
    "Not quite: the vote was in March, not April.",
    "That is exactly what happened on our street.",
    "Do you have a source for that? I would like to read more.",
    "You are right about the buses, less so about the rents.",
    "Thanks, I had missed that.",
]


def comment_texts(rng, count=60):
    """Distinct top-level comments built from the banks above, so no two read the same."""
    texts = set()
    while len(texts) < count:
        parts = [rng.choice(OPENINGS), rng.choice(MIDDLES), rng.choice(CLOSINGS)]
        texts.add(" ".join(part for part in parts if part))
    return sorted(texts)


BATCH = 2000


def demo_commenters(count=20):
    User = get_user_model()
    existing = list(User.objects.filter(username__startswith="commenter"))
    new = [
        User(
            username=f"commenter{n}",
            display_name=f"Reader {n}",
            slug=f"commenter-{n}",
            email=f"commenter{n}@newsroom.example",
            password="!",
        )
        for n in range(len(existing), count)
    ]
    return existing + User.objects.bulk_create(new)


@transaction.atomic
def seed_comments(*, articles, count, rng):
    """Add `count` approved comments over `articles` (published ones), a quarter of them
    replies. Returns how many were added."""
    if not articles or count <= 0:
        return 0
    people = demo_commenters()
    tops_bank = [(text, render_comment(text)) for text in comment_texts(rng)]
    replies_bank = [(text, render_comment(text)) for text in REPLIES]
    now = timezone.now()
    added = 0
    while added < count:
        size = min(BATCH, count - added)
        tops = []
        for index in range(size - size // 4):
            article = articles[(added + index) % len(articles)]
            body, body_html = rng.choice(tops_bank)
            tops.append(
                Comment(
                    article=article,
                    author=rng.choice(people),
                    body=body,
                    body_html=body_html,
                    status=Comment.Status.APPROVED,
                    created_at=min(
                        now,
                        max(article.published_at, now - timedelta(days=2))
                        + timedelta(minutes=rng.randint(1, 600)),
                    ),
                )
            )
        tops = Comment.objects.bulk_create(tops)
        Comment.objects.filter(pk__in=[c.pk for c in tops]).update(root=F("pk"))
        replies = []
        for index in range(size // 4):
            parent = tops[index % len(tops)]
            body, body_html = rng.choice(replies_bank)
            replies.append(
                Comment(
                    article_id=parent.article_id,
                    author=rng.choice(people),
                    parent=parent,
                    root_id=parent.pk,
                    depth=1,
                    body=body,
                    body_html=body_html,
                    status=Comment.Status.APPROVED,
                    created_at=min(now, parent.created_at + timedelta(minutes=rng.randint(1, 120))),
                )
            )
        Comment.objects.bulk_create(replies)
        added += len(tops) + len(replies)
    return added
