"""What the API sends and accepts, as typed schemas: they validate and make the OpenAPI."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

SLUG = r"^[-a-zA-Z0-9_]+$"


class Error(Schema):
    detail: str
    parameter: str | None = Field(None, description="The parameter or field at fault.")
    errors: dict[str, list[str]] | None = Field(None, description="Messages per field.")


class Rendition(Schema):
    format: Literal["webp", "jpeg"]
    width: int
    height: int
    url: str


class ImageOut(Schema):
    id: int
    url: str = Field(description="The original file.")
    width: int
    height: int
    alt_text: str
    caption: str
    credit: str
    renditions: list[Rendition] = Field(description="Cropped to 3:2, in several widths.")


class CategoryOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    url: str


class TagOut(Schema):
    id: int
    slug: str
    name: str
    url: str


class AuthorOut(Schema):
    id: int
    slug: str
    name: str
    bio: str
    url: str


class CorrectionOut(Schema):
    kind: Literal["correction", "update"]
    note: str
    created_at: datetime


class ArticleOut(Schema):
    id: int
    slug: str
    url: str = Field(description="The article's public page.")
    headline: str
    standfirst: str
    body_html: str = Field(description="Sanitised HTML, as the article page shows it.")
    published_at: datetime
    updated_at: datetime
    category: CategoryOut
    tags: list[TagOut]
    authors: list[AuthorOut]
    image: ImageOut | None
    corrections: list[CorrectionOut]


class Page(Schema):
    next: str | None = Field(description="The next page's address; null on the last page.")


class ArticlePage(Page):
    results: list[ArticleOut]


class CategoryPage(Page):
    results: list[CategoryOut]


class TagPage(Page):
    results: list[TagOut]


class AuthorPage(Page):
    results: list[AuthorOut]


class StaticPageOut(Schema):
    id: int
    slug: str
    url: str
    title: str
    body_html: str


class StaticPagePage(Page):
    results: list[StaticPageOut]


class ArticleFilters(Schema):
    category: str | None = Field(None, pattern=SLUG, max_length=80, description="A slug.")
    tag: str | None = Field(None, pattern=SLUG, max_length=100, description="A slug.")
    author: str | None = Field(None, pattern=SLUG, max_length=150, description="A slug.")
    updated_since: datetime | None = Field(
        None, description="ISO 8601; articles changed at or after it. Without an offset, UTC."
    )
    q: str | None = Field(
        None, max_length=500, description="Search words; ranked by relevance, not by date."
    )
    limit: int = Field(20, ge=1, le=100, description="Items per page.")
    cursor: str | None = Field(None, max_length=500, description="From a `next` link.")


class Paging(Schema):
    limit: int = Field(20, ge=1, le=100, description="Items per page.")
    cursor: str | None = Field(None, max_length=500, description="From a `next` link.")


# The write API, for staff tokens.
Status = Literal["draft", "review", "published", "archived"]


class ArticleIn(Schema):
    headline: str = Field(max_length=200)
    slug: str | None = Field(None, pattern=SLUG, max_length=200, description="From the headline.")
    standfirst: str = Field("", max_length=400)
    body: str = Field("", description="Markdown, as in the admin.")
    category: str = Field(pattern=SLUG, description="A category's slug.")
    tags: list[str] = Field([], description="Tag names.")
    authors: list[str] | None = Field(None, description="Authors' slugs; the token's account.")
    featured_image: int | None = Field(None, description="An image's id in the library.")
    status: Status = Field(
        "draft", description="`review` submits; `published` and `archived` need an editor."
    )
    published_at: datetime | None = Field(None, description="Editors only; future schedules.")
    comments_open: bool = True


class ArticlePatch(Schema):
    headline: str | None = Field(None, max_length=200)
    slug: str | None = Field(None, pattern=SLUG, max_length=200)
    standfirst: str | None = Field(None, max_length=400)
    body: str | None = None
    category: str | None = Field(None, pattern=SLUG)
    tags: list[str] | None = None
    authors: list[str] | None = None
    featured_image: int | None = None
    status: Status | None = None
    published_at: datetime | None = None
    comments_open: bool | None = None
    lock_version: int | None = Field(
        None, description="The version you read; a newer one on the server refuses with 409."
    )


class StaffArticleOut(Schema):
    id: int
    slug: str
    status: Literal["draft", "review", "published", "archived"]
    is_scheduled: bool
    lock_version: int
    headline: str
    standfirst: str
    body: str
    body_html: str
    category: str
    tags: list[str]
    authors: list[str]
    featured_image: int | None
    published_at: datetime | None
    updated_at: datetime
    comments_open: bool
    url: str | None = Field(description="The public page, once it is published.")
    admin_url: str
