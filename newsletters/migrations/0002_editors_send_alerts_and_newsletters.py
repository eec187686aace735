"""Editors send breaking-news alerts and newsletters, compose newsletters, and see who is
subscribed, what was sent and which addresses are suppressed; writers see none of it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    "send_alert",
    "send_newsletter",
    "add_newsletter",
    "change_newsletter",
    "delete_newsletter",
    "view_newsletter",
    "view_send",
    "view_delivery",
    "view_subscriber",
    "view_suppression",
]


def grant(apps, schema_editor):
    # Permissions are normally made after migrate; make them now so the group can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(
        *Permission.objects.filter(content_type__app_label="newsletters", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editor in Group.objects.filter(name="Editor"):
        editor.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="newsletters", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0001_subscribers_sends_deliveries_suppressions"),
        ("accounts", "0002_editorial_groups"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="send",
            options={
                "ordering": ["-created_at"],
                "permissions": [
                    ("send_alert", "Can send a breaking-news alert"),
                    ("send_newsletter", "Can send a newsletter to its readers"),
                ],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
