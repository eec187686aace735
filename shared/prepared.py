"""An ORM query built and compiled once per process, then run again with other ids.

For the few requests every open tab of the newsroom sends every few seconds (heartbeats,
autosaves): there, building a small query's SQL through the ORM costs several times what
running it does. The query stays written with the ORM, where its rule lives (a QuerySet
method); only its SQL is kept.

`build(*ids)` returns the queryset; it is called once with placeholder ids, which must reach
the SQL as parameters unchanged (primary and foreign keys do). `rows` gives the rows as the
database driver gives them, with none of the ORM's converters: ask for ids, numbers and
text (`values_list`), not dates or JSON; `values` puts them through the ORM's converters
(dates as aware datetimes on every database), as the queryset itself would.
"""

from django.db import connections

# Ids no table holds, each told apart from the others and from any constant of the query.
PLACEHOLDER_BASE = -7_351_000_000_000


class PreparedQuery:
    def __init__(self, build):
        self.build = build
        # {database alias: (sql, [index of the id or (None, constant)], converters)}
        self.compiled = {}

    def _compile(self, alias, count):
        placeholders = [PLACEHOLDER_BASE - n for n in range(count)]
        queryset = self.build(*placeholders)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        # {column: (converters, expression)}, as the compiler's own results_iter finds them.
        converters = compiler.get_converters([column[0] for column in compiler.select])
        where = []
        for param in params:
            where.append(
                (placeholders.index(param), None) if param in placeholders else (None, param)
            )
        missing = set(range(count)) - {index for index, _constant in where}
        if missing:
            raise ValueError(f"PreparedQuery: ids {sorted(missing)} are not parameters of {sql}")
        self.compiled[alias] = (sql, where, converters)
        return self.compiled[alias]

    def rows(self, *ids, using="default"):
        return self._fetch(ids, using)[0]

    def values(self, *ids, using="default"):
        """The rows as tuples of the values the ORM would give (its converters applied)."""
        rows, converters = self._fetch(ids, using)
        if not converters:
            return rows
        connection, converted = connections[using], []
        for row in rows:
            row = list(row)
            for column, (functions, expression) in converters.items():
                value = row[column]
                for function in functions:
                    value = function(value, expression, connection)
                row[column] = value
            converted.append(tuple(row))
        return converted

    def _fetch(self, ids, using):
        sql, where, converters = self.compiled.get(using) or self._compile(using, len(ids))
        params = [ids[index] if index is not None else constant for index, constant in where]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall(), converters
