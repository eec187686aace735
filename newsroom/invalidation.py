"""Receivers for the public data only the admin edits, and for deletions.

Articles and comments say what their own saves changed (their models' save(), which every
write path goes through: services, admin, API, a shell session). What remains is edited in
the admin alone (categories, tags, corrections, old addresses, site identity, a writer's
profile) or changes through a relation (an article's tags and bylines), or is deleted, which
no save sees: these receivers name the keys (shared/cache.py) for those writes. They also
mark a reader's own key when what is kept for that reader alone changes: their account, their
flags, a ban.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from shared.cache import content_changed
from shared.keys import (
    HOME,
    NAV,
    SCHEDULE,
    SITE,
    article_key,
    author_key,
    category_key,
    reader_key,
    tag_key,
)

# The saves Django makes on its own at log-in change nothing a reader sees.
BOOKKEEPING_FIELDS = {"last_login", "password"}


def model(label):
    try:
        return apps.get_model(label)
    except LookupError:  # an app not installed
        return None


def on_category_change(sender, **kwargs):
    # Every page shows the category bar, and every card its category's name.
    content_changed(NAV)


def on_tag_saved(sender, created=False, **kwargs):
    # A new tag is on no public article yet: putting it on one names that article and the
    # tag's page (relation_changed below). A renamed tag shows on every article carrying
    # it: rare enough to refresh everything.
    if not created:
        content_changed(SITE)


def on_tag_deleted(sender, **kwargs):
    content_changed(SITE)


def on_article_detail_change(sender, instance, **kwargs):
    # Corrections and old addresses belong to one article's page.
    content_changed(article_key(instance.article_id))


def on_image_deleted(sender, instance, **kwargs):
    content_changed(instance.cache_key)


def on_article_deleted(sender, instance, **kwargs):
    # A draft or a story in review was never on a public page (unpublishing one that was
    # named its pages when it happened): deleting it changes nothing a reader sees.
    if instance.status in (instance.Status.DRAFT, instance.Status.IN_REVIEW):
        return
    content_changed(instance.cache_key, HOME, category_key(instance.category_id), SCHEDULE)


def on_comment_deleted(sender, instance, **kwargs):
    content_changed(instance.comments_key)


def relation_changed(listing_key):
    """An article's tags or bylines changed: its page and the listings joined or left."""

    def receiver(sender, instance, action, pk_set=None, reverse=False, **kwargs):
        if action not in ("post_add", "post_remove", "post_clear") or reverse:
            return
        if instance.status != instance.Status.PUBLISHED:
            return
        content_changed(instance.cache_key, *(listing_key(pk) for pk in pk_set or ()))

    return receiver


on_tags_changed = relation_changed(tag_key)
on_authors_changed = relation_changed(author_key)


def on_user_saved(sender, instance, created, update_fields=None, **kwargs):
    # The account kept for its sessions (accounts/backends.py), whatever changed.
    content_changed(reader_key(instance.pk))
    # Bylines and author pages show names and bios; other accounts appear nowhere public.
    if created or (update_fields and set(update_fields) <= BOOKKEEPING_FIELDS):
        return
    if instance.articles.exists():
        content_changed(SITE)


def on_reader_state_change(sender, instance, **kwargs):
    """An account deleted, a flag or a ban: only that reader's own kept state is stale."""
    content_changed(reader_key(getattr(instance, "user_id", instance.pk)))


def connect():
    receivers = [
        ("articles.Category", on_category_change, on_category_change),
        ("taggit.Tag", on_tag_saved, on_tag_deleted),
        ("articles.Correction", on_article_detail_change, on_article_detail_change),
        ("articles.SlugRedirect", on_article_detail_change, on_article_detail_change),
        ("articles.Image", None, on_image_deleted),
        ("articles.Article", None, on_article_deleted),
        ("comments.Comment", None, on_comment_deleted),
    ]
    for label, on_save, on_delete in receivers:
        sender = model(label)
        if sender is None:
            continue
        uid = f"newsroom-invalidation-{label.lower()}"
        if on_save:
            post_save.connect(on_save, sender=sender, dispatch_uid=f"{uid}-save")
        post_delete.connect(on_delete, sender=sender, dispatch_uid=f"{uid}-delete")
    article = apps.get_model("articles", "Article")
    m2m_changed.connect(
        on_tags_changed, sender=article.tags.through, dispatch_uid="newsroom-article-tags"
    )
    m2m_changed.connect(
        on_authors_changed, sender=article.authors.through, dispatch_uid="newsroom-bylines"
    )
    user = get_user_model()
    post_save.connect(on_user_saved, sender=user, dispatch_uid="newsroom-user")
    post_delete.connect(on_reader_state_change, sender=user, dispatch_uid="newsroom-user-deleted")
    for label in ("comments.CommentFlag", "comments.CommentBan"):
        sender = model(label)
        if sender is None:
            continue
        uid = f"newsroom-reader-{label.lower()}"
        post_save.connect(on_reader_state_change, sender=sender, dispatch_uid=f"{uid}-save")
        post_delete.connect(on_reader_state_change, sender=sender, dispatch_uid=f"{uid}-delete")
