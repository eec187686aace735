"""Editors see background jobs in the admin and may retry the failed ones."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = {
    "django_tasks_database": ["view_dbtaskresult", "change_dbtaskresult"],
    "jobs": ["view_workerheartbeat"],
}


def grant(apps, schema_editor):
    # Permissions are normally made after migrate; make them now so the group can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _ = Group.objects.get_or_create(name="Editor")
    for app_label, codenames in CODENAMES.items():
        editor.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editor in Group.objects.filter(name="Editor"):
        for app_label, codenames in CODENAMES.items():
            editor.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_worker_heartbeat"),
        ("accounts", "0002_editorial_groups"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
