import pytest


@pytest.fixture(autouse=True)
def relaxed_comment_rules(settings):
    """Hostile comments must reach the page to be checked there, not wait for an editor."""
    settings.COMMENTS_HOLD_FIRST_COMMENT = False
    settings.COMMENTS_RATE_LIMITS = []
    settings.COMMENTS_BLOCKED_WORDS = []
    settings.COMMENTS_MAX_LINKS = 100
