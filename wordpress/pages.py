"""WordPress pages → static pages, parents before children, at the paths planned in the
catalogue; their old addresses answer 301 when the path changed."""

from pages.models import Page

from .addresses import save_addresses
from .content import convert
from .models import OldAddress, WordPressItem

Kind = WordPressItem.Kind
SKIPPED = {"trash": "in the WordPress trash", "auto-draft": "an empty auto-draft"}


def write_pages(catalogue, writer):
    report = catalogue.report
    made = {}
    existing = Page.objects.in_bulk(
        [
            catalogue.known[(Kind.PAGE, p.wp_id)]
            for p in catalogue.pages
            if (Kind.PAGE, p.wp_id) in catalogue.known
        ]
    )
    addresses = []
    for item in catalogue.pages:
        if item.status in SKIPPED:
            report.skip("page", item.wp_id, item.title, SKIPPED[item.status])
            continue
        converted = convert(
            item.content, image_for=catalogue.image_for, link_for=catalogue.link_for
        )
        for name in converted.unknown_shortcodes:
            report.unknown_shortcodes[name].append(f"page {item.wp_id}")
        path = catalogue.page_paths[item.wp_id]
        public = item.status == "publish" and not item.password
        if not public:
            report.not_public.append(
                {
                    "id": f"page {item.wp_id}",
                    "title": item.title,
                    "reason": f"{item.status or 'unpublished'} in WordPress",
                }
            )
        fields = {
            "title": (item.title or f"Page {item.wp_id}")[:200],
            "slug": path.rsplit("/", 1)[-1],
            "parent": made.get(item.post_parent),
            "body": converted.body,
            "is_published": public,
        }
        page = existing.get(catalogue.known.get((Kind.PAGE, item.wp_id)))
        if page is None:
            page = Page(**fields)
            page._change_reason = "Imported from WordPress"
            page.save()
            catalogue.record(Kind.PAGE, item.wp_id, page)
            report.count("page", "imported")
        else:
            changed = any(getattr(page, name) != value for name, value in fields.items())
            if changed:
                for name, value in fields.items():
                    setattr(page, name, value)
                page._change_reason = "Updated from WordPress"
                page.save()
            report.count("page", "updated" if changed else "unchanged")
        made[item.wp_id] = page
        for key in catalogue.old_keys(item.link, f"/?page_id={item.wp_id}"):
            if key != page.get_absolute_url():
                addresses.append(OldAddress(path=key, page=page))
    save_addresses(addresses)
