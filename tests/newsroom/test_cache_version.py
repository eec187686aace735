from newsroom.cache import content_changed, content_version


def test_content_changed_moves_the_version_every_reader_shares():
    before = content_version()
    content_changed()
    assert content_version() == before + 1
    assert content_version() == before + 1  # reading does not move it


def test_content_changed_works_on_an_empty_cache():
    from django.core.cache import cache

    cache.clear()
    content_changed()
    assert content_version() >= 1
