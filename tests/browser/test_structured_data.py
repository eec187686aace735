import json

import pytest
from playwright.sync_api import expect

from tests.articles.seo_factories import TRICKY_HEADLINE, build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_tricky_headline_stays_inside_its_json_ld_in_a_real_browser(page, screenshot):
    world = build_world()
    world.newer.headline = TRICKY_HEADLINE
    world.newer.save()
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(world.newer.get_absolute_url())
    expect(page.locator("h1")).to_have_count(1)
    # The browser's own HTML parser sees exactly two data blocks, each one whole JSON
    # document, and no element a headline could have smuggled in.
    blocks = page.locator('script[type="application/ld+json"]').all_text_contents()
    assert len(blocks) == 2
    news = json.loads(blocks[0])
    assert news["headline"] == TRICKY_HEADLINE
    assert page.locator("head b").count() == 0
    assert page.locator('meta[property="og:title"]').get_attribute("content") == TRICKY_HEADLINE
    assert not errors  # no CSP report, no script error: data blocks are not script
    screenshot("structured-data-tricky-headline")
