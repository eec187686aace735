"""Old category, tag and feed addresses, and the one way OldAddress rows are written."""

from django.urls import reverse

from .models import OldAddress

SITE_FEEDS = ["/feed/", "/feed/rss/", "/feed/rss2/", "/feed/rdf/", "/rss/", "/rss2/"]
ATOM_FEEDS = ["/feed/atom/", "/atom/"]


def save_addresses(addresses):
    # One row per path (the last wins): PostgreSQL refuses an upsert touching a row twice.
    unique = {address.path: address for address in addresses}
    OldAddress.objects.bulk_create(
        list(unique.values()),
        update_conflicts=True,
        unique_fields=["path"],
        update_fields=["article", "page", "image", "url"],
        batch_size=500,
    )


def term_addresses_save(catalogue):
    """Old category, tag and feed addresses answer 301 with the new ones."""
    rss, atom = reverse("syndication:rss"), reverse("syndication:atom")
    addresses = dict.fromkeys(SITE_FEEDS, rss) | dict.fromkeys(ATOM_FEEDS, atom)
    for wp_slug, category in catalogue.categories.items():
        paths = [f"/category/{wp_slug}/"]
        parent = catalogue.wp_categories.get(wp_slug, {}).get("parent")
        if parent:
            paths.append(f"/category/{parent}/{wp_slug}/")
        for path in paths:
            if path != category.get_absolute_url():
                addresses[path] = category.get_absolute_url()
            addresses[f"{path}feed/"] = reverse("syndication:category-rss", args=[category.slug])
    for wp_slug, tag in catalogue.tags.items():
        tag_url = reverse("articles:tag", args=[tag.slug])
        if f"/tag/{wp_slug}/" != tag_url:
            addresses[f"/tag/{wp_slug}/"] = tag_url
        addresses[f"/tag/{wp_slug}/feed/"] = reverse("syndication:tag-rss", args=[tag.slug])
    save_addresses(
        [OldAddress(path=path, url=url) for path, url in addresses.items()]
        + catalogue.image_addresses
    )
