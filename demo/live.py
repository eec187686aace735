"""A demo live page for seed_demo: a storm reaching the coast, told by its story so far
and a dozen updates over an afternoon, as a desk posts them."""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from articles.models import Article, Category, Image
from live import services
from live.models import LiveUpdate

from .accounts import EDITOR
from .pictures import caption_for

# (minutes before now, headline, body, key point)
UPDATES = [
    (175, "", "Good afternoon. We are following the storm as it reaches the coast.", False),
    (160, "Port closes", "The harbour master has **closed the port** to all traffic.", True),
    (148, "", "Gusts of 90 km/h were recorded at the lighthouse a few minutes ago.", False),
    (131, "", "Waves are breaking over the sea wall by the fish market.", False),
    (117, "Ferries suspended", "All ferries are suspended until at least six o'clock.", True),
    (102, "", "Buses replace the morning ferry to the islands, the operator says.", False),
    (88, "", "Traders on the quay have moved their stock to the upper market.", False),
    (71, "", "The council has opened the sports hall as a shelter.", False),
    (55, "Power cut", "About 2,000 homes in the old town have lost power.", True),
    (39, "", "Engineers expect to restore power within three hours.", False),
    (22, "", "The wind is easing a little, forecasters say, but not for long.", False),
    (6, "", "The next high tide is at 18:40; the sea wall will be tested again.", False),
]
PINNED = "Stay away from the seafront until the warning is lifted, police say."

# The story the updates belong to: whatever article seed_demo picks is retold as this one,
# so its headline, background and updates are about the same afternoon.
HEADLINE = "Storm reaches the coast: port closed, ferries suspended"
STANDFIRST = (
    "Gusts of 90 km/h are battering the harbour district. Follow the latest as our "
    "reporters on the seafront send it."
)
BODY = """\
The first storm of the winter reached the coast shortly after noon, a day earlier than \
forecasters had expected.

## What we know

The weather service has issued an amber warning for wind until midnight. The worst of \
it is expected at high tide this evening, when waves driven by the wind will meet the \
sea wall by the fish market.

## Why the harbour matters

The port handles most of the region's freight and every ferry to the islands. A closure \
of even one day leaves lorries queueing on the ring road and islanders without a way \
home.

## What to do

Police ask people to stay away from the seafront and to check on neighbours who live \
alone. The council's shelter at the sports hall is open through the night.
"""
TAGS = ["weather", "harbour", "islands"]
SECTION = "environment"


def seed_live_page(*, article, editor, section=None, picture=None):
    """Make `article` the storm's live page with the demo updates (once: nothing if it is
    live), filed under `section` with `picture` as its lead when given."""
    if article.is_live_coverage:
        return article
    article.headline, article.standfirst, article.body = HEADLINE, STANDFIRST, BODY
    article.slug = f"{slugify(HEADLINE)}-{article.pk}"
    article.category = section or article.category
    article.featured_image = picture or article.featured_image
    article.save()
    article.tags.set(TAGS)
    services.start_coverage(article=article, user=editor)
    now = timezone.now()
    for minutes, headline, body, key in UPDATES:
        update = services.post_update(
            article=article, user=editor, body=body, headline=headline, is_key_point=key
        )
        LiveUpdate.objects.filter(pk=update.pk).update(
            published_at=now - timedelta(minutes=minutes)
        )
    services.post_update(article=article, user=editor, body=PINNED, is_pinned=True)
    return article


def seed_live_story():
    """The second newest featured story becomes the live page, once (not the newest: the
    benchmarks read that one as an ordinary article)."""
    if Article.objects.filter(live_started_at__isnull=False).exists():
        return
    featured = Article.objects.published().filter(is_featured=True).latest_first()[1:2]
    editor = User.objects.filter(username=EDITOR).first()
    if featured and editor is not None:
        section = Category.objects.filter(slug=SECTION).first()
        picture = Image.objects.filter(caption=caption_for(SECTION, "waves")).first()
        seed_live_page(article=featured[0], editor=editor, section=section, picture=picture)
