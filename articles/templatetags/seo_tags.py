"""Head metadata for every page: canonical URL, robots, OpenGraph, Twitter card, feed
links and JSON-LD, worked out from the page's context in one place.

Article metadata is built only for a published (or archived, once live) article on its own
page, so a preview or any other page that happens to hold a draft never describes it.
"""

from django import template
from django.apps import apps
from django.urls import reverse
from django.utils.http import urlencode

from articles.models import Article, SiteIdentity
from articles.syndication import conf, structured_data
from shared import site_address

register = template.Library()


@register.simple_tag(takes_context=True)
def page_metadata(context):
    request = context.get("request")
    if request is None:  # e.g. an error page rendered without a request
        return {}
    identity = SiteIdentity.current()
    meta = PageMetadata(context, request, identity)
    return meta.as_dict()


@register.filter
def json_ld(data):
    return structured_data.json_ld_script(data)


class PageMetadata:
    def __init__(self, context, request, identity):
        self.context = context
        self.request = request
        self.identity = identity
        match = request.resolver_match
        self.view_name = match.view_name if match else ""

    def absolute(self, url):
        return site_address.absolute_url(url)

    @property
    def noindex(self):
        return bool(self.context.get("noindex")) or self.request.path.startswith(
            conf.NOINDEX_PATH_PREFIXES
        )

    def canonical(self):
        # Only ?page= names a different page; tracking parameters and the like do not.
        url = self.absolute(self.request.path)
        page_obj = self.context.get("page_obj")
        if page_obj is not None and page_obj.number > 1:
            url += "?" + urlencode({"page": page_obj.number})
        return url

    def site_feeds(self):
        name = self.identity.name
        return [
            (f"{name} (RSS)", "application/rss+xml", reverse("syndication:rss")),
            (f"{name} (Atom)", "application/atom+xml", reverse("syndication:atom")),
        ]

    def section_feeds(self, kind, label, slug):
        rss, atom = (reverse(f"syndication:{kind}-{fmt}", args=[slug]) for fmt in ("rss", "atom"))
        return [
            (f"{label} (RSS)", "application/rss+xml", rss),
            (f"{label} (Atom)", "application/atom+xml", atom),
        ]

    def image(self, image):
        if image is None or not image.file:
            return None
        return {
            "url": self.absolute(image.file.url),
            "width": image.width,
            "height": image.height,
            "alt": image.alt_text,
        }

    def base(self):
        home = self.absolute("/")
        return {
            "noindex": self.noindex,
            "canonical": None if self.noindex else self.canonical(),
            "site_name": self.identity.name,
            "locale": self.identity.language.replace("-", "_"),
            "type": "website",
            "title": self.context.get("site_name") or self.identity.name,
            "description": self.identity.tagline or self.identity.name,
            "image": self.image(self.identity.default_social_image),
            "feeds": self.site_feeds(),
            "json_ld": [],
            "home": home,
        }

    def as_dict(self):
        meta = self.base()
        if self.noindex:
            return meta
        builder = {
            "articles:detail": self.article_page,
            "articles:category": self.category_page,
            "articles:tag": self.tag_page,
            "articles:author": self.author_page,
            "articles:home": self.home_page,
            "pages:detail": self.static_page,
        }.get(self.view_name)
        if builder is not None:
            builder(meta)
        return meta

    def trail(self, *steps):
        return structured_data.breadcrumb_list([(self.identity.name, self.absolute("/")), *steps])

    def article_page(self, meta):
        article = self.context.get("article")
        if not isinstance(article, Article) or not article.is_readable_at_address:
            return
        description = article.seo_description or article.standfirst or meta["description"]
        image_row = article.social_image or article.featured_image
        # The article page has them in its context already (read once, shared with the page).
        tags = self.context.get("tags")
        tags = list(article.tags.all() if tags is None else tags)
        meta.update(
            type="article",
            title=article.seo_title or article.headline,
            description=description,
            image=self.image(image_row) or meta["image"],
            published_time=structured_data.iso(article.published_at),
            modified_time=structured_data.iso(structured_data.modified_at(article)),
            section=article.category.name,
            tags=[tag.name for tag in tags],
            authors=[self.absolute(author.get_absolute_url()) for author in article.byline],
            author_names=", ".join(author.public_name for author in article.byline),
        )
        meta["feeds"] += self.section_feeds(
            "category", article.category.name, article.category.slug
        )
        canonical = self.absolute(article.get_absolute_url())
        meta["json_ld"] = [
            structured_data.news_article(
                article,
                identity=self.identity,
                absolute=self.absolute,
                canonical=canonical,
                description=description,
                image=image_row or self.identity.default_social_image,
                tags=tags,
            ),
            self.trail(
                (article.category.name, self.absolute(article.category.get_absolute_url())),
                (article.headline, canonical),
            ),
        ]

    def category_page(self, meta):
        category = self.context.get("category")
        if category is None:  # the view's own 404 page
            return
        meta.update(title=category.name, description=category.description or meta["description"])
        meta["feeds"] += self.section_feeds("category", category.name, category.slug)
        meta["json_ld"] = [self.trail((category.name, self.absolute(category.get_absolute_url())))]

    def tag_page(self, meta):
        tag = self.context.get("tag")
        if tag is None:  # the view's own 404 page
            return
        meta.update(title=tag.name, description=f"Stories tagged {tag.name}.")
        meta["feeds"] += self.section_feeds("tag", tag.name, tag.slug)
        meta["json_ld"] = [self.trail((tag.name, self.absolute(self.request.path)))]

    def author_page(self, meta):
        author = self.context.get("author")
        if author is None:  # the view's own 404 page
            return
        meta.update(
            type="profile",
            title=author.public_name,
            description=author.bio or f"Stories by {author.public_name}.",
        )
        if author.avatar:
            meta["image"] = {"url": self.absolute(author.avatar.url), "alt": author.public_name}
        meta["feeds"] += self.section_feeds("author", author.public_name, author.slug)
        meta["json_ld"] = [
            structured_data.profile_page(author, self.absolute),
            self.trail((author.public_name, self.absolute(author.get_absolute_url()))),
        ]

    def static_page(self, meta):
        page = self.context.get("page")
        # Looked up, not imported: articles does not import the pages app.
        if not isinstance(page, apps.get_model("pages", "Page")) or not page.is_published:
            return
        meta.update(
            title=page.seo_title or page.title,
            description=page.seo_description or meta["description"],
        )
        steps = [(p.title, self.absolute(p.get_absolute_url())) for p in page.ancestors()]
        meta["json_ld"] = [self.trail(*steps, (page.title, self.absolute(page.get_absolute_url())))]

    def home_page(self, meta):
        meta["json_ld"] = [structured_data.website(self.identity, self.absolute, conf.SEARCH_PATH)]
