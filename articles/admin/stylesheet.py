"""The article change form's stylesheets as one file, so that the editor's script is not
queued behind them.

The page linked 13 stylesheets in its head (the admin's base, dark mode, forms and widgets,
responsive; the form's media: the editor's, the pre-publish check's, the merge panel's,
Select2's; ours). The browser asks for stylesheets before scripts, six at a time, and
gunicorn's sync workers answer two at a time: on a cold load the editor's bundle was sent
only once all of them had been (0.3 s after the page under a load of 6). One file puts it
in the first round of requests.

`SHEETS` in the page's order; the file is `BUNDLE`, built by `manage.py
build_change_form_css` and committed (a test checks it matches the sheets it is made of,
after a Django upgrade too). Rules keep their order, so the cascade is the page's; `url()`s
are rewritten to the bundle's folder; `@import` (forms.css's widgets.css) is put in place.
"""

import posixpath
import re
from pathlib import Path

from django.contrib.staticfiles import finders

BUNDLE = "newsroom_admin/change_form.css"
# (path, media): in the order the page linked them.
SHEETS = [
    ("admin/css/base.css", None),
    ("admin/css/dark_mode.css", None),
    ("admin/css/forms.css", None),
    ("newsroom_admin/editor.css", None),
    ("editor/editor.css", None),
    ("newsroom_admin/publish_check.css", None),
    ("newsroom_admin/merge.css", None),
    ("admin/css/vendor/select2/select2.min.css", "screen"),
    ("admin/css/autocomplete.css", "screen"),
    ("admin/css/responsive.css", None),
    ("newsroom_admin/admin.css", None),
    ("newsroom_admin/picker.css", None),
    ("newsroom_admin/workspace.css", None),
]
# What the form's media may list that the bundle holds (Select2's unminified name in DEBUG).
BUNDLED = {path for path, _ in SHEETS} | {"admin/css/vendor/select2/select2.css"}

URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
IMPORT = re.compile(r"""@import\s+url\(\s*(['"]?)([^'")]+)\1\s*\)\s*;""")


def _rebased(css, path):
    """`css` read at `path`, its relative url()s written from the bundle's folder."""

    def rebase(match):
        url = match.group(2)
        if re.match(r"^(?:[a-z]+:|/|#)", url):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), url))
        return f'url("{posixpath.relpath(target, posixpath.dirname(BUNDLE))}")'

    return URL.sub(rebase, css)


def _sheet(path):
    css = Path(finders.find(path)).read_text(encoding="utf-8")

    imports = [
        posixpath.normpath(posixpath.join(posixpath.dirname(path), match.group(2)))
        for match in IMPORT.finditer(css)
    ]
    # Each sheet's url()s rebased once: its own here, an imported one's by its own call.
    parts = _rebased(IMPORT.sub("\0", css), path).split("\0")
    return "".join(
        part + (_sheet(imports[n]) if n < len(imports) else "") for n, part in enumerate(parts)
    ).strip()


def bundle():
    parts = ["/* Built by `manage.py build_change_form_css` (articles/admin/stylesheet.py). */"]
    for path, media in SHEETS:
        css = _sheet(path)
        parts.append(f"/* {path} */\n" + (f"@media {media} {{\n{css}\n}}" if media else css))
    return "\n\n".join(parts) + "\n"
