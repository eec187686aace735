"""Posts → articles, a batch at a time: new ones in bulk (with their first revision),
earlier imports updated in place, then their bylines, tags, old addresses and comments."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from simple_history.utils import bulk_create_with_history
from taggit.models import TaggedItem

from articles.body import render_body
from articles.models import Article
from search.index import index_articles

from .addresses import save_addresses
from .content import convert, plain_text
from .models import OldAddress, WordPressItem
from .parse import wordpress_time
from .threads import import_comments

Status = Article.Status
Kind = WordPressItem.Kind
BATCH = 200
UPDATED_FIELDS = [
    "headline",
    "standfirst",
    "body",
    "category_id",
    "featured_image_id",
    "status",
    "published_at",
    "is_featured",
    "comments_open",
]
NOT_IMPORTED = {
    "trash": "in the WordPress trash",
    "auto-draft": "an empty auto-draft",
    "inherit": "a revision",
}


class PostWriter:
    def __init__(self, catalogue, options, report):
        self.catalogue = catalogue
        self.options = options
        self.report = report
        self.batch = []

    def add(self, item):
        self.batch.append(item)
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self):
        batch, self.batch = self.batch, []
        if batch:
            with transaction.atomic():
                self.write(batch)

    def write(self, batch):
        catalogue = self.catalogue
        known = {item.wp_id: catalogue.known.get((Kind.POST, item.wp_id)) for item in batch}
        existing = Article.objects.in_bulk([pk for pk in known.values() if pk])
        new, done = [], []
        for item in batch:
            fields = self.article_fields(item)
            if fields is None:
                continue
            article = existing.get(known[item.wp_id])
            if article is None:
                fields["body_html"] = render_body(fields["body"])
                new.append((item, Article(**fields)))
                continue
            changed = [name for name in UPDATED_FIELDS if getattr(article, name) != fields[name]]
            if changed:
                for name in UPDATED_FIELDS:
                    setattr(article, name, fields[name])
                article._change_reason = "Updated from WordPress"
                article.save()
            self.report.count("post", "updated" if changed else "unchanged")
            done.append((item, article, bool(changed)))
        if new:
            created = bulk_create_with_history(
                [article for _, article in new],
                Article,
                default_user=self.options.user,
                default_change_reason="Imported from WordPress",
            )
            for (item, _), article in zip(new, created, strict=True):
                done.append((item, article, True))
                catalogue.known[(Kind.POST, item.wp_id)] = article.pk
            self.report.count("post", "imported", len(created))
            WordPressItem.objects.bulk_create(
                [
                    WordPressItem(
                        site_url=catalogue.site_url,
                        kind=Kind.POST,
                        wp_id=item.wp_id,
                        object_id=article.pk,
                    )
                    for (item, _), article in zip(new, created, strict=True)
                ],
                ignore_conflicts=True,
            )
        self.link(done)
        import_comments(catalogue, self.report, [(item, article) for item, article, _ in done])

    def link(self, done):
        """Bylines, tags and old addresses of the batch, in a handful of queries."""
        catalogue = self.catalogue
        through = Article.authors.through
        article_type = ContentType.objects.get_for_model(Article)
        bylines, tagged, addresses, ids = [], [], [], []
        for item, article, _ in done:
            ids.append(article.pk)
            bylines.append(
                through(article_id=article.pk, user_id=catalogue.author_for(item.creator).pk)
            )
            for domain, slug, name in item.categories:
                if domain == "post_tag":
                    tag = catalogue.tag_for(slug, name)
                    tagged.append(
                        TaggedItem(content_type=article_type, object_id=article.pk, tag=tag)
                    )
            for key in catalogue.old_keys(item.link, f"/?p={item.wp_id}"):
                if key != article.get_absolute_url():
                    addresses.append(OldAddress(path=key, article_id=article.pk))
        through.objects.bulk_create(bylines, ignore_conflicts=True)
        TaggedItem.objects.bulk_create(tagged, ignore_conflicts=True)
        save_addresses(addresses)
        index_articles(ids)  # bulk inserts send no signals

    def article_fields(self, item):
        catalogue, report = self.catalogue, self.report
        if item.status in NOT_IMPORTED:
            report.skip("post", item.wp_id, item.title, NOT_IMPORTED[item.status])
            return None
        post = catalogue.posts[item.wp_id]
        converted = convert(
            item.content, image_for=catalogue.image_for, link_for=catalogue.link_for
        )
        for name in converted.unknown_shortcodes:
            report.unknown_shortcodes[name].append(item.wp_id)
        for name in converted.removed_blocks:
            report.removed_blocks[name].append(item.wp_id)
        for src in converted.missing_images:
            report.missing_images.append({"where": f"post {item.wp_id}", "file": src})
        if not item.title:
            report.untitled.append({"id": item.wp_id, "headline": post.headline})
        status, published_at = self.status(item)
        categories = [slug for domain, slug, _ in item.categories if domain == "category"]
        thumbnail = item.meta.get("_thumbnail_id", "")
        return {
            "headline": post.headline or f"Untitled post {item.wp_id}",
            "slug": post.slug,
            "standfirst": plain_text(item.excerpt)[:400],
            "body": converted.body,
            "category_id": catalogue.category_for(
                categories[0] if categories else "uncategorized"
            ).pk,
            "featured_image_id": getattr(catalogue.image_for(thumbnail, None), "pk", None) or None,
            "status": status,
            "published_at": published_at,
            "is_featured": item.is_sticky,
            "comments_open": item.comment_status == "open",
        }

    def status(self, item):
        """publish → published, future → scheduled, draft → draft, pending → in review;
        private and password-protected posts are never public: drafts, and listed."""
        when = wordpress_time(item.post_date_gmt, item.post_date)
        hidden = None
        if item.password:
            hidden = "password-protected in WordPress: imported as a draft"
        elif item.status == "private":
            hidden = "private in WordPress: imported as a draft"
        if hidden:
            self.report.not_public.append(
                {"id": f"post {item.wp_id}", "title": item.title, "reason": hidden}
            )
            return Status.DRAFT, None
        if item.status in ("publish", "future") and when is not None:
            return Status.PUBLISHED, when
        if item.status == "pending":
            return Status.IN_REVIEW, None
        return Status.DRAFT, None
