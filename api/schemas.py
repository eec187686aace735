"""What the API sends and accepts, as typed schemas: they validate and make the OpenAPI."""

from datetime import UTC, datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator

from articles.models import Article

SLUG = r"^[-a-zA-Z0-9_]+$"


def in_utc(moment):
    """A time in UTC (UTC if it names no offset). PostgreSQL keeps offsets only up to ±15:59,
    so any offset is converted here, not sent to SQL; a year at either end of the calendar
    could not be converted to the newsroom's time zone (or to UTC) at all."""
    try:
        moment = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    except OverflowError:
        moment = None
    if moment is None or not 2 <= moment.year <= 9998:
        raise ValueError("Out of range: a time between the years 2 and 9998.")
    return moment


Moment = Annotated[datetime, AfterValidator(in_utc)]
# Ids as the database keeps them: a larger number is refused as input, not sent to SQL.
ID = {"ge": 1, "le": 2**31 - 1}


class Error(Schema):
    detail: str
    parameter: str | None = Field(None, description="The parameter or field at fault.")
    errors: dict[str, list[str]] | None = Field(None, description="Messages per field.")


class HeldError(Error):
    holder: str = Field(description="Who holds the article in the admin.")
    since: datetime = Field(description="Since when they hold it.")
    admin_url: str = Field(description="The article in the admin, where one may take over.")


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
    updated_since: Moment | None = Field(
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


# The write API, for staff tokens. Every status an article can be in is one it can be read
# in (from the model's choices, so a new status cannot make a read fail); a take-down is
# the admin's own flow, never an API write.
AnyStatus = Literal[tuple(Article.Status.values)]
Status = Literal[tuple(s for s in Article.Status.values if s != Article.Status.TAKEN_DOWN)]
TagName = Annotated[str, Field(min_length=1, max_length=100, pattern=r'^[^",]*\S[^",]*$')]
AuthorSlug = Annotated[str, Field(pattern=SLUG, max_length=150)]
# null means "unchanged" (PATCH) or "the default" (POST) for every field but these two,
# where it clears the value.
CLEARABLE = {"featured_image", "published_at"}


class WriteSchema(Schema):
    def fields(self):
        """The fields sent, without the nulls that mean "unchanged" or "the default"."""
        sent = self.dict(exclude_unset=True)
        return {k: v for k, v in sent.items() if v is not None or k in CLEARABLE}


class ArticleIn(WriteSchema):
    headline: str = Field(max_length=200)
    slug: str | None = Field(
        None,
        pattern=SLUG,
        max_length=200,
        description="Made from the headline when not given, never an address taken or once used.",
    )
    standfirst: str | None = Field("", max_length=400)
    body: str | None = Field("", description="Markdown, as in the admin.")
    category: str = Field(pattern=SLUG, max_length=80, description="A category's slug.")
    tags: list[TagName] | None = Field([], max_length=50, description="Tag names.")
    authors: list[AuthorSlug] | None = Field(
        None, max_length=20, description="Authors' slugs; null or absent: the token's account."
    )
    featured_image: int | None = Field(None, **ID, description="An image's id in the library.")
    status: Status | None = Field(
        "draft", description="`review` submits; `published` and `archived` need an editor."
    )
    published_at: Moment | None = Field(None, description="Editors only; future schedules.")
    comments_open: bool | None = True


class ArticlePatch(WriteSchema):
    """Only the fields sent change; null leaves a field as it is, except `featured_image`
    and `published_at`, which it clears."""

    headline: str | None = Field(None, max_length=200)
    slug: str | None = Field(None, pattern=SLUG, max_length=200)
    standfirst: str | None = Field(None, max_length=400)
    body: str | None = None
    category: str | None = Field(None, pattern=SLUG, max_length=80)
    tags: list[TagName] | None = Field(None, max_length=50)
    authors: list[AuthorSlug] | None = Field(None, max_length=20)
    featured_image: int | None = Field(None, **ID, description="null removes the image.")
    status: Status | None = None
    published_at: Moment | None = Field(None, description="Editors only; null clears it.")
    comments_open: bool | None = None
    lock_version: int | None = Field(
        None,
        ge=0,
        le=2**31 - 1,
        description="The version you read; a newer one on the server refuses with 409.",
    )


class StaffArticleOut(Schema):
    id: int
    slug: str
    status: AnyStatus
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
