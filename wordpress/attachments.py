"""WordPress attachments → library images, with their alt text, caption and credit."""

import re
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Image
from shared.uploads import clean_image_upload

from .content import plain_text
from .media import DOWNLOAD_FAILED, DownloadFailed, MediaMissing, read_original, url_key
from .media import UPLOADS as UPLOADS_PATH
from .models import OldAddress, WordPressItem
from .redirects import address_key

Kind = WordPressItem.Kind


def attachment_import(catalogue, item):
    url = item.attachment_url or item.guid
    known = catalogue.known.get((Kind.ATTACHMENT, item.wp_id))
    image = Image.objects.filter(pk=known).first() if known else None
    alt = plain_text(item.meta.get("_wp_attachment_image_alt", ""))[:250]
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
        if image.pk:  # not in a dry run
            catalogue.image_addresses += [
                OldAddress(path=path, image_id=image.pk)
                for path in old_file_paths(catalogue, url, item.meta)
            ]


def image_create(catalogue, item, url, alt, caption, credit):
    """A new library image, cleaned like an editor's upload (no EXIF, GPS or comments)."""
    name = urlsplit(url).path.rsplit("/", 1)[-1] or f"wordpress-{item.wp_id}.jpg"
    downloaded = False
    try:
        data, downloaded = read_original(
            url=url,
            attached_file=item.meta.get("_wp_attached_file", ""),
            media_dir=catalogue.options.media_dir,
            download=catalogue.options.download,
        )
        upload = clean_image_upload(SimpleUploadedFile(name, data))
    except DownloadFailed as error:
        catalogue.report.missing_images.append({"where": f"image {item.wp_id}", "file": url})
        catalogue.report.skip("image", item.wp_id, url, str(error))
        return None
    except MediaMissing as error:
        catalogue.report.missing_images.append({"where": f"image {item.wp_id}", "file": url})
        catalogue.report.skip("image", item.wp_id, url, f"file not found ({error})")
        return None
    except ValidationError as error:
        # A downloaded file that is no picture says no more than a failed download: the
        # report must not tell what answered at that address.
        reason = DOWNLOAD_FAILED if downloaded else error.messages[0]
        catalogue.report.skip("image", item.wp_id, url, reason)
        return None
    catalogue.report.count("image", "imported")
    if catalogue.options.dry_run:
        return SimpleNamespace(pk=0, alt_text=alt, file=SimpleNamespace(url=url))
    image = Image(file=upload, alt_text=alt, caption=caption, credit=credit)
    image.save()
    catalogue.record(Kind.ATTACHMENT, item.wp_id, image)
    return image


SIZE_FILE = re.compile(r's:(?:4:"file"|14:"original_image");s:\d+:"(?P<file>[^"]+)";')


def old_file_paths(catalogue, url, meta):
    """The old site's addresses of the file and of the resized copies WordPress made
    (boats-300x200.jpg, and the original of a '-scaled' upload), as OldAddress keys."""
    parts = urlsplit(url)
    if parts.netloc and (parts.hostname or "").lower() not in catalogue.hosts:
        return []
    found = UPLOADS_PATH.search(parts.path)
    if not found:
        return []
    folder = found["path"].rsplit("/", 1)[0] if "/" in found["path"] else ""
    names = {found["path"]}
    for match in SIZE_FILE.finditer(meta.get("_wp_attachment_metadata", "")):
        name = match["file"].rsplit("/", 1)[-1]
        names.add(f"{folder}/{name}" if folder else name)
    return sorted(address_key(f"/wp-content/uploads/{name}") for name in names)


CREDIT = re.compile(r's:6:"credit";s:\d+:"(?P<credit>[^"]*)";')


def image_credit(serialized_meta):
    """The photographer WordPress read from the file's IPTC data, in its PHP-serialised
    attachment metadata."""
    found = CREDIT.search(serialized_meta or "")
    return found["credit"].strip() if found else ""
