"""Editors issue and revoke API keys in the admin (staff tokens need no grant: every staff
account manages its own, api/admin.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_apikey", "change_apikey", "view_apikey"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("api")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor = Group.objects.filter(name="Editor").first()
    if editor is not None:
        editor.permissions.add(
            *Permission.objects.filter(content_type__app_label="api", codename__in=CODENAMES)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for editor in Group.objects.filter(name="Editor"):
        editor.permissions.remove(
            *Permission.objects.filter(content_type__app_label="api", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_credentials"),
        ("accounts", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
