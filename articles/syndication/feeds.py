"""RSS 2.0 and Atom feeds: the whole site, and each category, tag and author.

Every feed lists Article.objects.published() newest first, costs a fixed number of queries,
and answers a conditional GET with 304 when nothing it shows has changed.
"""

import hashlib
import mimetypes

from django.contrib.syndication.views import Feed
from django.db.models import Count, Max, Subquery
from django.db.models.functions import Greatest
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition
from taggit.models import Tag

from accounts.models import User
from shared import site_address
from shared.cache import content_version, depends_on
from shared.keys import HOME, author_key, category_key, tag_key

from ..models import Article, ArticleQuerySet, Category, SiteIdentity
from . import conf


class ArticleFeed(Feed):
    """The site-wide feed; the scoped feeds below narrow `articles()` to one section."""

    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        self.identity = SiteIdentity.current()
        self.language = self.identity.language  # Feed reads a plain attribute, not a method
        self.host = site_address.domain()
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return None

    def articles(self, obj):
        return Article.objects.published()

    def listing_key(self, obj):
        """The key (shared/keys.py) of the listing this feed follows."""
        return HOME

    def items(self, obj):
        found = list(
            self.articles(obj)
            .for_listing()
            .prefetch_related("tags")
            .latest_first()[: conf.FEED_ITEMS]
        )
        # An item shows its story's text and update time, a correction's too (`text_keys`),
        # and its picture's file as the enclosure (not the picture's alt text or caption);
        # never a live page's updates.
        shown = [key for a in found for key in a.text_keys]
        shown += [a.featured_image.file_key for a in found if a.featured_image]
        depends_on(None, self.listing_key(obj), *shown)
        return found

    def title(self, obj):
        return self.identity.name

    def description(self, obj):
        return self.identity.tagline or f"The latest from {self.identity.name}."

    def link(self, obj):
        return "/"

    def feed_copyright(self, obj):
        return f"© {self.identity.name}"

    def item_title(self, item):
        return item.headline  # the feed generator escapes it once, as XML needs

    def item_description(self, item):
        # RSS descriptions and Atom summaries are HTML to a feed reader; the standfirst is
        # plain text, so it is escaped, never passed through as markup.
        return escape(item.standfirst)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        # The primary key, not the address: a renamed slug must not make a reader's feed
        # show the story twice.
        return f"tag:{self.host},2025:article:{item.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, item):
        names = [author.public_name for author in item.byline]
        if len(names) > 1:
            return ", ".join(names[:-1]) + " and " + names[-1]
        return names[0] if names else None

    def item_categories(self, item):
        return [item.category.name, *(tag.name for tag in item.tags.all())]

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        # A scheduled story was last saved before it went out: it changed when it appeared.
        return max(item.updated_at, item.published_at)

    def item_enclosures(self, item):
        image = item.featured_image
        if image is None or not image.file:
            return []
        mime_type = mimetypes.guess_type(image.file.name)[0] or "image/jpeg"
        return [Enclosure(self.absolute(image.file.url), str(file_size(image)), mime_type)]

    def absolute(self, url):
        return site_address.absolute_url(url)

    def get_feed(self, obj, request):
        # Django builds the feed's and items' links from the request's host.
        return super().get_feed(obj, site_address.OnSiteAddress(request))


def file_size(image):
    try:
        return image.file.size
    except OSError:  # a missing file must not take the whole feed down
        return 0


def exists_with_its_page(request, kind, obj):
    """Tag and author pages answer 404 until they list a published story (a tag only on
    drafts, a reader's account): so do their feeds, or the feed would reveal the name."""
    if not freshness(request, kind, obj.slug)["count"]:
        raise Http404(f"No published stories for this {kind}.")
    return obj


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


class CategoryFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def articles(self, category):
        return Article.objects.published().in_category(category)

    def listing_key(self, category):
        return category_key(category.pk)

    def title(self, category):
        return f"{category.name} — {self.identity.name}"

    def description(self, category):
        return category.description or f"The latest {category.name} stories."

    def link(self, category):
        return category.get_absolute_url()


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        return exists_with_its_page(request, "tag", get_object_or_404(Tag, slug=slug))

    def articles(self, tag):
        return Article.objects.published().tagged(tag)

    def listing_key(self, tag):
        return tag_key(tag.pk)

    def title(self, tag):
        return f"{tag.name} — {self.identity.name}"

    def description(self, tag):
        return f"Stories tagged {tag.name}."

    def link(self, tag):
        return reverse("articles:tag", kwargs={"slug": tag.slug})


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        return exists_with_its_page(request, "author", get_object_or_404(User, slug=slug))

    def articles(self, author):
        return Article.objects.published().by_author(author)

    def listing_key(self, author):
        return author_key(author.pk)

    def title(self, author):
        return f"{author.public_name} — {self.identity.name}"

    def description(self, author):
        return f"Stories by {author.public_name}."

    def link(self, author):
        return author.get_absolute_url()


class AtomFeed(AtomMixin, ArticleFeed):
    pass


class CategoryAtomFeed(AtomMixin, CategoryFeed):
    pass


class TagAtomFeed(AtomMixin, TagFeed):
    pass


class AuthorAtomFeed(AtomMixin, AuthorFeed):
    pass


SCOPES = {
    "category": (Category, ArticleQuerySet.in_category),
    "tag": (Tag, ArticleQuerySet.tagged),
    "author": (User, ArticleQuerySet.by_author),
}


def scope(kind, slug):
    """The published articles one feed lists (its page's filter), for the conditional GET."""
    published = Article.objects.published()
    if kind not in SCOPES:
        return published
    model, narrow = SCOPES[kind]
    return narrow(published, Subquery(model.objects.filter(slug=slug).values("pk")[:1]))


def freshness(request, kind, slug=None):
    """Newest change and article count of one feed, asked once per request."""
    cached = getattr(request, "_feed_freshness", None)
    if cached is None:
        cached = scope(kind, slug).aggregate(
            latest=Max(Greatest("updated_at", "published_at")), count=Count("pk", distinct=True)
        )
        request._feed_freshness = cached
    return cached


def last_modified(request, slug=None, *, kind):
    return freshness(request, kind, slug)["latest"]


def etag(request, slug=None, *, kind):
    # The count catches an unpublished or deleted story, which moves no timestamp forward;
    # the content version catches any other edit the write paths announce.
    state = freshness(request, kind, slug)
    if not state["count"] and kind in {"tag", "author"}:
        return None  # no feed here (see exists_with_its_page): nothing to match a 304 on
    latest = state["latest"].isoformat() if state["latest"] else "-"
    key = f"{kind}:{slug}:{latest}:{state['count']}:{content_version()}:{request.path}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def conditional(feed, kind):
    """Wrap a feed so a reader that already has the latest copy gets 304 Not Modified."""
    fresh_for_five_minutes = cache_control(public=True, max_age=300)
    return fresh_for_five_minutes(
        condition(
            etag_func=lambda request, *args, **kwargs: etag(request, *args, kind=kind, **kwargs),
            last_modified_func=lambda request, *args, **kwargs: last_modified(
                request, *args, kind=kind, **kwargs
            ),
        )(feed)
    )
