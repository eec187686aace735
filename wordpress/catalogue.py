"""The first pass over an export: who wrote, under which categories and tags, with which
pictures, and where every post and page will live, before any post is written."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.text import Truncator, slugify
from taggit.models import Tag

from accounts.models import User
from articles.models import Article, Category
from pages.models import Page, address_taken_by_site

from .addresses import term_addresses_save
from .attachments import attachment_import
from .content import plain_text
from .media import url_key
from .models import WordPressItem
from .redirects import address_key, address_key_of_url

Kind = WordPressItem.Kind


class ImportOptionsError(Exception):
    pass


def headline_from(text):
    words = plain_text(text)
    return Truncator(words).words(12, truncate="…")[:200] if words else ""


class Catalogue:
    def __init__(self, options, report):
        self.options = options
        self.report = report
        self.site_url = ""
        self.hosts = set()
        self.known = {}  # (kind, wp_id) -> object id, from earlier runs
        self.authors = {}  # login -> User
        self.authors_by_id = {}  # WordPress user id -> User
        self.wp_categories = {}
        self.wp_tags = {}
        self.categories = {}  # WordPress slug -> Category
        self.tags = {}  # WordPress slug -> Tag
        self.images = {}  # WordPress id -> Image
        self.images_by_url = {}
        self.posts = {}  # WordPress id -> index entry
        self.pages = []  # page items, written after the posts
        self.new_urls = {}  # old address key -> new URL, for links inside posts
        self.image_addresses = []  # OldAddress rows for the pictures' old files
        self.default_category = self.check_options()

    def check_options(self):
        wanted = set(self.options.category_map.values())
        if self.options.default_category:
            wanted.add(self.options.default_category)
        found = {c.slug: c for c in Category.objects.filter(slug__in=wanted)}
        missing = sorted(wanted - set(found))
        if missing:
            raise ImportOptionsError(f"No such Newsroom category: {', '.join(missing)}.")
        return found.get(self.options.default_category)

    def record(self, kind, wp_id, obj):
        if not self.options.dry_run or obj.pk:
            WordPressItem.objects.update_or_create(
                site_url=self.site_url, kind=kind, wp_id=str(wp_id), defaults={"object_id": obj.pk}
            )

    # The pass itself.
    def first_pass(self, events):
        for kind, value in events:
            if kind == "site":
                self.set_site(value)
            elif kind == "author":
                self.author(value)
            elif kind in ("category", "tag"):
                (self.wp_categories if kind == "category" else self.wp_tags)[value["slug"]] = value
            elif kind == "item":
                self.index(value)
        self.plan_addresses()

    def set_site(self, url):
        self.site_url = self.report.site_url = url
        host = (urlsplit(url).hostname or "").lower()
        self.hosts = {host, host.removeprefix("www."), f"www.{host.removeprefix('www.')}"}
        for kind, wp_id, object_id in WordPressItem.objects.filter(site_url=url).values_list(
            "kind", "wp_id", "object_id"
        ):
            self.known[(kind, wp_id)] = object_id

    def index(self, item):
        if item.post_type == "attachment":
            attachment_import(self, item)
        elif item.post_type == "post":
            self.posts[item.wp_id] = SimpleNamespace(
                link=item.link,
                name=item.post_name,
                title=item.title,
                headline=item.title or headline_from(item.content),
                slug=None,
            )
        elif item.post_type == "page":
            self.pages.append(item)

    # Authors.
    def author(self, data):
        login = data["login"]
        known = self.known.get((Kind.AUTHOR, login))
        user = User.objects.filter(pk=known).first() if known else None
        if user is not None:
            self.report.count("author", "unchanged")
        else:
            user = (
                User.objects.filter(email__iexact=data["email"]).first() if data["email"] else None
            )
            if user is None:
                user = self.new_writer(data)
                self.report.count("author", "imported")
            else:
                self.report.count("author", "updated")
                self.report.notes.append(f"Author {login} matched the existing account {user}.")
            self.record(Kind.AUTHOR, login, user)
        self.authors[login] = user
        self.authors_by_id[data["id"]] = user

    def new_writer(self, data):
        username, n = data["login"][:140] or "writer", 2
        while User.objects.filter(username=username).exists():
            username, n = f"{data['login'][:140]}-{n}", n + 1
        user = User(
            username=username,
            email=data["email"],
            display_name=data["display_name"][:100],
            first_name=data["first_name"][:150],
            last_name=data["last_name"][:150],
            is_staff=True,
        )
        user.set_unusable_password()  # an editor invites them: a password reset sets one
        user.save()
        user.groups.add(*Group.objects.filter(name="Writer"))
        return user

    def author_for(self, login):
        if login not in self.authors:
            self.author(
                {
                    "login": login,
                    "id": "",
                    "email": "",
                    "display_name": login,
                    "first_name": "",
                    "last_name": "",
                }
            )
        return self.authors[login]

    # Categories and tags.
    def category_for(self, wp_slug):
        if wp_slug in self.categories:
            return self.categories[wp_slug]
        target = self.options.category_map.get(wp_slug)
        category = Category.objects.filter(slug=target or wp_slug, shows_trending=False).first()
        if category is None:
            category = self.default_category
        if category is None:
            name = self.wp_categories.get(wp_slug, {}).get("name") or wp_slug
            in_bar = self.options.categories_in_bar
            category, _ = Category.objects.get_or_create(
                slug=slugify(wp_slug)[:80] or "imported",
                defaults={
                    "name": name[:80],
                    "position": 1000 + Category.objects.count(),
                    "in_category_bar": in_bar,
                },
            )
            self.report.notes.append(
                f"Created the category “{category.name}”: no --category-map entry or "
                "--default-category for it. "
                + (
                    "It is in the category bar."
                    if in_bar
                    else "It is not in the category bar: an editor can put it there "
                    "(Admin → Categories)."
                )
            )
        self.categories[wp_slug] = category
        self.report.category_map[wp_slug] = category.slug
        return category

    def tag_for(self, wp_slug, name):
        if wp_slug not in self.tags:
            name = (self.wp_tags.get(wp_slug, {}).get("name") or name or wp_slug)[:100]
            tag = Tag.objects.filter(slug=wp_slug).first() or Tag.objects.filter(name=name).first()
            if tag is None:
                tag = Tag.objects.create(name=name, slug=wp_slug[:100])
                self.report.count("tag", "imported")
            self.tags[wp_slug] = tag
        return self.tags[wp_slug]

    def image_for(self, wp_id, url):
        return self.images.get(str(wp_id)) if wp_id else self.images_by_url.get(url_key(url or ""))

    # Where things will live.
    def plan_addresses(self):
        known_ids = {
            self.known[(Kind.POST, wp_id)]: wp_id
            for wp_id in self.posts
            if (Kind.POST, wp_id) in self.known
        }
        for pk, slug in Article.objects.filter(pk__in=known_ids).values_list("pk", "slug"):
            self.posts[known_ids[pk]].slug = slug
        taken = set(Article.objects.values_list("slug", flat=True))
        for wp_id, post in self.posts.items():
            if post.slug is None:
                base = slugify(post.name if post.title else post.headline)[:180]
                base = base if base and not base.isdigit() else f"post-{wp_id}"
                post.slug, n = base, 2
                while post.slug in taken:
                    post.slug, n = f"{base}-{n}", n + 1
                taken.add(post.slug)
            url = reverse("articles:detail", kwargs={"slug": post.slug})
            for key in self.old_keys(post.link, f"/?p={wp_id}"):
                self.new_urls[key] = url
        self.plan_pages()

    def old_keys(self, link, *extra):
        keys = list(extra)
        if link and (urlsplit(link).hostname or "").lower() in self.hosts:
            keys.append(address_key_of_url(link))
        return [address_key(*key.split("?", 1)) if "?" in key else key for key in keys]

    def plan_pages(self):
        by_id = {page.wp_id: page for page in self.pages}
        self.pages.sort(key=lambda page: len(ancestry(page, by_id)))
        existing = dict(Page.objects.values_list("pk", "path"))
        taken = set(existing.values())
        self.page_paths = {}
        for page in self.pages:
            known = self.known.get((Kind.PAGE, page.wp_id))
            if known in existing:
                path = existing[known]
            else:
                parent = self.page_paths.get(page.post_parent)
                slug = slugify(page.post_name or page.title)[:90] or f"page-{page.wp_id}"
                if parent is None and address_taken_by_site(slug):
                    self.report.renamed.append(
                        f"page {page.wp_id}: /{slug}/ is the site's own; now /{slug}-page/"
                    )
                    slug = f"{slug}-page"
                path, base, n = f"{parent}/{slug}" if parent else slug, slug, 2
                while path in taken:
                    slug = f"{base}-{n}"
                    path, n = f"{parent}/{slug}" if parent else slug, n + 1
                taken.add(path)
            self.page_paths[page.wp_id] = path
            for key in self.old_keys(page.link, f"/?page_id={page.wp_id}"):
                self.new_urls[key] = f"/{path}/"

    def link_for(self, url):
        parts = urlsplit(url)
        if parts.scheme not in ("", "http", "https"):
            return None
        if parts.netloc and (parts.hostname or "").lower() not in self.hosts:
            return None
        if not parts.netloc and not parts.path.startswith("/"):
            return None
        image = self.images_by_url.get(url_key(url)) if "/wp-content/uploads/" in url else None
        if image is not None:
            return image.file.url
        new = self.new_urls.get(address_key(parts.path, parts.query))
        return f"{new}#{parts.fragment}" if new and parts.fragment else new

    def write_term_addresses(self):
        term_addresses_save(self)

    def write_pages(self, writer):
        from .pages import write_pages

        write_pages(self, writer)


def ancestry(page, by_id):
    chain, seen = [], {page.wp_id}
    while page.post_parent in by_id and page.post_parent not in seen:
        seen.add(page.post_parent)
        page = by_id[page.post_parent]
        chain.append(page.wp_id)
    return chain
