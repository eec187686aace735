"""The editorial workflow: every change of an article's status, and who may make it.

Each transition is one keyword-only, atomic function that checks the rule, saves the
article (which keeps a revision), and logs who moved it and when. The article's save says
which cached pages it made stale (articles/public_keys.py); a change that is not a save of
the article row (a correction) says so here.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from shared.cache import content_changed
from shared.keys import corrections_key
from shared.prepared import PreparedQuery

from . import events
from .body import image_shortcode_regex, images_in_body, render_body
from .models import Article, ArticleTransition, Correction, Image, SiteIdentity, SlugRedirect
from .publish_checks import PUBLISH_CHECKS, blocking_findings

Status = Article.Status
WRITER_EDITABLE = {Status.DRAFT, Status.IN_REVIEW}
# Fields only an editor sets: the admin shows them read-only to writers, restore skips them.
EDITOR_ONLY_FIELDS = ("published_at", "is_featured", "feature_position")
# Asked by every autosave of a writer's (every 10 s an article is open): its SQL built once.
OWN_ARTICLE = PreparedQuery(
    lambda user_id, article_id: (
        Article.objects.own_to(user_id).filter(pk=article_id).order_by().values("pk")[:1]
    )
)


# Who may do what. The admin asks these too, so the rule lives here once.
def user_can_publish(user):
    return user.is_active and user.has_perm("articles.publish_article")


def user_can_take_down(user):
    return user.is_active and user.has_perm("articles.take_down_article")


def user_can_edit(user, article):
    """Editors edit anything; writers only their own drafts and articles in review."""
    if not (user.is_active and user.has_perm("articles.change_article")):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    if article.pk is None:
        return True
    is_own = bool(OWN_ARTICLE.rows(user.pk, article.pk))  # visible_to, for a writer
    return is_own and article.status in WRITER_EDITABLE


def user_can_change_image(user, image):
    """Editors change any picture; writers only their own uploads, and only until an
    approved article (or the site) shows them: a published picture is an editor's call."""
    if not (user.is_active and user.has_perm("articles.change_image")):
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    return image.uploaded_by_id == user.pk and not image_in_public_use(image)


def image_in_public_use(image):
    """Shown by an article an editor has approved (published, scheduled or archived) or
    by the site itself: from then on only editors change it (user_can_change_image)."""
    if SiteIdentity.objects.filter(Q(logo=image) | Q(default_social_image=image)).exists():
        return True
    return Article.objects.approved().using_image(image.pk).exists()


@transaction.atomic
def image_replace_file(*, image, upload=None, old_name=None):
    """Store `upload` (or the new file already set on `image`, whose old one was `old_name`)
    under a new name and delete the old file: renditions are cut again, and bodies that
    show it ([[image N]] embeds the file's address) are rendered again, without a
    revision, since their text did not change."""
    if upload is not None:
        old_name = image.file.name
        image.file.save(upload.name, upload, save=False)
    image.save()  # names the image's key: every page that shows the picture
    render_bodies_showing(image.pk)
    transaction.on_commit(lambda: default_storage.delete(old_name))
    return image


def render_bodies_showing(image_id):
    """Render again the stored bodies that embed library image `image_id` (a body holds
    its picture's addresses: a new file, its copies made, the picture deleted)."""
    rows = Article.objects.filter(body__iregex=image_shortcode_regex(image_id)).only("pk", "body")
    render_bodies_again(rows, lambda article: article.cache_key)


def render_bodies_again(rows, key_of):
    """Render again the stored bodies of `rows` (articles, live updates, static pages: a
    queryset of a model with `body` and `body_html`), without a revision: their text did
    not change. Written only where the text is still what was read: a row saved meanwhile
    was rendered by its own save, and must not get the rendering of the text it replaced.
    Names `key_of(row)` for each row changed."""
    model = rows.model
    changed = [
        row
        for row in rows
        if model.objects.filter(pk=row.pk, body=row.body).update(body_html=render_body(row.body))
    ]
    if changed:
        content_changed(*{key_of(row) for row in changed})


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


def _require_publishable(article):
    """The pre-publish checks that block, at the levels editors set (another app registers
    them, publish_checks.py); without any, pictures need their alt text. Republishing (a
    scheduled article sent out now) was checked when it was first published or scheduled."""
    if article.status == Status.PUBLISHED:
        return
    if PUBLISH_CHECKS:
        blocking = blocking_findings(article)
        if blocking:
            raise ValidationError([finding.message for finding in blocking])
        return
    missing = images_missing_alt_text(article)
    if missing:
        names = ", ".join(f"#{image.pk} ({image.file.name})" for image in missing)
        raise ValidationError(f"Add alt text to these images before publishing: {names}.")


def _announce(article, *, was_live):
    if article.is_published and not was_live:
        events.send_on_commit(events.article_published, article=article)
    elif was_live and not article.is_published:
        events.send_on_commit(events.article_unpublished, article=article)
    elif article.is_scheduled:
        events.announce_when_live(article)


def _transition(*, article, user, action, to_status, published_at=None, note=""):
    from_status = article.status
    was_live = article.is_published
    article.status = to_status
    if published_at is not None:
        article.published_at = published_at
    # simple-history's reason column holds 100 characters; the full note is on the transition.
    article._change_reason = f"{action}: {note}"[:100] if note else action
    article.save()
    ArticleTransition.objects.create(
        article=article,
        action=action,
        from_status=from_status,
        to_status=to_status,
        published_at=article.published_at,
        note=note,
        by=user,
    )
    _announce(article, was_live=was_live)
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
    _require_publishable(article)
    if published_at is None:
        now = timezone.now()
        # Republishing keeps the original date; a scheduled one goes out now.
        keep = article.published_at and article.published_at <= now
        published_at = article.published_at if keep else now
    action = "schedule" if published_at > timezone.now() else "publish"
    return _transition(
        article=article,
        user=user,
        action=action,
        to_status=Status.PUBLISHED,
        published_at=published_at,
    )


@transaction.atomic
def article_unpublish(*, article, user):
    """Take a published (or scheduled) article off the site, back to draft."""
    _require(user_can_publish(user), "Only editors may unpublish.")
    _require_status(article, {Status.PUBLISHED}, "unpublish")
    return _transition(article=article, user=user, action="unpublish", to_status=Status.DRAFT)


@transaction.atomic
def article_archive(*, article, user):
    """Stop promoting a published story: it stays readable at its address, marked as
    archived, and leaves listings, feeds and sitemaps. Removing it is article_take_down."""
    _require(user_can_publish(user), "Only editors may archive.")
    _require_status(article, {Status.PUBLISHED}, "archive")
    return _transition(article=article, user=user, action="archive", to_status=Status.ARCHIVED)


@transaction.atomic
def article_take_down(*, article, user, reason):
    """Remove an article for legal or privacy reasons: its address answers 410 Gone.

    The reason is kept with the transition and in the revision history.
    """
    _require(user_can_take_down(user), "Only editors may take articles down.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Say why the article is taken down; the reason is kept.")
    if article.status == Status.TAKEN_DOWN:
        raise ValidationError("This article is already taken down.")
    return _transition(
        article=article, user=user, action="take down", to_status=Status.TAKEN_DOWN, note=reason
    )


@transaction.atomic
def article_return_to_draft(*, article, user):
    """Send an article in review back to its writer, or bring an archived (or, for those
    who may take articles down, a taken-down) one back."""
    _require(user_can_edit(user, article), "You may not change this article.")
    allowed = {Status.IN_REVIEW}
    if user_can_publish(user):
        allowed.add(Status.ARCHIVED)
    if user_can_take_down(user):
        allowed.add(Status.TAKEN_DOWN)
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
    return article


def article_record_old_slug(*, article, old_slug):
    """Keep a published article's previous address answering, with a 301."""
    if not old_slug or old_slug == article.slug or article.published_at is None:
        return
    SlugRedirect.objects.filter(old_slug=article.slug).delete()
    SlugRedirect.objects.update_or_create(old_slug=old_slug, defaults={"article": article})


def article_redirect_for(slug):
    """The article readable at its address that used to live at `slug`, or None."""
    redirect = (
        SlugRedirect.objects.filter(
            old_slug=slug, article__in=Article.objects.readable_at_address()
        )
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
    # The workflow stays put, and so does live coverage (the live desk starts and ends it).
    kept = {
        "status",
        "published_at",
        "created_by",
        "created_at",
        "live_started_at",
        "live_ended_at",
    }
    if not user_can_publish(user):
        kept.update(EDITOR_ONLY_FIELDS)  # a writer cannot undo an editor's (un)featuring
    for field in Article.history.model.tracked_fields:
        if field.attname not in kept and field.name not in kept and field.name != "id":
            setattr(article, field.attname, getattr(record, field.attname))
    article._change_reason = f"Restored revision of {record.history_date:%Y-%m-%d %H:%M}"
    article.save()
    article_record_old_slug(article=article, old_slug=old_slug)
    if article.is_published:
        events.send_on_commit(events.article_updated, article=article)
    return article


@transaction.atomic
def correction_add(*, article, user, note, kind=Correction.Kind.CORRECTION):
    _require(user_can_publish(user), "Only editors may add corrections.")
    correction = Correction.objects.create(article=article, kind=kind, note=note, created_by=user)
    article_corrected(article=article)
    if article.is_published:
        events.send_on_commit(events.article_updated, article=article)
    return correction


def article_corrected(*, article):
    """A correction marks the article as updated: its page and feed items show that, its
    card does not, so every listing showing the card stays cached."""
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now())
    if article.is_readable_at_address:
        content_changed(corrections_key(article.pk))


def article_change_status(*, article, user, to_status, published_at=None):
    """Route a status picked in the admin form to the one service that owns that move."""
    from_status = article.status
    if to_status == from_status:
        # An edit, not a move: the revision records it; readers see it if it is live.
        if article.is_published:
            events.send_on_commit(events.article_updated, article=article)
        return article
    if to_status == Status.PUBLISHED:
        return article_publish(article=article, user=user, published_at=published_at)
    if to_status == Status.ARCHIVED:
        return article_archive(article=article, user=user)
    if to_status == Status.TAKEN_DOWN:
        raise ValidationError(
            "Take an article down with the “Take down” action, which asks for the reason."
        )
    if to_status == Status.IN_REVIEW and from_status == Status.DRAFT:
        return article_submit(article=article, user=user)
    if to_status == Status.DRAFT and from_status == Status.PUBLISHED:
        return article_unpublish(article=article, user=user)
    if to_status == Status.DRAFT:
        return article_return_to_draft(article=article, user=user)
    _require(user_can_publish(user), "Only editors may move this article.")
    with transaction.atomic():
        return _transition(article=article, user=user, action="review", to_status=to_status)


@transaction.atomic
def article_save(*, article, user, change, save_related, reason):
    """One save of an article from an editing form (the admin's, or the write API's, which
    uses the same form): the edit is saved in the article's current status, `save_related()`
    saves its tags, bylines and inlines, then the status picked in the form is reached
    through the service that owns that move. One revision per save: a save that also moves
    the article is recorded by the move. The article's own save names what readers' pages
    it changed (Article.save), so nothing here marks the cache.

    Returns the article as it was before (None for a new one) and the ValidationError of a
    refused move, or None. The edit itself is kept and recorded either way; the write API
    undoes it by raising, the admin keeps it and says why.
    """
    original = Article.objects.get(pk=article.pk) if change else None
    wanted_status, wanted_time = article.status, article.published_at
    if not change:
        article.created_by = user
    article.status = original.status if change else Status.DRAFT
    if wanted_status != article.status and original is not None:
        article.published_at = original.published_at
    article._change_reason = reason
    moving = wanted_status != article.status
    if moving:
        article.skip_history_when_saving = True  # simple-history skips while the attribute exists
    article.save()
    if moving:
        del article.skip_history_when_saving
    if original is not None:
        article_record_old_slug(article=article, old_slug=original.slug)
    save_related()
    try:
        with transaction.atomic():
            article_change_status(
                article=article, user=user, to_status=wanted_status, published_at=wanted_time
            )
    except ValidationError as refused:
        if moving:  # the edit itself still goes in the history
            Article.history.bulk_history_create(
                [article], update=change, default_user=user, default_change_reason=reason
            )
        return original, refused
    return original, None
