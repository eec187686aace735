"""Optional knobs of search, read from settings with safe defaults."""

from django.conf import settings

SEARCH_MAX_TERMS = getattr(settings, "SEARCH_MAX_TERMS", 12)
SEARCH_RESULTS_PER_PAGE = getattr(settings, "SEARCH_RESULTS_PER_PAGE", 10)
# Matches ranked per query: the newest this many published matches (by when the article
# was created) are ranked and paged; a query matching more says "more than" (docs/performance.md).
SEARCH_RANKED_MATCHES = getattr(settings, "SEARCH_RANKED_MATCHES", 1000)
