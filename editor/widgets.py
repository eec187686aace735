"""What the rich editor adds to the body textarea: its bundle, and where its JSON lives."""

from django import forms
from django.urls import reverse


def bundle_media():
    # Deferred: the page is parsed while the bundle loads; it starts the editor as soon as it
    # runs, before DOMContentLoaded (and, on the article's form, before the admin's scripts:
    # articles/admin/media.py). Fetched first among the page's scripts: the writer waits for it.
    return forms.Media(
        css={"all": ["editor/editor.css"]},
        js=[forms.Script("editor/editor.js", defer=True, fetchpriority="high")],
    )


def textarea_attrs():
    # Read at render time: the URL resolver is not ready when apps load.
    return {
        "data-rich-editor": True,
        "data-link-search-url": reverse("editor_link_search"),
        "data-image-data-url": reverse("editor_image_data"),
    }
