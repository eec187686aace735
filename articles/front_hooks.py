"""Where an app that lays out fronts (fronts/) draws the home and category pages.

A registry, so this app never imports the one that fills it: `register(source)` from that
app's `ready()`; `source(category)` returns the front's HTML (category None: the home page)
or None when no layout was made for that page, which then keeps its default layout."""

_sources = []


def register(source):
    _sources[:] = [source]


def front_html(category=None):
    for source in _sources:
        return source(category)
    return None
