"""An ORM query built and compiled once per process, then run again with other ids.

For the few requests every open tab of the newsroom sends every few seconds (heartbeats,
autosaves): there, building a small query's SQL through the ORM costs several times what
running it does. The query stays written with the ORM, where its rule lives (a QuerySet
method); only its SQL is kept.

`build(*ids)` returns the queryset; it is called once with placeholder ids, which must reach
the SQL as parameters unchanged (primary and foreign keys do). Rows come back as the
database driver gives them, with none of the ORM's converters: ask for ids, numbers and
text (`values_list`), not dates or JSON.
"""

from django.db import connections

# Ids no table holds, each told apart from the others and from any constant of the query.
PLACEHOLDER_BASE = -7_351_000_000_000


class PreparedQuery:
    def __init__(self, build):
        self.build = build
        self.compiled = {}  # {database alias: (sql, [index of the id or (None, constant)])}

    def _compile(self, alias, count):
        placeholders = [PLACEHOLDER_BASE - n for n in range(count)]
        queryset = self.build(*placeholders)
        sql, params = queryset.query.get_compiler(using=alias).as_sql()
        where = []
        for param in params:
            where.append(
                (placeholders.index(param), None) if param in placeholders else (None, param)
            )
        missing = set(range(count)) - {index for index, _constant in where}
        if missing:
            raise ValueError(f"PreparedQuery: ids {sorted(missing)} are not parameters of {sql}")
        self.compiled[alias] = (sql, where)
        return self.compiled[alias]

    def rows(self, *ids, using="default"):
        sql, where = self.compiled.get(using) or self._compile(using, len(ids))
        params = [ids[index] if index is not None else constant for index, constant in where]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
