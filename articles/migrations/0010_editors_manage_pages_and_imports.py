"""Editors edit static pages and run WordPress imports (accounts 0002 gave them every
articles permission that existed then; these models came later)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = [
    "page",
    "historicalpage",
    "oldaddress",
    "wordpressimport",
    "wordpressitem",
    "imagelackingalttext",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor = Group.objects.filter(name="Editor").first()
    if editor is not None:
        editor.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="articles", content_type__model__in=MODELS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_static_pages_and_wordpress_import"),
        ("accounts", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
