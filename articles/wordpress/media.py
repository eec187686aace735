"""Find an attachment's original file: in a copy of wp-content/uploads, or, only when the
editor allows it, over HTTP with a timeout and a size limit."""

import re
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

DOWNLOAD_TIMEOUT = 15  # seconds
DOWNLOAD_MAX_BYTES = 20 * 1024 * 1024
UPLOADS = re.compile(r"/wp-content/uploads/(?P<path>.+)$")
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")


class MediaMissing(Exception):
    pass


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
    if media_dir:
        root = Path(media_dir).resolve()
        candidate = (root / relative_upload_path(url, attached_file)).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate.read_bytes()
        if not download:
            raise MediaMissing(f"not in {media_dir}")
    if not download:
        raise MediaMissing("no --media-dir given and downloading is off")
    if urlsplit(url).scheme not in ("http", "https"):
        raise MediaMissing("not an http(s) address")
    request = urllib.request.Request(url, headers={"User-Agent": "Newsroom WordPress importer"})
    try:
        with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT) as response:  # noqa: S310
            data = response.read(DOWNLOAD_MAX_BYTES + 1)
    except (OSError, ValueError) as error:
        raise MediaMissing(f"download failed: {error}") from error
    if len(data) > DOWNLOAD_MAX_BYTES:
        raise MediaMissing(f"larger than the {DOWNLOAD_MAX_BYTES:,}-byte limit")
    return data
