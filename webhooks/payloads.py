"""What a delivery says about an article or a comment: public facts only."""

from django.conf import settings


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def _time(value):
    return value.isoformat() if value else None


def article_data(article):
    category = article.category
    return {
        "article": {
            "id": article.pk,
            "slug": article.slug,
            "url": absolute(article.get_absolute_url()),
            "headline": article.headline,
            "standfirst": article.standfirst,
            "published_at": _time(article.published_at),
            "updated_at": _time(article.updated_at),
            "category": {"id": category.pk, "slug": category.slug, "name": category.name}
            if category
            else None,
        }
    }


def unpublished_article_data(article):
    # Once it is off the site, only what identifies it: nothing of a draft leaks out.
    return {"article": {"id": article.pk, "slug": article.slug}}


def comment_data(comment):
    return {
        "comment": {
            "id": comment.pk,
            "url": absolute(comment.get_absolute_url()),
            "author_name": comment.author_name,
            "body": comment.body,
            "created_at": _time(comment.created_at),
            "article": {"id": comment.article_id, "slug": comment.article.slug},
        }
    }


def page_data(page):
    return {"page": {"id": page.pk, "url": absolute(page.get_absolute_url())}}
