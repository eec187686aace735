"""Optional knobs of the articles app, read from settings with safe defaults."""

from django.conf import settings

# Trending (docs/trending.md).
WINDOW_HOURS = getattr(settings, "TRENDING_WINDOW_HOURS", 48)
HALF_LIFE_HOURS = getattr(settings, "TRENDING_HALF_LIFE_HOURS", 12)
FLUSH_SECONDS = getattr(settings, "TRENDING_FLUSH_SECONDS", 60)
# One address adds reads of at most this many different articles an hour: a script on one
# machine cannot buy a place in the ranking, a household or office reading a lot still counts.
READS_PER_ADDRESS_HOUR = getattr(settings, "TRENDING_READS_PER_ADDRESS_HOUR", 20)
# Counters outlive their hour long enough for the next hour's flushes to pick them up.
COUNTER_TTL = 3 * 3600

# Rendering one body (articles/body.py) stops after this many seconds, in the main thread.
RENDER_SECONDS = getattr(settings, "NEWSROOM_RENDER_SECONDS", 2)
