"""The seed site's thirteen categories, in the order of its category bar."""

from django.db import migrations
from django.utils.text import slugify

CATEGORIES = [
    ("Trending News", "The stories our readers are reading right now.", True),
    ("Blog", "Notes from the newsroom: how and why we report.", False),
    ("Business", "Companies, markets, work and money.", False),
    ("Entertainment", "Film, music, books, television and the arts.", False),
    ("Environment", "Climate, nature and the places we live.", False),
    ("Health", "Medicine, care and living well.", False),
    ("Lifestyle", "Food, homes, travel and the everyday.", False),
    ("News Analysis", "The context behind the headlines.", False),
    ("Opinion", "Arguments from our columnists and guests.", False),
    ("Science", "Discoveries, research and the people behind them.", False),
    ("Sports", "Results, stories and the people who play.", False),
    ("Technology", "Software, hardware and what they change.", False),
    ("World News", "Reporting from around the world.", False),
]


def create_categories(apps, schema_editor):
    Category = apps.get_model("articles", "Category")
    for position, (name, description, shows_trending) in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "description": description,
                "position": position * 10,
                "shows_trending": shows_trending,
            },
        )


def remove_categories(apps, schema_editor):
    Category = apps.get_model("articles", "Category")
    Category.objects.filter(
        slug__in=[slugify(name) for name, _, _ in CATEGORIES], articles__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(create_categories, remove_categories)]
