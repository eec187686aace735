"""Receivers for this app's data that no save of its own names, each naming the keys
(shared/keys.py) the write changed.

Articles and images say what their own saves changed (their models' save(), which every
write path goes through). What remains is edited in the admin alone (categories, tags,
corrections, old addresses), or changes through a relation (an article's tags and bylines),
or is deleted, which no save sees.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag

from shared.cache import content_changed
from shared.keys import (
    HOME,
    NAV,
    SCHEDULE,
    SITE,
    article_key,
    author_key,
    category_key,
    corrections_key,
    tag_key,
)

from . import services
from .images import body_picture_changed, delete_files
from .models import Article, Category, Correction, Image, SlugRedirect


@receiver(post_save, sender=Category, dispatch_uid="articles-category-save")
@receiver(post_delete, sender=Category, dispatch_uid="articles-category-delete")
def on_category_change(sender, **kwargs):
    # Every page shows the category bar, and every card its category's name.
    content_changed(NAV)


@receiver(post_save, sender=Tag, dispatch_uid="articles-tag-save")
def on_tag_saved(sender, created=False, **kwargs):
    # A new tag is on no public article yet: putting it on one names that article and the
    # tag's page (relation_changed below). A renamed tag shows on every article carrying
    # it: rare enough to refresh everything.
    if not created:
        content_changed(SITE)


@receiver(post_delete, sender=Tag, dispatch_uid="articles-tag-delete")
def on_tag_deleted(sender, **kwargs):
    content_changed(SITE)


@receiver(post_save, sender=Correction, dispatch_uid="articles-correction-save")
@receiver(post_delete, sender=Correction, dispatch_uid="articles-correction-delete")
def on_correction_change(sender, instance, **kwargs):
    # Shown on the article's page and feed items, never on its card (shared/keys.py).
    content_changed(corrections_key(instance.article_id))


@receiver(post_save, sender=SlugRedirect, dispatch_uid="articles-slugredirect-save")
@receiver(post_delete, sender=SlugRedirect, dispatch_uid="articles-slugredirect-delete")
def on_article_detail_change(sender, instance, **kwargs):
    # Old addresses belong to one article's page.
    content_changed(article_key(instance.article_id))


@receiver(post_delete, sender=Image, dispatch_uid="articles-image-delete")
def on_image_deleted(sender, instance, **kwargs):
    content_changed(instance.cache_key, instance.file_key)
    delete_files(instance)


@receiver(post_delete, sender=Article, dispatch_uid="articles-article-delete")
def on_article_deleted(sender, instance, **kwargs):
    # A draft or a story in review was never on a public page (unpublishing one that was
    # named its pages when it happened): deleting it changes nothing a reader sees.
    if instance.status in (instance.Status.DRAFT, instance.Status.IN_REVIEW):
        return
    content_changed(instance.cache_key, HOME, category_key(instance.category_id), SCHEDULE)


def relation_changed(listing_key):
    """An article's tags or bylines changed: its page and the listings joined or left."""

    def on_relation_changed(sender, instance, action, pk_set=None, reverse=False, **kwargs):
        if action not in ("post_add", "post_remove", "post_clear") or reverse:
            return
        if instance.status != instance.Status.PUBLISHED:
            return
        content_changed(instance.cache_key, *(listing_key(pk) for pk in pk_set or ()))

    return on_relation_changed


on_tags_changed = receiver(
    m2m_changed, sender=Article.tags.through, dispatch_uid="articles-article-tags"
)(relation_changed(tag_key))
on_authors_changed = receiver(
    m2m_changed, sender=Article.authors.through, dispatch_uid="articles-bylines"
)(relation_changed(author_key))


@receiver(body_picture_changed, sender=Image, dispatch_uid="articles-body-pictures")
def on_body_picture_changed(sender, image_id, **kwargs):
    # A body embeds its pictures' addresses: the stories showing this one are rendered
    # again (with the copies sized for each screen, or without a picture now deleted).
    services.render_bodies_showing(image_id)
