"""Every static file a template names exists: production's hashed storage refuses a missing
one with a 500, while the tests' plain storage would not notice."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

STATIC_TAG = re.compile(r"""\{%\s*static\s+['"]([^'"]+)['"]""")


def test_every_static_file_named_in_a_template_exists():
    templates = [p for d in settings.TEMPLATES[0]["DIRS"] for p in Path(d).rglob("*.html")]
    assert templates
    missing = {
        f"{path.relative_to(settings.BASE_DIR)}: {name}"
        for path in templates
        for name in STATIC_TAG.findall(path.read_text())
        if not finders.find(name)
    }
    assert not missing, sorted(missing)
