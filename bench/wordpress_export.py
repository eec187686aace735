"""Write a synthetic WordPress export for measuring the importer (never committed):

    .venv/bin/python bench/wordpress_export.py /tmp/big.xml --posts 10000 --comments 10

Posts look like the block editor's, with tags, two authors and threaded comments.
"""

import argparse
import random
from xml.sax.saxutils import escape

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench</title><link>https://bench.example</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://bench.example</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>ana</wp:author_login><wp:author_email>ana@bench.example</wp:author_email><wp:author_display_name>Ana</wp:author_display_name></wp:author>
<wp:author><wp:author_id>2</wp:author_id><wp:author_login>ben</wp:author_login><wp:author_email>ben@bench.example</wp:author_email><wp:author_display_name>Ben</wp:author_display_name></wp:author>
<wp:category><wp:category_nicename>news</wp:category_nicename><wp:cat_name>News</wp:cat_name></wp:category>
"""
BODY = """<!-- wp:paragraph --><p>Paragraph {n} about the harbour, with
<a href="https://bench.example/?p={other}">a link</a>.</p><!-- /wp:paragraph -->
<!-- wp:heading --><h2>Heading</h2><!-- /wp:heading -->
<!-- wp:list --><ul><li>One</li><li>Two</li></ul><!-- /wp:list -->
<!-- wp:paragraph --><p>{words}</p><!-- /wp:paragraph -->"""


def comment(cid, parent, n):
    return (
        f"<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author>Reader {n}"
        "</wp:comment_author><wp:comment_date_gmt>2024-01-01 10:00:00</wp:comment_date_gmt>"
        f"<wp:comment_content>Comment {cid} on the story.</wp:comment_content>"
        "<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent><wp:comment_user_id>0"
        "</wp:comment_user_id></wp:comment>"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--posts", type=int, default=10000)
    parser.add_argument("--comments", type=int, default=10, help="per post")
    args = parser.parse_args()
    rng = random.Random(1)
    words = " ".join(["tide"] * 200)
    cid = 0
    with open(args.path, "w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(1, args.posts + 1):
            comments = []
            for i in range(args.comments):
                cid += 1
                parent = cid - 1 if i and rng.random() < 0.5 else 0
                comments.append(comment(cid, parent, i))
            body = escape(BODY.format(n=n, other=rng.randint(1, args.posts), words=words))
            out.write(
                f"<item><title>Story {n}</title>"
                f"<link>https://bench.example/2024/01/01/story-{n}/</link>"
                f"<dc:creator>{'ana' if n % 2 else 'ben'}</dc:creator>"
                f"<content:encoded>{body}</content:encoded>"
                "<excerpt:encoded></excerpt:encoded>"
                f"<wp:post_id>{n}</wp:post_id>"
                "<wp:post_date_gmt>2024-01-01 09:00:00</wp:post_date_gmt>"
                f"<wp:comment_status>open</wp:comment_status><wp:post_name>story-{n}</wp:post_name>"
                "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                "<wp:post_password></wp:post_password><wp:is_sticky>0</wp:is_sticky>"
                '<category domain="category" nicename="news">News</category>'
                f'<category domain="post_tag" nicename="tag-{n % 50}">tag {n % 50}</category>'
                + "".join(comments)
                + "</item>\n"
            )
        out.write("</channel></rss>\n")


if __name__ == "__main__":
    main()
