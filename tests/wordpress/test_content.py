"""Post HTML to article body, for the cases a real export rarely shows."""

from wordpress.content import convert


def body(source, images=None):
    images = images or {}
    return convert(source, image_for=lambda wp_id, url: images.get(wp_id), link_for=lambda u: None)


def test_script_and_unknown_shortcodes_never_reach_the_body():
    result = body('Hi <script>alert(1)</script>[poll id="3"]Vote![/poll] [sic]')
    assert "script" not in result.body and "alert" not in result.body
    assert "[poll" not in result.body and "[/poll]" not in result.body
    assert "Vote!" in result.body and "[sic]" in result.body  # enclosed text and prose stay
    assert result.unknown_shortcodes == {"poll"}


def test_text_posing_as_a_placeholder_is_only_text():
    result = body("Before \ue0000\ue001 after\n\n[embed]https://youtu.be/aqz-KE-bpKQ[/embed]")
    assert result.body.startswith("Before 0 after")
    assert "[[embed: https://youtu.be/aqz-KE-bpKQ]]" in result.body


def test_an_image_inside_a_paragraph_becomes_a_block_between_its_halves():
    image = type("Image", (), {"pk": 7})()
    result = body('One <img class="wp-image-3" src="a.jpg"> two', images={"3": image})
    assert result.body == "One\n\n[[image 7]]\n\ntwo"


def test_dynamic_blocks_with_nothing_saved_are_reported():
    result = body(
        '<!-- wp:latest-posts {"postsToShow":3} /-->\n'
        "<!-- wp:paragraph --><p>Hi</p><!-- /wp:paragraph -->"
    )
    assert result.body == "Hi"
    assert result.removed_blocks == {"wp:latest-posts"}
