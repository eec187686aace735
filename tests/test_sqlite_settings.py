import pytest
from django.db import connection


@pytest.mark.django_db
def test_the_default_sqlite_database_is_tuned_for_concurrent_writes():
    if connection.vendor != "sqlite":
        pytest.skip("runs on the SQLite leg")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 1  # NORMAL
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20000
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
