"""Playwright driving Debian's Chromium (never a downloaded browser) against a live server."""

import contextlib
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.database_template import kept_copy, restore_kept_copy

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous, so Django's async guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# The longest browser tests (the crawls, half a minute each in make test) are collected
# first. make test-browser runs two at a time and xdist hands tests out in collection order:
# collected late (the XSS one 73rd of 86, then a dozen short tests), one kept a worker busy
# half a minute after the other had run out of tests; first, the short tests even out the end.
LONGEST_FIRST = (
    "tests/browser/test_xss_dialogs.py::test_no_page_showing_the_catalogue_opens_a_dialog",
    "tests/browser/test_csp.py::test_the_article_editor_the_live_desk_and_every_admin_screen",
    "tests/browser/test_html_validity.py::test_every_public_page_type",
)


def pytest_collection_modifyitems(items):
    def rank(item):
        starts = [n for n, prefix in enumerate(LONGEST_FIRST) if item.nodeid.startswith(prefix)]
        return starts[0] if starts else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: every other test keeps its place


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """The live server answers on several threads at once (an autosave beside a heartbeat),
    as gunicorn's workers do. SQLite in memory, shared between threads, fails a second
    writer at once ("database table is locked"); a file in WAL mode makes it wait its turn,
    as in production. So the browser tests' SQLite database is a file."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        name = tmp_path_factory.mktemp("database") / "browser.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)


@pytest.fixture(autouse=True, scope="session")
def starting_rows_restored_from_the_kept_copy():
    """Each browser test starts from the rows the migrations made (serialized rollback): by
    default a flush after each test and a reload of those rows, one object at a time, before
    the next, about half a second a test. On SQLite the kept copy of the migrated database
    (tests/database_template.py) is written back instead after each test, and the next test
    finds its starting rows already there."""
    from django.db import connections
    from django.test import TransactionTestCase

    flush = TransactionTestCase._fixture_teardown
    reload = vars(TransactionTestCase)["_fixture_setup"]  # a classmethod, kept as one
    restored = set()  # databases now at their starting rows, until the next test begins

    def teardown(self):
        if not self.serialized_rollback:
            return flush(self)
        names = self._databases_names(include_mirrors=False)
        kept = {name: kept_copy(connections[name]) for name in names}
        if not all(kept.values()):
            return flush(self)
        for name in names:
            restore_kept_copy(connections[name], kept[name])
            restored.add(name)
        return None

    @classmethod
    def setup(cls):
        names = set(cls._databases_names(include_mirrors=False))
        at_start = cls.serialized_rollback and names <= restored
        restored.clear()
        if not at_start:
            return reload.__func__(cls)
        return None

    TransactionTestCase._fixture_teardown = teardown
    TransactionTestCase._fixture_setup = setup
    yield
    TransactionTestCase._fixture_teardown, TransactionTestCase._fixture_setup = flush, reload


@pytest.fixture(scope="session")
def demo_copies(tmp_path_factory):
    """What seed_demo made in this worker, by its options: (database copy, media copy)."""
    return {}, tmp_path_factory.mktemp("demo-copies")


@pytest.fixture
def seeded_demo(demo_copies, settings):
    """seed_demo(**options), run once a worker: the demo's rows and pictures are kept after
    the first run and written back for the next test that asks for the same demo (about ten
    seconds of CPU a run, most of it the pictures' renditions; milliseconds written back).
    Ids keep counting as after any test (restore_kept_copy), so the demo's rows come back
    under the ids they had when made."""
    from django.core.management import call_command
    from django.db import connection

    kept, folder = demo_copies

    def seed(**options):
        media = Path(settings.MEDIA_ROOT)
        key = json.dumps(options, sort_keys=True)
        if key in kept:
            database, pictures = kept[key]
            restore_kept_copy(connection, database)
            shutil.copytree(pictures, media, dirs_exist_ok=True)
            return
        call_command("seed_demo", verbosity=0, **options)
        if connection.vendor != "sqlite":
            return
        database, pictures = folder / f"{len(kept)}.sqlite3", folder / f"{len(kept)}-media"
        connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(database)) as target:
            connection.connection.backup(target)
        if media.exists():
            shutil.copytree(media, pictures)
        else:
            pictures.mkdir()
        kept[key] = database, pictures

    return seed


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    settings.SITE_URL = live_server.url  # the links pages give lead back to this server
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name):
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    return take
