"""Rows every request reads several times, handed out as one object while nothing changed
(shared.cache.cached_data_once: memberships' rules and tiers)."""

import pytest

from shared.cache import cached_data_once, collecting, content_changed

pytestmark = pytest.mark.django_db


def test_the_same_rows_are_one_object_until_a_change_and_new_rows_after_it():
    built = []

    def build():
        built.append(len(built))
        return {"rows": len(built)}

    first = cached_data_once("test:rows", build, ["access"])
    assert cached_data_once("test:rows", build, ["access"]) is first
    assert built == [0]

    content_changed("article:9")  # anything public moves the check; the rows are still kept
    assert cached_data_once("test:rows", build, ["access"]) == first
    content_changed("access")
    assert cached_data_once("test:rows", build, ["access"]) == {"rows": 2}


def test_a_page_built_around_the_rows_depends_on_what_they_were_read_from():
    cached_data_once("test:rows", lambda: [1], ["access"])
    with collecting(always=False) as found:
        cached_data_once("test:rows", lambda: [2], ["access"])  # the process's copy
    assert "access" in found
