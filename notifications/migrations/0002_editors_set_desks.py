"""Editors say who hears of each category's submissions: every permission on desks."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_desk", "change_desk", "delete_desk", "view_desk"]


def permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="notifications", codename__in=CODENAMES
    )


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for editor in Group.objects.filter(name="Editor"):
        editor.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_notifications_desks_preferences"),
        ("accounts", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
