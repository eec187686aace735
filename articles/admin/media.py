"""The change form's scripts, none of which stops the page being read.

The admin's own (jQuery, select2, the calendar, XRegExp for the slug...) are plain blocking
scripts in the head: the browser stopped reading the page at each one until it had loaded and
run, so the body's editor (deferred) waited for all of them and for the page behind them.
Deferred they still run in the same order, on the whole page, before DOMContentLoaded (which
is what the admin's scripts wait for anyway), and the scripts in `first` (the editor: it needs
no other script) run before them all: the writer can type while the rest starts.

The slug's scripts (URLify, prepopulate, XRegExp: 47 KB and the longest of the admin's scripts
to run) are left out where no field is filled in from another: an article that has its address.

The admin's own scripts (its `admin/` files and the translations: jQuery, Select2, the calendar,
the inlines, the related-object links) are not run before the writer can type at all: the page
carries them as inert placeholders that `AFTER_READY` (newsroom_admin/after_ready.js) adds, in
order, once the window has loaded and the browser is idle. Parsing jQuery and Select2 and their
"ready" work were 100 to 200 ms of the main thread right after the editor was drawn.
"""

from django import forms

SLUG_SCRIPTS = {
    "admin/js/urlify.js",
    "admin/js/prepopulate.js",
    "admin/js/vendor/xregexp/xregexp.js",
    "admin/js/vendor/xregexp/xregexp.min.js",
}
AFTER_READY = "newsroom_admin/after_ready.js"
# The browser neither fetches nor runs a script of a type it does not know: a placeholder.
PLACEHOLDER = {"type": "text/x-after-ready", "data-after-ready": True}


def admins_own(path):
    return path.startswith("admin/") or path.rstrip("/").endswith("jsi18n")


def deferred(media, first=(), prepopulates=True, bundled=()):
    """`media` with every script deferred (those already async stay async), in its own order
    but for the scripts whose path is in `first`, which come first; the admin's own as
    placeholders run after the page is ready (AFTER_READY); without the slug's scripts unless
    the form `prepopulates` a field; without the stylesheets in `bundled` (the page links
    them as one file: stylesheet.py)."""
    scripts, later = [], False
    for script in media._js:
        path, attributes = (
            (script._path, dict(script.attributes))
            if isinstance(script, forms.Script)
            else (script, {})
        )
        if not prepopulates and path in SLUG_SCRIPTS:
            continue
        if admins_own(path):
            attributes, later = dict(PLACEHOLDER), True
        elif not attributes.get("async"):
            attributes["defer"] = True
        scripts.append(forms.Script(path, **attributes))
    if later:
        scripts.append(forms.Script(AFTER_READY, defer=True))
    scripts.sort(key=lambda script: script._path not in first)
    css = {
        kind: [path for path in paths if path not in bundled] for kind, paths in media._css.items()
    }
    return forms.Media(css=css, js=scripts)
