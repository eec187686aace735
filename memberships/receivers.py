"""What each memberships write makes stale (shared/keys.py).

A rule, a tier or the meter changes who may read which story: "access", which every page
and surface that asked depends on; a tier also changes what is offered ("tiers", which the
footer's link to the offer follows). A rule also rewrites the search rows of the stories
it covers (the index holds a walled story's teaser only). A membership changes one
reader's access alone: their own key, which no shared page carries (no public key is
marked, nothing is purged); so does a gift link made or taken back (the giver's count).
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Article
from search.index import index_articles
from shared.cache import content_changed
from shared.keys import ACCESS, TIERS, reader_key

from .models import AccessRule, GiftLink, Membership, MeterSettings, Tier


@receiver(post_save, sender=AccessRule, dispatch_uid="memberships-rule-save")
@receiver(post_delete, sender=AccessRule, dispatch_uid="memberships-rule-delete")
@receiver(post_save, sender=Tier, dispatch_uid="memberships-tier-save")
@receiver(post_delete, sender=Tier, dispatch_uid="memberships-tier-delete")
@receiver(post_save, sender=MeterSettings, dispatch_uid="memberships-meter-save")
def on_access_changed(sender, **kwargs):
    content_changed(ACCESS, *([TIERS] if sender is Tier else []))


@receiver(post_save, sender=AccessRule, dispatch_uid="memberships-rule-save-search")
@receiver(post_delete, sender=AccessRule, dispatch_uid="memberships-rule-delete-search")
def on_rule_changed(sender, instance, **kwargs):
    """The search index holds only the teaser of a story behind a wall: a rule put up,
    changed or taken down rewrites the rows of the stories it covers (a category's rule:
    all of the category's; after on_access_changed, so the rules read are the new ones)."""
    if instance.article_id is not None:
        index_articles([instance.article_id])
    elif instance.category_id is not None:
        index_articles(
            Article.objects.filter(category_id=instance.category_id).values_list("pk", flat=True)
        )


@receiver(post_save, sender=Membership, dispatch_uid="memberships-membership-save")
@receiver(post_delete, sender=Membership, dispatch_uid="memberships-membership-delete")
def on_membership_changed(sender, instance, **kwargs):
    content_changed(reader_key(instance.user_id))


@receiver(post_save, sender=GiftLink, dispatch_uid="memberships-gift-save")
@receiver(post_delete, sender=GiftLink, dispatch_uid="memberships-gift-delete")
def on_gift_changed(sender, instance, **kwargs):
    """The gifts left this month, kept for the giver (memberships/gifts.left_shown)."""
    content_changed(reader_key(instance.giver_id))
