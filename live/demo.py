"""A demo live page for seed_demo: a dozen updates over an afternoon, as a desk posts them."""

from datetime import timedelta

from django.utils import timezone

from . import services
from .models import LiveUpdate

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


def seed_live_page(*, article, editor):
    """Make `article` a live page with the demo updates (once: nothing if it is live)."""
    if article.is_live_coverage:
        return article
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
