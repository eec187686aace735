import os

import pytest
from django.test import override_settings

from tests import factories, legs, smtp
from tests.database_template import created_from_kept_copies, drop_postgres_templates


def pytest_collection_modifyitems(config, items):
    # `make test` runs two database legs side by side; tests/legs.py says which runs what.
    leg = os.environ.get("NEWSROOM_TEST_LEG")
    if not leg:
        return
    kept = [item for item in items if leg in legs.legs_of(item)]
    dropped = [item for item in items if leg not in legs.legs_of(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(autouse=True, scope="session")
def test_databases_from_kept_copies(django_db_blocker):
    # Autouse, so it is in place before pytest-django builds the test databases.
    from django.db.backends.base.creation import BaseDatabaseCreation

    create_as_django_does = BaseDatabaseCreation.create_test_db
    BaseDatabaseCreation.create_test_db = created_from_kept_copies(create_as_django_does)
    yield
    BaseDatabaseCreation.create_test_db = create_as_django_does
    with django_db_blocker.unblock():
        drop_postgres_templates()


@pytest.fixture(autouse=True, scope="session")
def plain_static_files():
    # Hashed static names need collectstatic; the tests check pages, not the manifest.
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Every login and every user made by a factory hashes a password; the real hasher is
    # slow on purpose. The tests that check hashing itself are Django's, not ours.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def site_url(settings):
    # Absolute URLs are built on the site address (shared/site_address.py); in tests that
    # is the test client's own host, so the links a page or a mail gives can be followed.
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def clock_standing_still():
    """Rate limits count in fixed windows of the clock (django-ratelimit's, aligned to the
    minute or the hour): requests that straddle a window's edge start the count again, so a
    test of a limit fails now and then by the hour it runs at. The clock stands still while
    such a test makes its requests."""
    import time_machine
    from django.utils import timezone

    with time_machine.travel(timezone.now(), tick=False) as clock:
        yield clock


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def isolated_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    from shared import cache as cache_keys
    from shared.page_cache import recent_pages

    cache.clear()
    recent_pages.clear()
    cache_keys.recent_fragments.clear()
    # A brand-new cache: nothing has changed yet, so the first page built can be kept.
    cache.set(cache_keys.PREFIX + cache_keys.BORN, 0, timeout=None)
    yield
    cache.clear()
    recent_pages.clear()
    cache_keys.recent_fragments.clear()


@pytest.fixture
def no_page_cache():
    """Every request renders its page (fragments and kept rows still count): for tests of
    what a miss reads and draws."""
    with override_settings(PAGE_CACHE_ENABLED=False):
        yield


@pytest.fixture
def category(db):
    return factories.CategoryFactory()


@pytest.fixture
def author(db):
    return factories.UserFactory(display_name="Amara Okafor")


@pytest.fixture
def published_article(db, category, author):
    return factories.ArticleFactory(published=True, category=category, authors=[author])


@pytest.fixture
def warm_content_types(db):
    """Query budgets measure a page as a running server serves it: a server has long since
    cached its content types, a fresh test process (or one after a flush) has not."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*apps.get_models())


@pytest.fixture(autouse=True)
def jobs_run_at_once(settings):
    # Most tests check what a job does, not the queue: run each job when it is enqueued.
    # Tests of the queue itself (and of webhooks) ask for `job_queue` instead.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def no_link_checks(settings):
    # Saving an article asks its body's links over the network (prepublish/): no test may
    # reach the internet, so only the tests of the link check turn it on, against a local server.
    settings.PREPUBLISH_LINK_CHECKS = False


@pytest.fixture
def job_queue(settings, jobs_run_at_once):
    """The real database queue, with a worker that runs in this process on demand."""
    from tests.jobs.queue import JobQueue

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    return JobQueue()


@pytest.fixture
def inbox(settings):
    """A real SMTP server (aiosmtpd, tests/smtp.py) the site mails; `inbox.messages` is what
    it took."""
    controller, inbox = smtp.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    yield inbox
    controller.stop()
