from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPORT = FIXTURES / "export.xml"
WORDPRESS_COM = FIXTURES / "wordpress-com.xml"
UPLOADS = FIXTURES / "uploads"


def run_import(*args, path=EXPORT):
    from io import StringIO

    out = StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def imported(db):
    """The real WordPress export, imported with its uploads; the command's printed report."""
    return run_import("--media-dir", str(UPLOADS))
