"""WordPress comments → comment threads: approved ones shown, pending held, spam kept as
spam, pingbacks and trackbacks left out. Replies deeper than the site's deepest level
join their thread at that level, as comments.services does for a new reply."""

import html
import re

from django.db.models import F

from comments import conf
from comments.models import Comment
from comments.text import render_comment

from .models import WordPressItem
from .parse import wordpress_time

Kind = WordPressItem.Kind
STATUSES = {"1": Comment.Status.APPROVED, "0": Comment.Status.PENDING, "spam": Comment.Status.SPAM}


def comment_text(source):
    """The reader's words as plain text: links keep their address, markup goes."""
    text = re.sub(r"<br\s*/?>", "\n", source or "", flags=re.IGNORECASE)
    text = re.sub(r"</p>\s*<p[^>]*>", "\n\n", text, flags=re.IGNORECASE)
    text = re.sub(
        r'<a\b[^>]*href=["\']([^"\']+)["\'][^>]*>(.*?)</a>',
        lambda m: m[1] if m[2].strip() in (m[1], "") else f"{m[2]} ({m[1]})",
        text,
        flags=re.IGNORECASE | re.DOTALL,
    )
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def import_comments(catalogue, report, posts):
    """posts: (WordPress item, article) pairs. New comments go in a level at a time, so a
    reply always finds its parent's id."""
    max_depth = conf.max_depth()
    levels = [[] for _ in range(max_depth)]
    for item, article in posts:
        kept = {}
        for comment in item.comments:
            if comment.type in ("pingback", "trackback"):
                report.skip("comment", comment.wp_id, f"on post {item.wp_id}", f"a {comment.type}")
            elif comment.approved not in STATUSES:
                report.skip("comment", comment.wp_id, f"on post {item.wp_id}", "in the trash")
            else:
                kept[comment.wp_id] = comment
        for comment in kept.values():
            if (Kind.COMMENT, comment.wp_id) in catalogue.known:
                report.count("comment", "unchanged")
                continue
            chain = []  # the kept ancestors, top first
            parent, seen = kept.get(comment.parent), {comment.wp_id}
            while parent is not None and parent.wp_id not in seen:
                seen.add(parent.wp_id)
                chain.insert(0, parent.wp_id)
                parent = kept.get(parent.parent)
            depth = min(len(chain), max_depth - 1)
            text = comment_text(comment.content) or "(empty)"
            row = Comment(
                article_id=article.pk,
                author=catalogue.authors_by_id.get(comment.user_id)
                if comment.user_id != "0"
                else None,
                posted_as=comment.author[:200] or "Anonymous",
                body=text,
                body_html=render_comment(text),
                status=STATUSES[comment.approved],
                moderation_note="Held in WordPress" if comment.approved == "0" else "",
                depth=depth,
                created_at=wordpress_time(comment.date_gmt, comment.date)
                or article.published_at
                or article.created_at,
            )
            levels[depth].append((comment.wp_id, chain, row))
    for depth, rows in enumerate(levels):
        if not rows:
            continue
        for _, chain, row in rows:
            if depth:
                row.parent_id = catalogue.known[(Kind.COMMENT, chain[depth - 1])]
                row.root_id = catalogue.known[(Kind.COMMENT, chain[0])]
        created = Comment.objects.bulk_create([row for _, _, row in rows], batch_size=500)
        if depth == 0:
            Comment.objects.filter(pk__in=[row.pk for row in created]).update(root_id=F("pk"))
        for (wp_id, _, _), row in zip(rows, created, strict=True):
            catalogue.known[(Kind.COMMENT, wp_id)] = row.pk
        WordPressItem.objects.bulk_create(
            [
                WordPressItem(
                    site_url=catalogue.site_url, kind=Kind.COMMENT, wp_id=wp_id, object_id=row.pk
                )
                for (wp_id, _, _), row in zip(rows, created, strict=True)
            ],
            batch_size=500,
            ignore_conflicts=True,
        )
        report.count("comment", "imported", len(created))
