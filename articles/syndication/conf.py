"""Optional knobs for feeds, sitemaps and head metadata, with their defaults."""

from django.conf import settings

# How many of the newest articles each feed carries.
FEED_ITEMS = getattr(settings, "NEWSROOM_FEED_ITEMS", 30)

# URLs per sitemap page: well under Google's 50,000 so a page renders in well under a second.
SITEMAP_LIMIT = getattr(settings, "NEWSROOM_SITEMAP_LIMIT", 5000)

# Google News takes articles of the last two days, at most 1,000 of them.
NEWS_SITEMAP_HOURS = getattr(settings, "NEWSROOM_NEWS_SITEMAP_HOURS", 48)
NEWS_SITEMAP_LIMIT = 1000

# Pages that search engines should never list: staff, previews, search results, accounts.
NOINDEX_PATH_PREFIXES = tuple(
    getattr(
        settings,
        "NEWSROOM_NOINDEX_PATH_PREFIXES",
        ("/admin/", "/accounts/", "/search/", "/preview/", "/comments/", "/staff/"),
    )
)

# Where the site search answers (?q=...), for the WebSite SearchAction on the home page.
SEARCH_PATH = getattr(settings, "NEWSROOM_SEARCH_PATH", "/search/")
