"""The editorial workflow: every change of an article's status, and who may make it.

Each transition is one keyword-only, atomic function that checks the rule, saves the
article (which keeps a revision), logs who moved it and when, and bumps the public
content version when what readers see may have changed.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from newsroom.cache import content_changed

from .body import images_in_body
from .models import Article, ArticleTransition, Correction, Image, SlugRedirect

Status = Article.Status
WRITER_EDITABLE = {Status.DRAFT, Status.IN_REVIEW}
# Fields only an editor sets: the admin shows them read-only to writers, restore skips them.
EDITOR_ONLY_FIELDS = ("published_at", "is_featured", "feature_position")


# Who may do what. The admin asks these too, so the rule lives here once.
def user_can_publish(user):
    return user.is_active and user.has_perm("articles.publish_article")


def user_can_edit(user, article):
    """Editors edit anything; writers only their own drafts and articles in review."""
    if not (user.is_active and user.has_perm("articles.change_article")):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    if article.pk is None:
        return True
    is_own = article.created_by_id == user.pk or article.authors.filter(pk=user.pk).exists()
    return is_own and article.status in WRITER_EDITABLE


def article_reviewers():
    """The active staff who may publish: whoever looks at the review queue."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    codename = "publish_article"
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(groups__permissions__codename=codename) | Q(user_permissions__codename=codename))
        .distinct()
        .order_by("display_name", "username")
    )


def _require(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


def _require_status(article, allowed, action):
    if article.status not in allowed:
        raise ValidationError(
            f"Cannot {action} an article that is {article.get_status_display().lower()}."
        )


def images_missing_alt_text(article):
    """Library images the article uses that still have no alt text."""
    numbers = images_in_body(article.body)
    if article.featured_image_id:
        numbers.add(article.featured_image_id)
    return list(Image.objects.filter(pk__in=numbers, alt_text="").order_by("pk"))


def _transition(*, article, user, action, to_status, published_at=None, note=""):
    from_status = article.status
    article.status = to_status
    if published_at is not None:
        article.published_at = published_at
    article._change_reason = action
    article.save()
    ArticleTransition.objects.create(
        article=article,
        action=action,
        from_status=from_status,
        to_status=to_status,
        published_at=article.published_at,
        by=user,
        note=note,
    )
    # Published → anything, or anything → published, changes public pages.
    if Status.PUBLISHED in {from_status, to_status}:
        content_changed()
    return article


@transaction.atomic
def article_submit(*, article, user):
    """A writer hands a draft to the editors."""
    _require(user_can_edit(user, article), "You may not submit this article.")
    _require_status(article, {Status.DRAFT}, "submit")
    return _transition(article=article, user=user, action="submit", to_status=Status.IN_REVIEW)


@transaction.atomic
def article_publish(*, article, user, published_at=None):
    """Publish now, or at `published_at` (a future time schedules it)."""
    _require(user_can_publish(user), "Only editors may publish.")
    _require_status(article, {Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED}, "publish")
    missing = images_missing_alt_text(article)
    if missing:
        names = ", ".join(f"#{image.pk} ({image.file.name})" for image in missing)
        raise ValidationError(f"Add alt text to these images before publishing: {names}.")
    if published_at is None:
        now = timezone.now()
        # Republishing keeps the original date; a scheduled one goes out now.
        keep = article.published_at and article.published_at <= now
        published_at = article.published_at if keep else now
    action = "schedule" if published_at > timezone.now() else "publish"
    return _transition(
        article=article, user=user, action=action, to_status=Status.PUBLISHED,
        published_at=published_at,
    )  # fmt: skip


def article_schedule(*, article, user, published_at):
    if published_at is None or published_at <= timezone.now():
        raise ValidationError("A scheduled time must be in the future.")
    return article_publish(article=article, user=user, published_at=published_at)


@transaction.atomic
def article_unpublish(*, article, user):
    """Take a published (or scheduled) article off the site, back to draft."""
    _require(user_can_publish(user), "Only editors may unpublish.")
    _require_status(article, {Status.PUBLISHED}, "unpublish")
    return _transition(article=article, user=user, action="unpublish", to_status=Status.DRAFT)


@transaction.atomic
def article_archive(*, article, user):
    _require(user_can_publish(user), "Only editors may archive.")
    _require_status(article, {Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED}, "archive")
    return _transition(article=article, user=user, action="archive", to_status=Status.ARCHIVED)


@transaction.atomic
def article_return_to_draft(*, article, user):
    """Send an article in review back to its writer, or bring an archived one back."""
    _require(user_can_edit(user, article), "You may not change this article.")
    allowed = {Status.IN_REVIEW, Status.ARCHIVED} if user_can_publish(user) else {Status.IN_REVIEW}
    _require_status(article, allowed, "return to draft")
    return _transition(article=article, user=user, action="return", to_status=Status.DRAFT)


MAX_NOTE_CHARS = 2000


@transaction.atomic
def article_send_back(*, article, user, note):
    """An editor returns an article in review to its writer, saying what it needs."""
    _require(user_can_publish(user), "Only editors may send articles back.")
    _require_status(article, {Status.IN_REVIEW}, "send back")
    note = (note or "").strip()
    if not note:
        raise ValidationError("Say what the article needs: the writer sees this note.")
    if len(note) > MAX_NOTE_CHARS:
        raise ValidationError(f"Keep the note under {MAX_NOTE_CHARS:,} characters.")
    return _transition(
        article=article, user=user, action="send back", to_status=Status.DRAFT, note=note
    )


@transaction.atomic
def article_set_featured(*, article, user, is_featured, position=None):
    _require(user_can_publish(user), "Only editors may feature articles.")
    article.is_featured = is_featured
    if position is not None:
        article.feature_position = position
    article.save()
    if article.is_published:
        content_changed()
    return article


def article_record_old_slug(*, article, old_slug):
    """Keep a published article's previous address answering, with a 301."""
    if not old_slug or old_slug == article.slug or article.published_at is None:
        return
    SlugRedirect.objects.filter(old_slug=article.slug).delete()
    SlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"article": article})


def article_redirect_for(slug):
    """The published article that used to live at `slug`, or None."""
    redirect = (
        SlugRedirect.objects.filter(old_slug=slug, article__in=Article.objects.published())
        .select_related("article")
        .first()
    )
    return redirect.article if redirect else None


@transaction.atomic
def article_restore(*, article, user, history_id):
    """Bring back the fields of an earlier revision; the restore is itself a revision."""
    _require(user_can_edit(user, article), "You may not change this article.")
    record = article.history.get(history_id=history_id)
    old_slug = article.slug
    kept = {"status", "published_at", "created_by", "created_at"}  # workflow stays put
    if not user_can_publish(user):
        kept.update(EDITOR_ONLY_FIELDS)  # a writer cannot undo an editor's (un)featuring
    for field in Article.history.model.tracked_fields:
        if field.attname not in kept and field.name not in kept and field.name != "id":
            setattr(article, field.attname, getattr(record, field.attname))
    article._change_reason = f"Restored revision of {record.history_date:%Y-%m-%d %H:%M}"
    article.save()
    article_record_old_slug(article=article, old_slug=old_slug)
    if article.is_published:
        content_changed()
    return article


@transaction.atomic
def correction_add(*, article, user, note, kind=Correction.Kind.CORRECTION):
    _require(user_can_publish(user), "Only editors may add corrections.")
    correction = Correction.objects.create(article=article, kind=kind, note=note, created_by=user)
    article_corrected(article=article)
    return correction


def article_corrected(*, article):
    """A correction marks the article as updated."""
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now())
    if article.is_published:
        content_changed()


def article_change_status(*, article, user, to_status, published_at=None):
    """Route a status picked in the admin form to the one service that owns that move."""
    from_status = article.status
    if to_status == from_status:
        return article  # an edit, not a move: the revision records it
    if to_status == Status.PUBLISHED:
        return article_publish(article=article, user=user, published_at=published_at)
    if to_status == Status.ARCHIVED:
        return article_archive(article=article, user=user)
    if to_status == Status.IN_REVIEW and from_status == Status.DRAFT:
        return article_submit(article=article, user=user)
    if to_status == Status.DRAFT and from_status == Status.PUBLISHED:
        return article_unpublish(article=article, user=user)
    if to_status == Status.DRAFT:
        return article_return_to_draft(article=article, user=user)
    _require(user_can_publish(user), "Only editors may move this article.")
    with transaction.atomic():
        return _transition(article=article, user=user, action="review", to_status=to_status)
