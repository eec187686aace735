"""Every cache key, named in one place: no key is spelled as an f-string anywhere else.

Two kinds (shared/cache.py explains how they are used):

Dependency keys: what a page or fragment shows (`depends_on`) and what a write changed
(`content_changed`). Their values also go out in the Surrogate-Key / Cache-Tag headers the
edge purges by, so a value here must never change without purging everything.
  SITE "site", NAV "nav" (every entry depends on both), HOME "home", SCHEDULE "schedule",
  "article:<id>", "live:<article id>", "category:<id>", "tag:<id>", "author:<user id>",
  "page:<id>", "image:<id>", "comments:<article id>", "corrections:<article id>" (what only
  the article's own page, feed items and API story show, never its card), "front:home" /
  "front:<category id>" (a front's layout), BANNER "banner" (the breaking-news banner:
  only the whole anonymous pages it is filled into depend on it, never a shell), FRONTS
  "fronts" (which pages have a front: only the fronts app's state reads it, no page), and
  "reader:<user id>" for what is kept for one reader alone (never a shared page's key).

Entry names: what a kept fragment or value is stored under (`cached_fragment`,
`cached_value`, `cached_data`, `cached_for_reader`), and the few entries other code keeps
in the cache itself (the readiness probe, comment flood control).

Stay in their own modules, as private storage names nobody else reads: the prefixes
"newsroom:fragment<format>:" and "newsroom:changed:" (with "*" and "born") in
shared/cache.py, "newsroom:page…"/"newsroom:shell…" in shared/page_cache.py, the trending
counters (articles/trending.py), `SiteIdentity.CACHE_KEY`, the API's credential entries
(api/models.py). The API's rate limits are django-ratelimit's own keys. Fragments named in
templates (`{% fragment "footer" … %}`) are named there.
"""

# Dependency keys.
SITE = "site"
NAV = "nav"
HOME = "home"
SCHEDULE = "schedule"
BANNER = "banner"
FRONTS = "fronts"
READER = "reader:"


def article_key(article_id):
    """An article's page, and every card of it wherever it is listed."""
    return f"article:{article_id}"


def live_key(article_id):
    """The stream of a live page's updates (the live app's data): its page, its poll
    answers and every card showing its latest update time depend on it."""
    return f"live:{article_id}"


def category_key(category_id):
    return f"category:{category_id}"


def tag_key(tag_id):
    return f"tag:{tag_id}"


def author_key(user_id):
    return f"author:{user_id}"


def static_page_key(page_id):
    """A static page (about, masthead, policies): "page:<id>"."""
    return f"page:{page_id}"


def image_key(image_id):
    """Every page showing this picture (its alt text, caption, files)."""
    return f"image:{image_id}"


def image_file_key(image_id):
    """What shows the picture's uploaded file and nothing else of it (a feed item's
    enclosure: its address and size); marked with `image_key` when a new file is uploaded
    or the picture deleted, never by a new alt text or caption."""
    return f"image-file:{image_id}"


def comments_key(article_id):
    """An article's comment thread."""
    return f"comments:{article_id}"


def corrections_key(article_id):
    """An article's corrections and the update time they set: its page, its feed items and
    its API story show them, its card does not (a correction leaves every listing cached)."""
    return f"corrections:{article_id}"


def front_key(category_id=None):
    """A front's layout: the home page's ("front:home") or a category page's."""
    return f"front:{category_id or 'home'}"


def reader_key(user_id):
    """What is kept for one reader alone: their account, their ban and flags."""
    return f"{READER}{user_id}"


# What every person's kept permissions also depend on: the roles (groups) and their
# permissions. A reader key (never public): marking it moves no page and no ANY_CHANGE.
STAFF_PERMISSIONS = f"{READER}permissions"


# Entry names of kept fragments and values.
NAVIGATION = "navigation"
FOOTER_PAGES = "footer-pages"
HOME_SECTIONS = "home:sections-html"
NEXT_CHANGES = "next-changes"
CURRENT_BANNER = "banner:current"
FRONTS_STATE = "fronts:state"
# The parts kept for one reader (`reader_entry`).
READER_ACCOUNT = "account"
READER_ACCOUNT_MENU = "account-menu"
READER_COMMENTER = "commenter"
READER_PERMISSIONS = "permissions"


def cards_entry(variant, digest):
    return f"cards:{variant}:{digest}"


def category_bar_entry(current_pk):
    return f"category-bar:{current_pk}"


def front_entry(category_id=None):
    return f"{front_key(category_id)}:html"


def listing_count_entry(listing_key):
    """How many stories a listing page (category, tag, author) pages through."""
    return f"{listing_key}:count"


def listing_page_entry(listing_key, start, stop):
    """The cards of one window of a listing page, as rows."""
    return f"{listing_key}:cards:{start}-{stop}"


def article_at_entry(slug):
    return f"article-at:{slug}"


def related_entry(article_id):
    return f"related:{article_id}"


def comment_form_entry(article_id):
    return f"comment-form:{article_id}"


def comments_page_entry(article_id, page_number):
    return f"{comments_key(article_id)}:{page_number}"


def live_page_entry(article_id, page_number):
    return f"{live_key(article_id)}:page:{page_number}"


def live_postings_entry(article_id):
    return f"{live_key(article_id)}:postings"


def reader_entry(user_id, name):
    return f"{reader_key(user_id)}:{name}"


# Entries kept in the cache directly.
def readyz_probe(token):
    return f"newsroom:readyz:{token}"


def submit_once(scope, user_id, token, digest):
    """One form submission claimed (shared/submit_once.py); names no page."""
    return f"submit-once:{scope}:{user_id}:{token}:{digest}"


def comment_rate_user(user_id):
    return f"comments:rate:user:{user_id}"


def comment_rate_ip(ip_address):
    return f"comments:rate:ip:{ip_address}"


# Memberships: every access rule, tier and the meter's settings ("access", a dependency key:
# every article page and surface that asks who may read a story depends on it), the rules
# and tiers as shared data, the part of a story behind a wall, and a reader's memberships.
ACCESS = "access"
# Which paid tiers are offered, apart from the rules: every page's footer links the offer
# while one is, and a rule put on one story must not make every page stale.
TIERS = "tiers"
TIERS_OFFERED = "memberships:tiers-offered"
ACCESS_RULES = "access:rules"
METER_LIMITS = "access:meter"
READER_MEMBERSHIPS = "memberships"
# The gift links a member gave in one calendar month ("gifts-given:2026-12"), kept for them.
READER_GIFTS_GIVEN = "gifts-given"


def gated_part_entry(article_id):
    """The HTML of a story's part behind its wall: filled only for readers allowed it."""
    return f"{article_key(article_id)}:gated-part"


def gated_page_part_entry(page_id):
    """The same for a static page behind a wall."""
    return f"{static_page_key(page_id)}:gated-part"


def checkout_entry(user_id, digest):
    """A Checkout one reader started for one thing (a tier and period, a donation), kept a
    few minutes so the same form posted again goes to the same session (not a page key)."""
    return f"memberships:checkout:{user_id}:{digest}"
