"""Editors lift a suppression (a bounce the reader says was passing, a forged one) with the
admin's "Lift" action, which needs the delete permission."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def permission(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(
        content_type__app_label="newsletters", codename="delete_suppression"
    )


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(permission(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for editor in Group.objects.filter(name="Editor"):
        editor.permissions.remove(permission(apps))


class Migration(migrations.Migration):
    dependencies = [("newsletters", "0003_deliveries_resent_after_an_interruption")]

    operations = [migrations.RunPython(grant, revoke)]
