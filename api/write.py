"""The write API: staff tokens file and edit articles with their account's own rights."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Path, Router, Status
from ninja.security import HttpBearer

from shared import site_address

from . import services
from .credentials import staff_token_for
from .representations import absolute_html
from .schemas import ArticleIn, ArticlePatch, Error, HeldError, StaffArticleOut


class StaffTokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = getattr(request, "api_staff_token", None) or staff_token_for(token)
        if found is None:
            return None
        # The services, the admin form and the revision history all read request.user.
        request.user = found.user
        return found.user


# An id past the database's integers is no article's: refused before any query.
ARTICLE_ID = Path(..., ge=1, le=2**31 - 1)
router = Router(auth=StaffTokenAuth(), tags=["write (staff tokens)"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error}


def staff_view(request, article):
    page = site_address.absolute_url(article.get_absolute_url())
    return {
        "id": article.pk,
        "slug": article.slug,
        "status": article.status,
        "is_scheduled": article.is_scheduled,
        "lock_version": article.lock_version,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "body": article.body,
        "body_html": absolute_html(article.body_html, page),
        "category": article.category.slug,
        "tags": sorted(tag.name for tag in article.tags.all()),
        "authors": [person.slug for person in article.authors.all()],
        "featured_image": article.featured_image_id,
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "comments_open": article.comments_open,
        "url": page if article.is_published else None,
        "admin_url": site_address.absolute_url(
            reverse("admin:articles_article_change", args=[article.pk])
        ),
    }


def visible_article(user, pk):
    return get_object_or_404(services.articles_visible_to(user), pk=pk)


@router.post("articles/", response={201: StaffArticleOut, **ERRORS}, summary="File an article")
def article_create(request, payload: ArticleIn):
    """A new article as the token's account: drafts and reviews for writers, and
    publishing or scheduling (`published_at` in the future) for editors."""
    article = services.article_create(user=request.user, fields=payload.fields())
    return Status(201, staff_view(request, article))


@router.get(
    "articles/{int:pk}/",
    response={200: StaffArticleOut, **ERRORS},
    summary="One article, any status",
)
def article_read(request, pk: int = ARTICLE_ID):
    """An article the token's account can see in the admin, in any status."""
    return staff_view(request, visible_article(request.user, pk))


@router.patch(
    "articles/{int:pk}/",
    response={200: StaffArticleOut, **ERRORS, 423: HeldError},
    summary="Edit",
)
def article_update(request, payload: ArticlePatch, pk: int = ARTICLE_ID):
    """Change the fields sent, and the status if `status` is sent, as the admin would.
    While someone else has the article open for editing in the admin (they hold it),
    nothing is saved: 423 names the `holder` and `since` when; send it again once they
    have saved and left (a hold lapses a minute after their page closes), or take over
    at `admin_url`."""
    article = services.article_update(
        user=request.user,
        article=visible_article(request.user, pk),
        fields=payload.fields(),
    )
    return staff_view(request, article)
