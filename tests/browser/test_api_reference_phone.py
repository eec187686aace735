"""The API reference on a phone: long addresses and code wrap or scroll in their own box,
the page itself never scrolls sideways."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_api_reference_fits_a_phones_width(page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/api/v1/reference/")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(n => n.getBoundingClientRect().right > 375.5 && !n.closest('nav'))
            .slice(0, 8)
            .map(n => n.tagName + ': ' + n.textContent.trim().slice(0, 40))"""
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, wide
