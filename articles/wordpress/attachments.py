"""WordPress attachments → library images, with their alt text, caption and credit."""

import io
import re
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.core.files.base import ContentFile
from PIL import Image as PILImage

from ..models import Image, WordPressItem
from .content import plain_text
from .media import MediaMissing, read_original, url_key

Kind = WordPressItem.Kind


def attachment_import(catalogue, item):
    url = item.attachment_url or item.guid
    known = catalogue.known.get((Kind.ATTACHMENT, item.wp_id))
    image = Image.objects.filter(pk=known).first() if known else None
    alt = item.meta.get("_wp_attachment_image_alt", "").strip()[:250]
    caption = plain_text(item.excerpt)[:300]
    credit = image_credit(item.meta.get("_wp_attachment_metadata", ""))[:150]
    if image is not None:
        changed = (image.alt_text, image.caption, image.credit) != (alt, caption, credit)
        if changed:
            image.alt_text, image.caption, image.credit = alt, caption, credit
            image.save(update_fields=["alt_text", "caption", "credit"])
        catalogue.report.count("image", "updated" if changed else "unchanged")
    else:
        image = image_create(catalogue, item, url, alt, caption, credit)
    if image is not None:
        catalogue.images[item.wp_id] = image
        catalogue.images_by_url[url_key(url)] = image


def image_create(catalogue, item, url, alt, caption, credit):
    try:
        data = read_original(
            url=url,
            attached_file=item.meta.get("_wp_attached_file", ""),
            media_dir=catalogue.options.media_dir,
            download=catalogue.options.download,
        )
        PILImage.open(io.BytesIO(data)).verify()
    except MediaMissing as error:
        catalogue.report.missing_images.append({"where": f"image {item.wp_id}", "file": url})
        catalogue.report.skip("image", item.wp_id, url, f"file not found ({error})")
        return None
    except Exception:  # noqa: BLE001  Pillow raises many kinds for a file that is no image
        catalogue.report.skip("image", item.wp_id, url, "the file is not a picture")
        return None
    catalogue.report.count("image", "imported")
    if catalogue.options.dry_run:
        return SimpleNamespace(pk=0, alt_text=alt, file=SimpleNamespace(url=url))
    name = urlsplit(url).path.rsplit("/", 1)[-1] or f"wordpress-{item.wp_id}.jpg"
    image = Image(file=ContentFile(data, name=name), alt_text=alt, caption=caption, credit=credit)
    image.save()
    catalogue.record(Kind.ATTACHMENT, item.wp_id, image)
    return image


CREDIT = re.compile(r's:6:"credit";s:\d+:"(?P<credit>[^"]*)";')


def image_credit(serialized_meta):
    """The photographer WordPress read from the file's IPTC data, in its PHP-serialised
    attachment metadata."""
    found = CREDIT.search(serialized_meta or "")
    return found["credit"].strip() if found else ""
