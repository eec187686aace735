"""Template lines stay at most 120 characters, so a diff of a template shows what changed
(the house style; wrap between attributes or around block tags, never inside text that renders)."""

from pathlib import Path

from django.apps import apps
from django.conf import settings

LIMIT = 120


def project_templates():
    """Every file under the template directories: the site's and those of the project's own apps."""
    base = Path(settings.BASE_DIR).resolve()
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", [])]
    folders += [Path(app.path) / "templates" for app in apps.get_app_configs()]
    folders = {folder.resolve() for folder in folders if folder.is_dir()}
    own = {folder for folder in folders if base in folder.parents and ".venv" not in folder.parts}
    return sorted(path for folder in own for path in folder.rglob("*") if path.is_file())


def test_the_check_reads_every_kind_of_template():
    suffixes = {path.suffix for path in project_templates()}
    assert {".html", ".txt", ".xml"} <= suffixes


def test_no_template_line_is_longer_than_120_characters():
    base = Path(settings.BASE_DIR).resolve()
    too_long = [
        f"{path.relative_to(base)}:{number}: {len(line)} characters"
        for path in project_templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > LIMIT
    ]
    assert not too_long, "\n".join(too_long)
