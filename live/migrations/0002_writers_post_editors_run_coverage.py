"""Writers post live updates (to pages they are on, and edit their own: live.services holds
those rules); Editors hold every live permission: edit anyone's, pin, delete, start, end."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITER = ["add_liveupdate", "change_liveupdate", "view_liveupdate"]


def grant(apps, schema_editor):
    # Permissions are normally made after migrate; make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    live = Permission.objects.filter(content_type__app_label="live")
    writer, _ = Group.objects.get_or_create(name="Writer")
    writer.permissions.add(*live.filter(codename__in=WRITER))
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(*live)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    live = Permission.objects.filter(content_type__app_label="live")
    for group in Group.objects.filter(name__in=["Writer", "Editor"]):
        group.permissions.remove(*live)


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0001_live_updates"),
        ("accounts", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
