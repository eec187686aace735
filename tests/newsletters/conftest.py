import os
import secrets

import psycopg
import pytest

from newsletters.models import Subscriber


@pytest.fixture
def make_readers(db):
    """make_readers(n, category, tags=[...], authors=[...]): confirmed subscribers."""

    def make(n, *categories, prefix="reader", tags=(), authors=(), **fields):
        made = []
        for i in range(n):
            reader = Subscriber.objects.create(
                email=f"{prefix}{i}@example.com", confirmed_at="2026-01-01T00:00Z", **fields
            )
            reader.categories.add(*categories)
            reader.tags.add(*tags)
            reader.authors.add(*authors)
            made.append(reader)
        return made

    return make


@pytest.fixture
def database():
    """For real worker processes: their own SQLite file (nothing to do), or in the
    PostgreSQL stage a database of their own on the test server."""
    server = os.environ.get("DATABASE_URL")
    if not server:
        yield {}
        return
    name = f"newsletters_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield {"DATABASE_URL": f"{server.rsplit('/', 1)[0]}/{name}"}
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
