"""What a migrated database still answers, as JSON on stdout (for the migration test).

    DJANGO_VAR_DIR=… SQLITE_PATH=… .venv/bin/python -m tests.refactor.app_checks

Run in its own process against a database file, with the settings of snapshot_pages
(in-memory caches). Models are found by their table, not their app, so the same checks
run before and after the models move: pages (articles_page) and WordPress imports
(articles_wordpressimport, articles_wordpressitem, articles_oldaddress).
"""

import json
import os
import sqlite3
import sys

ADMIN_TABLES = ("articles_page", "articles_wordpressimport", "articles_wordpressitem")
EDITOR = "sofia"


def table_rows(sql):
    with sqlite3.connect(os.environ["SQLITE_PATH"]) as connection:
        return [row[0] for row in connection.execute(sql)]


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.refactor.snapshot_settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    visitor = Client(HTTP_HOST="localhost")
    old = {}
    for path in table_rows("SELECT path FROM articles_oldaddress ORDER BY path"):
        response = visitor.get(path)
        old[path] = [response.status_code, response.get("Location")]
    pages = {}
    for path in table_rows("SELECT path FROM articles_page WHERE is_published ORDER BY path"):
        pages[f"/{path}/"] = visitor.get(f"/{path}/").status_code

    editor = get_user_model().objects.get(username=EDITOR)
    desk = Client(HTTP_HOST="localhost")
    desk.force_login(editor)
    changelists = {}
    for model in admin.site._registry:
        meta = model._meta
        if meta.db_table in ADMIN_TABLES:
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
            changelists[meta.db_table] = {
                "status": desk.get(url).status_code,
                "may_view": editor.has_perm(f"{meta.app_label}.view_{meta.model_name}"),
                "may_change": editor.has_perm(f"{meta.app_label}.change_{meta.model_name}"),
            }
    json.dump({"old_addresses": old, "pages": pages, "changelists": changelists}, sys.stdout)


if __name__ == "__main__":
    main()
