"""The search index held the whole body of every story: rewrite the rows of the stories
behind a wall, so it holds only their teasers (search/index.py, `_walled_bodies`)."""

from django.db import migrations

WITHHELD = ("registered", "members", "tier")


def reindex_walled_stories(apps, schema_editor):
    from search.index import index_articles  # the live indexer: it reads the rules as built

    AccessRule = apps.get_model("memberships", "AccessRule")
    Article = apps.get_model("articles", "Article")
    rules = AccessRule.objects.filter(level__in=WITHHELD)
    ids = set(rules.exclude(article=None).values_list("article_id", flat=True))
    categories = rules.exclude(category=None).values_list("category_id", flat=True)
    ids.update(Article.objects.filter(category_id__in=categories).values_list("pk", flat=True))
    if ids:
        index_articles(sorted(ids))


class Migration(migrations.Migration):
    dependencies = [
        ("memberships", "0006_tier_rank_higher_includes_lower"),
        ("search", "0001_search_document"),
    ]

    operations = [migrations.RunPython(reindex_walled_stories, migrations.RunPython.noop)]
