"""The change form's scripts, none of which stops the page being read.

The admin's own (jQuery, select2, the calendar, XRegExp for the slug...) are plain blocking
scripts in the head: the browser stopped reading the page at each one until it had loaded and
run, so the body's editor (deferred) waited for all of them and for the page behind them.
Deferred they still run in the same order, on the whole page, before DOMContentLoaded (which
is what the admin's scripts wait for anyway), and the scripts in `first` (the editor: it needs
no other script) run before them all: the writer can type while the rest starts.

The slug's scripts (URLify, prepopulate, XRegExp: 47 KB and the longest of the admin's scripts
to run) are left out where no field is filled in from another: an article that has its address.

The admin's jQuery "ready" handlers (Select2, the inlines, labels.js) are held until the
browser is idle after the page is read (`READY_WHEN_IDLE`, right after jquery.init.js): they
no longer run between the editor being drawn and the writer's first keys.
"""

from django import forms

SLUG_SCRIPTS = {
    "admin/js/urlify.js",
    "admin/js/prepopulate.js",
    "admin/js/vendor/xregexp/xregexp.js",
    "admin/js/vendor/xregexp/xregexp.min.js",
}
JQUERY_INIT = "admin/js/jquery.init.js"
READY_WHEN_IDLE = "newsroom_admin/ready_when_idle.js"


def deferred(media, first=(), prepopulates=True):
    """`media` with every script deferred (those already async stay async), in its own order
    but for the scripts whose path is in `first`, which come first; without the slug's scripts
    unless the form `prepopulates` a field."""
    scripts = []
    for script in media._js:
        path, attributes = (
            (script._path, dict(script.attributes))
            if isinstance(script, forms.Script)
            else (script, {})
        )
        if not prepopulates and path in SLUG_SCRIPTS:
            continue
        if not attributes.get("async"):
            attributes["defer"] = True
        scripts.append(forms.Script(path, **attributes))
        if path == JQUERY_INIT:
            scripts.append(forms.Script(READY_WHEN_IDLE, defer=True))
    scripts.sort(key=lambda script: script._path not in first)
    return forms.Media(css=media._css, js=scripts)
