"""Every cache key is named by shared/keys.py, and its value never changes: stored entries
and the Surrogate-Key headers a CDN purges by are spelled with these strings."""

import re
from pathlib import Path

from shared import keys

ROOT = Path(__file__).resolve().parents[2]
# A key spelled by hand: an f-string starting with one of the keys' or entries' names.
SPELLED = re.compile(
    r"""f["'](article|live|category|tag|author|page|image|comments|cards|category-bar"""
    r"""|article-at|related|comment-form|reader|newsroom:readyz):"""
)


def test_each_key_keeps_the_value_pages_and_the_edge_already_know():
    assert (keys.SITE, keys.NAV, keys.HOME, keys.SCHEDULE) == ("site", "nav", "home", "schedule")
    assert keys.article_key(7) == "article:7"
    assert keys.live_key(7) == "live:7"
    assert keys.category_key(3) == "category:3"
    assert keys.tag_key(4) == "tag:4"
    assert keys.author_key(5) == "author:5"
    assert keys.static_page_key(6) == "page:6"
    assert keys.image_key(8) == "image:8"
    assert keys.comments_key(7) == "comments:7"
    assert keys.reader_key(9) == "reader:9"


def test_each_entry_keeps_the_name_it_is_stored_under():
    assert keys.cards_entry("lead.2..1.0", "ab12") == "cards:lead.2..1.0:ab12"
    assert keys.category_bar_entry(None) == "category-bar:None"
    assert keys.article_at_entry("a-story") == "article-at:a-story"
    assert keys.related_entry(7) == "related:7"
    assert keys.comment_form_entry(7) == "comment-form:7"
    assert keys.comments_page_entry(7, "2") == "comments:7:2"
    assert keys.live_page_entry(7, 3) == "live:7:page:3"
    assert keys.live_postings_entry(7) == "live:7:postings"
    assert keys.reader_entry(9, keys.READER_ACCOUNT) == "reader:9:account"
    assert (keys.NAVIGATION, keys.FOOTER_PAGES, keys.HOME_SECTIONS, keys.NEXT_CHANGES) == (
        "navigation",
        "footer-pages",
        "home:sections-html",
        "next-changes",
    )
    assert keys.readyz_probe("ab") == "newsroom:readyz:ab"
    assert keys.comment_rate_user(9) == "comments:rate:user:9"
    assert keys.comment_rate_ip("192.0.2.1") == "comments:rate:ip:192.0.2.1"


def project_files():
    for top in ROOT.iterdir():
        if top.name.startswith(".") or top.name in {"tests", "node_modules"}:
            continue
        yield from [top] if top.suffix == ".py" else top.rglob("*.py") if top.is_dir() else []


def test_no_code_outside_shared_keys_spells_a_key_by_hand():
    spelled = []
    for path in project_files():
        relative = path.relative_to(ROOT)
        if relative == Path("shared/keys.py"):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            # URL names (reverse("comments:…")) and the feeds' Atom ids ("tag:host,2025:…")
            # are not cache keys.
            if SPELLED.search(line) and "reverse(" not in line and ",2025:" not in line:
                spelled.append(f"{relative}:{number}: {line.strip()}")
    assert spelled == []
