"""Optional knobs of search, read from settings with safe defaults."""

from django.conf import settings

SEARCH_MAX_TERMS = getattr(settings, "SEARCH_MAX_TERMS", 12)
SEARCH_RESULTS_PER_PAGE = getattr(settings, "SEARCH_RESULTS_PER_PAGE", 10)
