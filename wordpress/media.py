"""Find an attachment's original file: in a copy of wp-content/uploads, or, only when the
editor allows it, over HTTP with a timeout and a size limit.

An export is a file anyone can write, so its attachment URLs are fetched like webhooks:
never from an internal address, each redirect checked again (shared/guarded_fetch.py).
Every failed download is reported in the same words ("could not be downloaded"), so the
report cannot tell an open port from a closed one; the reason goes to the server's log.
"""

import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from shared import guarded_fetch

logger = logging.getLogger(__name__)

DOWNLOAD_TIMEOUT = 15  # seconds, for each wait on the network
DOWNLOAD_TOTAL_SECONDS = 60  # for the whole download: a server trickling bytes is cut off
DOWNLOAD_MAX_BYTES = 20 * 1024 * 1024
UPLOADS = re.compile(r"/wp-content/uploads/(?P<path>.+)$")
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")


DOWNLOAD_FAILED = "could not be downloaded"


class MediaMissing(Exception):
    pass


class DownloadFailed(MediaMissing):
    """Whatever went wrong, the same message: what answered is not the report's business."""

    def __init__(self):
        super().__init__(DOWNLOAD_FAILED)


def relative_upload_path(url, attached_file=""):
    """'2024/03/boats.jpg' from _wp_attached_file, or from the URL's uploads part."""
    if attached_file:
        return attached_file.lstrip("/")
    found = UPLOADS.search(urlsplit(url).path)
    return found["path"] if found else Path(urlsplit(url).path).name


def url_key(url):
    """The same file however it was linked: any scheme, and a resized copy's -300x200."""
    parts = urlsplit(url)
    return SIZE_SUFFIX.sub("", f"{parts.netloc}{parts.path}").lower()


def read_original(*, url, attached_file, media_dir=None, download=False):
    """(the file's bytes, whether they were downloaded)."""
    if media_dir:
        root = Path(media_dir).resolve()
        candidate = (root / relative_upload_path(url, attached_file)).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate.read_bytes(), False
        if not download:
            raise MediaMissing(f"not in {media_dir}")
    if not download:
        raise MediaMissing("no --media-dir given and downloading is off")
    return download_original(url), True


def download_original(url):
    try:
        response = guarded_fetch.request(
            "GET",
            url,
            headers={"User-Agent": "Newsroom WordPress importer"},
            timeout=DOWNLOAD_TIMEOUT,
            total_timeout=DOWNLOAD_TOTAL_SECONDS,
            read_limit=DOWNLOAD_MAX_BYTES,
            truncate=False,
            allowed_hosts=settings.WORDPRESS_IMPORT_ALLOWED_INTERNAL_HOSTS,
        )
    except (guarded_fetch.Refused, guarded_fetch.Unreachable) as error:
        logger.info("WordPress import: %s not downloaded: %s", url, error)
        raise DownloadFailed from error
    if response.status != 200:
        logger.info("WordPress import: %s answered %s", url, response.status)
        raise DownloadFailed
    return response.body
