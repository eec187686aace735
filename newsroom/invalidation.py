"""Any saved change to what the public sees moves the content version.

The write paths (articles.services, comments.services) call content_changed() themselves;
these receivers are the safety net for the writes that go around them: the admin's own
saves, inline edits, tag edits, `manage.py shell`. Cache invalidation is a cross-cutting
concern that must not depend on every writer remembering it, which is why a signal is
right here while the main workflow stays in explicit services. A spare bump costs one
cache increment and a colder cache, never a stale page.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from .cache import content_changed

# The saves Django makes on its own at log-in change nothing a reader sees.
BOOKKEEPING_FIELDS = {"last_login", "password"}
# Filled in right after a comment is first saved; says nothing new to a reader.
COMMENT_BOOKKEEPING_FIELDS = {"root"}


def public_models():
    """The models whose rows appear on public pages, comments when that app has them.

    Read counts are left out on purpose: they change every minute, and Trending may lag by
    PAGE_CACHE_TIMEOUT rather than empty the cache each time they are flushed.
    """
    names = [
        ("articles", "Article"),
        ("articles", "Category"),
        ("articles", "Image"),
        ("articles", "Correction"),
        ("articles", "SlugRedirect"),
        ("articles", "SiteIdentity"),
        ("taggit", "Tag"),
        ("taggit", "TaggedItem"),
        ("comments", "Comment"),
    ]
    found = []
    for app_label, model_name in names:
        try:
            found.append(apps.get_model(app_label, model_name))
        except LookupError:  # an app not installed, or a model it does not define yet
            continue
    return found


def on_public_change(sender, **kwargs):
    content_changed()


def on_comment_saved(sender, instance, created, update_fields=None, **kwargs):
    # A new comment held for review (or caught as spam) shows nowhere yet: a flood of them
    # must not keep emptying the cache. Any later change may be a visible one.
    if created and instance.status != instance.Status.APPROVED:
        return
    if update_fields is not None and set(update_fields) <= COMMENT_BOOKKEEPING_FIELDS:
        return
    content_changed()


def on_m2m_change(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        content_changed()


def on_user_saved(sender, instance, created, update_fields=None, **kwargs):
    # Bylines and author pages show names and bios; other accounts appear nowhere public.
    if created or (update_fields and set(update_fields) <= BOOKKEEPING_FIELDS):
        return
    if instance.articles.exists():
        content_changed()


def connect():
    for model in public_models():
        uid = f"newsroom-invalidation-{model._meta.label_lower}"
        on_save = on_comment_saved if model._meta.label == "comments.Comment" else on_public_change
        post_save.connect(on_save, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(on_public_change, sender=model, dispatch_uid=f"{uid}-delete")
    article = apps.get_model("articles", "Article")
    for field in article._meta.many_to_many:
        through = getattr(field.remote_field, "through", None)
        if through is not None:
            m2m_changed.connect(
                on_m2m_change, sender=through, dispatch_uid=f"newsroom-m2m-{field.name}"
            )
    post_save.connect(on_user_saved, sender=get_user_model(), dispatch_uid="newsroom-user")
