"""A comment is plain text: a tag a reader names in it is shown, and swallows nothing."""

import pytest

from comments.text import render_comment


@pytest.mark.parametrize("tag", ["<script>", "<style>", "<textarea>", "<title>", "<xmp>"])
def test_a_tag_named_in_a_comment_is_shown_as_text_and_the_rest_stays(tag):
    html = render_comment(f"Never type {tag} in a comment.\n\nThe next paragraph.")
    escaped = tag.replace("<", "&lt;").replace(">", "&gt;")
    assert f"<p>Never type {escaped} in a comment.</p>" in html
    assert "<p>The next paragraph.</p>" in html
