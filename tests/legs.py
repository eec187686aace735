"""Which database leg of `make test` runs which tests (the Makefile sets NEWSROOM_TEST_LEG).

Every test runs in at least one leg. Tests of what the database itself decides run on both
SQLite and PostgreSQL: query counts, search (FTS5 against PostgreSQL's text search), locks
and workers racing, migrations, backups, what a write marks stale. The rest run once, placed
by concern: the reader's side, the settings and the servers that share a SQLite file or sit
behind Varnish in the SQLite leg (what `make run` serves); the newsroom's desk, the API and
the servers that share PostgreSQL in the PostgreSQL leg (what a newsroom runs in
production). A path not listed runs on both, so a new app is covered twice until someone
places it here. (Until 2026-12 whole folders ran on both: 850 tests twice that check no
rule of the database, a third of the legs' time.)

Both legs also run every file that moves the clock (it imports time_machine): each leg runs
at its own awkward hour (the Makefile's faketime), and such a test is to pass at both.

Two markers place a single test inside a file that runs on both: `own_servers` (it starts its
own servers on its own databases: PostgreSQL leg) and `one_database` (it checks what no
database changes: SQLite leg).
"""

SQLITE = frozenset({"sqlite"})
POSTGRES = frozenset({"postgres"})
BOTH = SQLITE | POSTGRES

PLACES = {
    # What the database decides: both legs.
    "tests/search/": BOTH,
    "tests/newsroom/test_backup.py": BOTH,
    "tests/newsroom/test_what_each_write_makes_stale.py": BOTH,
    "tests/articles/test_admin.py": BOTH,  # query counts of the desk's screens
    "tests/articles/test_head_metadata.py": BOTH,
    "tests/articles/test_listings_performance.py": BOTH,
    "tests/articles/test_picture_picker.py": BOTH,
    "tests/accounts/test_permissions_kept.py": BOTH,
    "tests/accounts/test_what_is_kept_for_a_reader.py": BOTH,
    "tests/api/test_read.py": BOTH,
    "tests/comments/test_display.py": BOTH,
    "tests/comments/test_query_budgets.py": BOTH,
    "tests/comments/test_shared_pages_for_readers.py": BOTH,
    "tests/fronts/test_fronts.py": BOTH,
    "tests/live/test_poll.py": BOTH,
    "tests/live/test_what_an_update_makes_stale.py": BOTH,
    "tests/memberships/test_never_leaks.py": BOTH,
    "tests/memberships/test_search_walls.py": BOTH,
    # The reader's side of each app: SQLite.
    "tests/articles/": SQLITE,
    "tests/accounts/": SQLITE,
    "tests/comments/": SQLITE,
    "tests/memberships/": SQLITE,
    "tests/live/test_structured_data.py": SQLITE,
    "tests/newsletters/test_follow_button.py": SQLITE,
    "tests/newsletters/test_header_fields.py": SQLITE,
    "tests/newsletters/test_preferences.py": SQLITE,
    "tests/newsletters/test_privacy.py": SQLITE,
    "tests/newsletters/test_tracking.py": SQLITE,
    "tests/jobs/test_supervise.py": SQLITE,  # make run's pair of processes
    "tests/browser/": SQLITE,  # the few unmarked tests beside the browser's
    # Two of the desk's apps, on SQLite to even the legs' times (nothing in them is a
    # database's rule; measured 2026-12-06: SQLite 6:12 against PostgreSQL 7:05 without them).
    "tests/notes/": SQLITE,
    "tests/prepublish/": SQLITE,
    # The desk, the API and what other systems call: PostgreSQL.
    "tests/api/": POSTGRES,
    "tests/fronts/": POSTGRES,
    "tests/jobs/": POSTGRES,
    "tests/live/": POSTGRES,
    "tests/newsletters/": POSTGRES,
    "tests/articles/test_admin_details.py": POSTGRES,
    "tests/articles/test_admin_workspace.py": POSTGRES,
    "tests/articles/test_article_entry.py": POSTGRES,
    "tests/articles/test_clean_stored_images.py": POSTGRES,
    "tests/articles/test_permissions.py": POSTGRES,
    "tests/articles/test_preview.py": POSTGRES,
    "tests/articles/test_publish_selected_once.py": POSTGRES,
    "tests/articles/test_revisions.py": POSTGRES,
    "tests/articles/test_send_back.py": POSTGRES,
    "tests/accounts/test_admin_search.py": POSTGRES,
    "tests/comments/test_admin.py": POSTGRES,
    "tests/comments/test_moderation_rules.py": POSTGRES,
    "tests/memberships/test_csv.py": POSTGRES,
    "tests/memberships/test_tier_order.py": POSTGRES,
    # Job workers in processes of their own, 20 s or more each: once, on the database their
    # case turns on (other processes writing into a batch: SQLite's one writer; workers
    # racing for a job or a digest: PostgreSQL's row locks, what many app servers run).
    "tests/newsletters/test_interrupted_send.py::test_a_batch_keeps_sending_while": SQLITE,
    "tests/newsletters/test_digest_workers.py": POSTGRES,
    "tests/jobs/test_worker_recovery.py": POSTGRES,
    # The reader's side, the settings, the importer, servers on a SQLite file: SQLite.
    "tests/security/": SQLITE,
    "tests/shared/": SQLITE,
    "tests/newsroom/": SQLITE,
    "tests/demo/": SQLITE,
    "tests/pages/": SQLITE,
    "tests/refactor/": SQLITE,
    "tests/test_settings.py": SQLITE,
    "tests/test_sqlite_settings.py": SQLITE,
    "tests/test_static_references.py": SQLITE,
    "tests/test_template_lines.py": SQLITE,
    "tests/test_packaging.py": SQLITE,
    "tests/test_browser_tests_placement.py": SQLITE,
    "tests/integration/": SQLITE,  # Varnish in front of a site on a SQLite file
    "tests/wordpress/": SQLITE,
    # The desk, the webhooks, PostgreSQL's own tooling: PostgreSQL.
    "tests/autosave/": POSTGRES,
    "tests/editor/": POSTGRES,
    "tests/notifications/": POSTGRES,
    "tests/presence/": POSTGRES,
    "tests/webhooks/": POSTGRES,
    "tests/test_pgserver.py": POSTGRES,
    "tests/test_migrate_pre_split_database.py": POSTGRES,
}


def legs_of(item):
    """The legs that run this collected test."""
    if item.get_closest_marker("own_servers"):
        return POSTGRES
    if item.get_closest_marker("one_database"):
        return SQLITE
    if "time_machine" in vars(getattr(item, "module", None) or object):
        return BOTH
    # A place is a folder, a file or one test (a prefix of the test's id); the longest wins.
    matches = [prefix for prefix in PLACES if item.nodeid.startswith(prefix)]
    return PLACES[max(matches, key=len)] if matches else BOTH
