"""Live coverage: starting and ending it, and posting, editing, pinning and deleting updates.

Each write is one keyword-only, atomic function that checks who may do it (so a forged
POST meets the same refusal as a hidden button), keeps a revision (simple-history), and
names what it made stale. An update names "live:<article id>" alone: the live page, its
poll answers and the cards showing its latest time; never the article's body or its
listings. Starting and ending coverage are saves of the article, which name the article's
own keys, plus "live:<article id>".

Who may do what, on the model permissions the Writer and Editor groups hold
(live/migrations/0002): a Writer posts to a live page whose bylines include them and edits
their own updates; an Editor (`live.edit_any_liveupdate`, `live.run_live_coverage`) also
edits anyone's, pins, deletes, and starts and ends coverage.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from articles.body import body_problems, image_shortcode_regex, normalize_source
from articles.models import Article
from articles.services import render_bodies_again
from shared.cache import content_changed
from shared.keys import live_key

from .models import LiveUpdate

# A live update is a few paragraphs; a longer text is an article of its own.
MAX_UPDATE_CHARS = 10_000
MAX_HEADLINE_CHARS = 200


# Who may do what. The desk asks these too, to decide which buttons to show.
def user_can_run_coverage(user):
    return user.is_active and user.has_perm("live.run_live_coverage")


def user_can_moderate(user):
    """Edit anyone's updates, pin and delete them."""
    return user.is_active and user.has_perm("live.edit_any_liveupdate")


def user_is_on_page(user, article):
    return article.authors.filter(pk=user.pk).exists()


def user_can_post(user, article):
    if not (user.is_active and user.has_perm("live.add_liveupdate")):
        return False
    return user_can_moderate(user) or user_is_on_page(user, article)


def user_can_edit_update(user, update):
    if not (user.is_active and user.has_perm("live.change_liveupdate")):
        return False
    return user_can_moderate(user) or update.author_id == user.pk


def _require(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


def update_problems(*, body, headline="", embed_url=""):
    """Why an update cannot be posted as typed, in words a journalist can act on."""
    body = normalize_source(body or "").strip()
    if not body:
        return {"body": ["Write the update's text: an update cannot be empty."]}
    if len(body) > MAX_UPDATE_CHARS:
        return {
            "body": [
                f"The update is {len(body):,} characters long; the limit is "
                f"{MAX_UPDATE_CHARS:,}. Post it as two updates, or as an article."
            ]
        }
    problems = {}
    if body_problems(body):
        problems["body"] = body_problems(body)
    if len(headline or "") > MAX_HEADLINE_CHARS:
        problems["headline"] = [f"Keep the headline under {MAX_HEADLINE_CHARS} characters."]
    if embed_url and not embed_url.startswith(("https://", "http://")):
        problems["embed_url"] = ["An embed is a web address starting with https://."]
    return problems


def _check(**fields):
    problems = update_problems(**fields)
    if problems:
        raise ValidationError(problems)


def _stream_changed(article):
    """Keep the article's latest update time (what cards show) without saving the article:
    no revision, no "article:<id>", so the article's body and listings stay cached."""
    latest = LiveUpdate.objects.visible().of(article).aggregate(latest=Max("published_at"))
    Article.objects.filter(pk=article.pk).update(live_updated_at=latest["latest"])
    article.live_updated_at = latest["latest"]
    content_changed(live_key(article.pk))


def _save(update, user, reason):
    update._history_user = user
    update._change_reason = reason
    update.save()


def _unpin_others(update, user):
    for other in LiveUpdate.objects.visible().of(update.article_id).filter(is_pinned=True):
        if other.pk != update.pk:
            other.is_pinned = False
            other.version += 1
            _save(other, user, "Unpinned")


@transaction.atomic
def start_coverage(*, article, user):
    """Make the article a live page (again, if its coverage had ended)."""
    _require(user_can_run_coverage(user), "Only editors may start live coverage.")
    if article.is_live:
        raise ValidationError("This article is already a live page.")
    if article.status in (Article.Status.ARCHIVED, Article.Status.TAKEN_DOWN):
        raise ValidationError("An archived or taken-down article cannot go live.")
    article.live_started_at = article.live_started_at or timezone.now()
    article.live_ended_at = None
    article._change_reason = "Live coverage started"
    article.save()
    content_changed(live_key(article.pk))
    return article


@transaction.atomic
def end_coverage(*, article, user):
    """Close the live page: it stays, with its updates, as an archive of the coverage."""
    _require(user_can_run_coverage(user), "Only editors may end live coverage.")
    if not article.is_live:
        raise ValidationError("This article is not running live coverage.")
    article.live_ended_at = timezone.now()
    article._change_reason = "Live coverage ended"
    article.save()
    content_changed(live_key(article.pk))
    return article


@transaction.atomic
def post_update(
    *,
    article,
    user,
    body,
    headline="",
    image=None,
    embed_url="",
    is_key_point=False,
    is_pinned=False,
):
    _require(user_can_post(user, article), "You may post only to live pages you are on.")
    if is_pinned:
        _require(user_can_moderate(user), "Only editors may pin updates.")
    if not article.is_live:
        raise ValidationError("This page is not live: start its coverage before posting.")
    _check(body=body, headline=headline, embed_url=embed_url)
    update = LiveUpdate(
        article=article,
        author=user,
        headline=headline.strip(),
        body=body.strip(),
        image=image,
        embed_url=embed_url,
        is_key_point=is_key_point,
        is_pinned=is_pinned,
        published_at=timezone.now(),
    )
    _save(update, user, "Posted")
    if is_pinned:
        _unpin_others(update, user)
    _stream_changed(article)
    return update


@transaction.atomic
def edit_update(
    *,
    update,
    user,
    body,
    headline="",
    image=None,
    embed_url="",
    is_key_point=False,
    is_correction=False,
):
    """Change an update's text, picture or embed; `is_correction` marks that the edit
    corrects a mistake (readers see "Corrected", and it stays so)."""
    _require(user_can_edit_update(user, update), "You may edit only your own updates.")
    if update.is_deleted:
        raise ValidationError("This update was deleted.")
    _check(body=body, headline=headline, embed_url=embed_url)
    update.body, update.headline = body.strip(), headline.strip()
    update.image, update.embed_url, update.is_key_point = image, embed_url, is_key_point
    update.is_correction = update.is_correction or is_correction
    update.edited_at = timezone.now()
    update.version += 1
    _save(update, user, "Corrected" if is_correction else "Edited")
    _stream_changed(update.article)
    return update


@transaction.atomic
def pin_update(*, update, user, pinned=True):
    """Pin an update above the stream (unpinning any other), or unpin it."""
    _require(user_can_moderate(user), "Only editors may pin updates.")
    if update.is_deleted:
        raise ValidationError("This update was deleted.")
    if update.is_pinned == pinned:
        return update
    update.is_pinned = pinned
    update.version += 1
    _save(update, user, "Pinned" if pinned else "Unpinned")
    if pinned:
        _unpin_others(update, user)
    _stream_changed(update.article)
    return update


@transaction.atomic
def delete_update(*, update, user):
    """Take an update off the page; its revisions stay, and readers' open pages drop it."""
    _require(user_can_moderate(user), "Only editors may delete updates.")
    if update.is_deleted:
        return update
    update.deleted_at = timezone.now()
    update.is_pinned = False
    update.version += 1
    _save(update, user, "Deleted")
    _stream_changed(update.article)
    return update


def render_updates_showing(image_id):
    """Render again the stored updates that embed library image `image_id`, as articles'
    bodies are (articles.services.render_bodies_again). Names the live pages changed."""
    rows = LiveUpdate.objects.filter(body__iregex=image_shortcode_regex(image_id))
    render_bodies_again(rows.only("pk", "body", "article"), lambda row: live_key(row.article_id))
