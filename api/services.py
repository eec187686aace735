"""Filing and editing articles for the write API with the admin's own form and services.

The admin's article form for the token's account (built in api/forms.py: its fields,
choices and read-only fields for that role, its body clean-up and version check)
validates the input, and the save is the admin's own service
(articles.services.article_save): the article is saved in its current status, then moved
by the service that owns the move. So the workflow rules, revisions, sanitiser and
invalidation are exactly the admin's. Unlike the admin, a refused move undoes the whole
request: an API client gets all of it or none.
"""

from datetime import UTC

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from taggit.utils import edit_string_for_tags

from accounts.models import User
from articles import services as workflow
from articles.admin.save_hooks import held_by_other
from articles.models import Article, Category

from .errors import BadParameter, Held, Rejected
from .forms import article_form_class

Status = Article.Status
EDITORS_MOVES = {Status.PUBLISHED, Status.ARCHIVED}


def articles_visible_to(user):
    """What the account's admin change list holds: everything for editors, their own for
    writers."""
    return (
        Article.objects.visible_to(user)
        .select_related("category")
        .prefetch_related("tags", "authors")
    )


@transaction.atomic
def article_create(*, user, fields):
    if not (user.is_active and user.has_perm("articles.add_article")):
        raise PermissionDenied("Your account may not add articles.")
    # No slug sent: the form makes one from the headline that no story has or had, as the
    # admin does (articles.forms.free_slug); one sent and taken is refused.
    fields.setdefault("authors", [user.slug])
    return _save(user=user, article=None, fields=fields)


@transaction.atomic
def article_update(*, user, article, fields):
    if not workflow.user_can_edit(user, article):
        raise PermissionDenied("Your account may not change this article.")
    # The admin refuses a save by anyone but the holder of the soft lock; so does the API,
    # which has no form to keep the text in nor a person to merge with (docs/api.md).
    held = held_by_other(article, user)
    if held is not None:
        raise Held(article.pk, *held)
    return _save(user=user, article=article, fields=fields)


def _save(*, user, article, fields):
    # The admin form would only call these "not a valid choice"; the API says who may.
    if not workflow.user_can_publish(user) and (
        fields.get("status") in EDITORS_MOVES or fields.get("published_at") is not None
    ):
        raise PermissionDenied("Only editors may publish, schedule or archive.")
    form_class = article_form_class(user)
    form = form_class(data=_form_data(article, fields), instance=article or Article())
    if not form.is_valid():
        errors = {("article" if k == "__all__" else k): list(v) for k, v in form.errors.items()}
        if form.has_error("edit_version", "conflict"):
            raise Rejected(409, "Someone saved a newer version; read it and try again.", errors)
        field, messages = next(iter(errors.items()))
        raise Rejected(400, f"Not saved: {messages[0]}", errors, parameter=field)
    return _save_like_the_admin(user=user, form=form, change=article is not None)


def _save_like_the_admin(*, user, form, change):
    article = form.save(commit=False)
    _, refused = workflow.article_save(
        article=article,
        user=user,
        change=change,
        save_related=form.save_m2m,
        reason="Edited through the API" if change else "Created through the API",
    )
    if refused is not None:
        raise refused
    return (
        Article.objects.select_related("category")
        .prefetch_related("tags", "authors")
        .get(pk=article.pk)
    )


def _form_data(article, fields):
    """What the admin form would post: the article as it is, with the sent fields over it."""
    current = article or Article()
    data = {
        "headline": current.headline,
        "slug": current.slug,
        "standfirst": current.standfirst,
        "body": current.body,
        "category": current.category_id or "",
        "tags": edit_string_for_tags(current.tags.all()) if article else "",
        "authors": list(current.authors.values_list("pk", flat=True)) if article else [],
        "featured_image": current.featured_image_id or "",
        "status": current.status,
        "is_featured": current.is_featured,
        "feature_position": current.feature_position,
        "comments_open": current.comments_open,
        "seo_title": current.seo_title,
        "seo_description": current.seo_description,
        "social_image": current.social_image_id or "",
        "edit_version": current.lock_version,
        **_split_time(current.published_at),
    }
    for name, value in fields.items():
        data.update(_posted(name, value))
    return data


def _posted(name, value):
    if name == "category":
        found = Category.objects.filter(slug=value).values_list("pk", flat=True).first()
        if found is None:
            raise BadParameter("category", f"No category has the slug “{value}”.")
        return {"category": found}
    if name == "authors":
        found = dict(User.objects.filter(slug__in=value).values_list("slug", "pk"))
        missing = [slug for slug in value if slug not in found]
        if missing:
            raise BadParameter("authors", f"No author has the slug “{missing[0]}”.")
        return {"authors": [found[slug] for slug in value]}
    if name == "tags":
        return {"tags": edit_string_for_tags([Tagged(name) for name in value])}
    if name == "published_at":
        return _split_time(value)
    if name == "lock_version":
        return {"edit_version": value}
    if name == "featured_image":
        return {"featured_image": value or ""}
    return {name: value}


class Tagged:
    """A tag name as taggit's edit_string_for_tags reads it (it quotes commas and spaces)."""

    def __init__(self, name):
        self.name = name


def _split_time(moment):
    # The admin's date and time boxes, in the newsroom's time zone as an editor types them.
    if moment is None:
        return {"published_at_0": "", "published_at_1": ""}
    local = timezone.localtime(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    return {
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S.%f"),
    }
