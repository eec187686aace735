"""Which database leg of `make test` runs which tests (the Makefile sets NEWSROOM_TEST_LEG).

Every test runs in at least one leg. Tests of what the database itself decides (queries and
their counts, locks between workers, migrations, backups, what a write marks stale) run on
both SQLite and PostgreSQL. The rest run once, placed so the two legs, side by side on two
cores, take about the same time: the reader's side, the settings and the servers that share a
SQLite file or sit behind Varnish in the SQLite leg (what `make run` serves); the newsroom's
desk and the servers that share PostgreSQL in the PostgreSQL leg (what a newsroom runs in
production). A path not listed runs on both, so a new app is covered twice until
someone places it here.

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
    "tests/articles/": BOTH,
    "tests/accounts/": BOTH,
    "tests/api/": BOTH,
    "tests/comments/": BOTH,
    "tests/jobs/": BOTH,
    "tests/live/": BOTH,
    "tests/newsletters/": BOTH,
    "tests/search/": BOTH,
    "tests/newsroom/test_backup.py": BOTH,
    "tests/newsroom/test_what_each_write_makes_stale.py": BOTH,
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
    "tests/notes/": POSTGRES,
    "tests/notifications/": POSTGRES,
    "tests/prepublish/": POSTGRES,
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
