"""Editors lay out fronts and set the banner; Writers may look at fronts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = [
    f"{action}_{model}"
    for model in ("front", "zone", "placement", "banner")
    for action in ("add", "change", "delete", "view")
] + ["set_banner"]
WRITERS = ["view_front", "view_zone", "view_placement", "view_banner"]


def permissions(apps, codenames):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="fronts", codename__in=codenames)


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(*permissions(apps, EDITORS))
    writer, _ = Group.objects.get_or_create(name="Writer")
    writer.permissions.add(*permissions(apps, WRITERS))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=["Editor", "Writer"]):
        group.permissions.remove(*permissions(apps, EDITORS))


class Migration(migrations.Migration):
    dependencies = [
        ("fronts", "0001_fronts_zones_placements_banner"),
        ("accounts", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
