import pytest

from memberships.models import AccessRule, Level, Membership, Tier
from tests import people
from tests.factories import ArticleFactory

SECRET = "Zephyrquill ledger"
BODY = (
    "The council met at dawn to settle the harbour budget.\n\n"
    "Residents filled the gallery long before the vote.\n\n"
    f"The {SECRET} shows the tunnel money went elsewhere.\n\n"
    "## What comes next\n\n"
    "An inquiry opens on Monday."
)


@pytest.fixture
def gold(db):
    return Tier.objects.create(name="Gold", slug="gold", kind="paid", monthly_price=9)


@pytest.fixture
def silver(db):
    return Tier.objects.create(name="Silver", slug="silver", kind="paid", monthly_price=5)


def story(level=Level.MEMBERS, tier=None, **kwargs):
    author = people.writer(display_name="Amara Okafor")
    article = ArticleFactory(
        published=True,
        headline="Harbour budget ledger",
        standfirst="Where the tunnel money went.",
        body=BODY,
        authors=[author],
        tags=["Harbour"],
        **kwargs,
    )
    if level != Level.EVERYONE:
        AccessRule.objects.create(article=article, level=level, tier=tier)
    return article


def member_of(tier, **kwargs):
    user = people.reader(**kwargs)
    Membership.objects.create(user=user, tier=tier)
    return user
