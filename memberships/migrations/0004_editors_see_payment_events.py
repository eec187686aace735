"""Editors see what the payment provider sent (read only) and the nightly reconciliations."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_providerevent", "view_reconciliationrun"]


def permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="memberships", codename__in=CODENAMES)


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for editor in Group.objects.filter(name="Editor"):
        editor.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("memberships", "0003_stripe_payments")]

    operations = [migrations.RunPython(grant, revoke)]
