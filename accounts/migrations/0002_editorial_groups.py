"""The editorial groups, Writer and Editor, with exactly the permissions they need.

The row-level rules (a writer edits only their own drafts and articles in review) live in
articles.services and the admin; these are the model-level grants they build on.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITER = {
    "articles": [
        "add_article",
        "change_article",
        "view_article",
        "add_image",
        "change_image",
        "view_image",
        "view_category",
    ],
    "taggit": ["add_tag", "view_tag"],
}
# Editors get every permission of these apps: articles (with publish_article and
# edit_any_article), tags, and comments (moderation).
EDITOR_APPS = ["articles", "taggit", "comments"]


def create_groups(apps, schema_editor):
    # Permissions are normally made after migrate; make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    writer, _ = Group.objects.get_or_create(name="Writer")
    for app_label, codenames in WRITER.items():
        writer.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(*Permission.objects.filter(content_type__app_label__in=EDITOR_APPS))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Writer", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("articles", "0006_newsroom_workflow_history_redirects_corrections"),
        ("comments", "0001_comments_flags_bans"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
