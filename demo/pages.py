"""The demo newsroom's own pages for seed_demo: About, and under it the ethics and
corrections policies, in the footer and linked as the publisher's policies (the site
identity's JSON-LD names them, as Google News' transparency guidance asks).

A page already at one of these addresses is an editor's and is left as it is.
"""

from django.conf import settings
from django.core.cache import cache

from articles.models import SiteIdentity
from pages.models import Page
from shared.cache import content_changed
from shared.keys import NAV, static_page_key

ABOUT = """\
Newsroom is a demo publication: every story, name and picture on this site was made up to \
show what the software can do. Nothing here is real news.

## Who we are

Sofia Marquez is the managing editor and reads every story before it is published. Amara \
Okafor covers business and the economy, Lucas Brennan science and the environment, and Mei \
Tanaka culture and sport.

## How to reach us

Write to the desk at newsroom@newsroom.example. Spotted a mistake? Our \
[corrections policy](/about/corrections/) says how we fix it, and our \
[ethics policy](/about/ethics/) says how we work.
"""

ETHICS = """\
We report for our readers, not for advertisers, owners or the people we cover.

## Accuracy

Every fact is checked before it is published, and every story is read by an editor. We \
name our sources wherever we can, and say why when we cannot.

## Independence

Our reporters take no gifts, trips or payments from the people they write about. Opinion \
pieces are labelled as opinion, and are kept apart from the news.

## Fairness

People we criticise are given the chance to answer before we publish, and their answer \
is in the story.
"""

CORRECTIONS = """\
When we get something wrong, we say so, on the story itself.

## How we correct

A correction is added to the end of the story, with the date and what changed; the story \
is marked as corrected at the top. Small slips of spelling or grammar are fixed without a \
note.

## How to tell us

Write to newsroom@newsroom.example with the address of the story and what is wrong. An \
editor answers within two working days.
"""

# (parent slug or None, slug, title, body, footer position, site identity field)
PAGES = [
    (None, "about", "About us", ABOUT, 1, "masthead"),
    ("about", "ethics", "Ethics policy", ETHICS, 2, "ethics_policy"),
    ("about", "corrections", "Corrections policy", CORRECTIONS, 3, "corrections_policy"),
]


def seed_pages():
    """Make the demo's pages once and name them as the publisher's policies where the
    site identity names none yet; returns the pages made."""
    made, pages = [], {}
    for parent_slug, slug, title, body, position, _ in PAGES:
        parent = pages.get(parent_slug)
        path = f"{parent.path}/{slug}" if parent else slug
        page = Page.objects.filter(path=path).first()
        if page is None:
            page = Page.objects.create(
                parent=parent,
                slug=slug,
                title=title,
                body=body,
                is_published=True,
                footer_position=position,
            )
            made.append(page)
        pages[slug] = page
    identity = SiteIdentity.objects.first() or SiteIdentity(
        name=settings.SITE_NAME,
        tagline=getattr(settings, "SITE_TAGLINE", ""),
        language=settings.LANGUAGE_CODE,
    )
    unset = [field for *_, field in PAGES if getattr(identity, f"{field}_id") is None]
    for _, slug, *_, field in PAGES:
        if field in unset:
            setattr(identity, field, pages[slug])
    if unset:
        identity.save()  # names the whole site changed: the publisher is in every page's head
    if made:
        cache.delete(SiteIdentity.CACHE_KEY)
        content_changed(NAV, *(static_page_key(page.pk) for page in made))
    return made
