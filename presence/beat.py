"""A heartbeat's two statements, written out: the UPDATE of the person's own row, then one
SELECT of everybody here with the article's lock beside them. Every open tab sends one every
15-20 s, and through the ORM building these queries cost more CPU than all else the beat
does (the lock's liveness as an EXISTS, two select_related chains). The lock is live when
its holder is among those here (the rule of LockQuerySet.with_liveness), so one read answers
both questions. Plain SQL both databases speak; values adapted and read back as the ORM
would, so the rows are model instances the templates read as before."""

from datetime import UTC
from functools import cache

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.models import User

from .models import Lock, Presence

# What the panel and the take-over rule read of a person: their name (User.public_name)
# and what their permissions depend on. Other fields load on first use, as deferred ones do.
# In the model's order of fields, as User.from_db takes them.
WANTED = {"id", "username", "first_name", "last_name", "display_name", "is_active", "is_superuser"}
USER_FIELDS = tuple(f.attname for f in User._meta.concrete_fields if f.attname in WANTED)


@cache
def _statements(vendor):
    """(UPDATE, SELECT), quoted for the database (one vendor per process)."""
    qn = connection.ops.quote_name
    presence, lock, user = (qn(m._meta.db_table) for m in (Presence, Lock, User))
    touch = (
        f"UPDATE {presence} SET {qn('last_seen')} = %s "
        f"WHERE {qn('article_id')} = %s AND {qn('user_id')} = %s AND {qn('last_seen')} >= %s"
    )
    people = ", ".join(f"u.{qn(name)}" for name in USER_FIELDS)
    here = (
        f"SELECT p.{qn('id')}, p.{qn('since')}, p.{qn('last_seen')}, {people}, "
        f"l.{qn('id')}, l.{qn('holder_id')}, l.{qn('since')}, l.{qn('taken_from_id')} "
        f"FROM {presence} p INNER JOIN {user} u ON u.{qn('id')} = p.{qn('user_id')} "
        f"LEFT OUTER JOIN {lock} l ON l.{qn('article_id')} = p.{qn('article_id')} "
        f"WHERE p.{qn('article_id')} = %s AND p.{qn('last_seen')} >= %s "
        f"ORDER BY p.{qn('since')}, p.{qn('id')}"
    )
    return touch, here


def _to_db(moment):
    return connection.ops.adapt_datetimefield_value(moment)


def _from_db(value):
    """An aware datetime, as the ORM's converters give it (SQLite keeps naive UTC text)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = parse_datetime(value)
    return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value


def touch(article_id, user_id, now, cutoff):
    """Move the person's live row to `now`; False when they have none (a new visit)."""
    with connection.cursor() as cursor:
        cursor.execute(
            _statements(connection.vendor)[0],
            [_to_db(now), article_id, user_id, _to_db(cutoff)],
        )
        return cursor.rowcount > 0


def here(article_id, user, cutoff):
    """(the live lock or None, the others here in order of arrival) for `user`."""
    with connection.cursor() as cursor:
        cursor.execute(_statements(connection.vendor)[1], [article_id, _to_db(cutoff)])
        rows = cursor.fetchall()
    people, lock_row, others = {}, None, []
    for row in rows:
        presence_id, since, last_seen = row[0], _from_db(row[1]), _from_db(row[2])
        person_values = row[3 : 3 + len(USER_FIELDS)]
        lock_row = row[3 + len(USER_FIELDS) :]
        person_id = person_values[0]
        if person_id == user.pk:
            people[person_id] = user
            continue
        person = User.from_db(connection.alias, USER_FIELDS, person_values)
        people[person_id] = person
        entry = Presence(id=presence_id, article_id=article_id, since=since, last_seen=last_seen)
        entry.user = person
        others.append(entry)
    lock = None
    if lock_row is not None and lock_row[1] in people:
        lock_id, holder_id, since, taken_from_id = lock_row
        lock = Lock(
            id=lock_id,
            article_id=article_id,
            since=_from_db(since),
            taken_from_id=taken_from_id,
        )
        lock.holder = people[holder_id]
        lock.is_live = True
    return lock, others
