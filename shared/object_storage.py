"""Media in an S3-compatible bucket (DJANGO_MEDIA_STORAGE=s3), for many app servers.

Every app server and job worker reads and writes the same bucket through Django's storage
API, so a picture uploaded on one box is seen by all. The rule for what may be found stays
the one of the local folder (shared/storage.py): objects are read by their exact name, and
names are random; the bucket lets anonymous readers GET an object but never list the
bucket, so a picture that no published article shows cannot be found (docs/operations.md).

An object appears whole or not at all (a PUT is atomic in S3), and a rendition's name is
recorded only after every object of its set is stored (shared/renditions.py), so a worker
killed mid-rendition leaves at most unreferenced objects, never a page pointing at half a
picture.
"""

from urllib.parse import quote

from django.core.files.storage import default_storage
from storages.backends.s3 import S3Storage

from .storage import is_generated_name, picture_type

IMMUTABLE = "public, max-age=31536000, immutable"
REPLACEABLE = "public, max-age=300"


class MediaStorage(S3Storage):
    """The bucket, with public addresses under `public_url` (the bucket's or a CDN's, which
    maps to the bucket's root: a `location` is part of every object's key)."""

    default_acl = None  # the bucket's policy decides; many S3-compatible stores lack ACLs
    querystring_auth = False  # public addresses, cacheable by any CDN
    file_overwrite = False

    def get_default_settings(self):
        return {**super().get_default_settings(), "public_url": ""}

    def get_object_parameters(self, name):
        # A generated name never gets other content: cache it for a year, like nginx does.
        # (`name` is the object's key here, the location in front of the stored name.)
        stored = name.removeprefix(self.prefix())
        cache = IMMUTABLE if is_generated_name(stored) else REPLACEABLE
        parameters = {**super().get_object_parameters(name), "CacheControl": cache}
        # The type comes from the name, never a guess from the content; anything that is
        # not a picture is only ever downloaded, never rendered on the media domain.
        parameters["ContentType"] = picture_type(stored) or "application/octet-stream"
        if not picture_type(stored):
            parameters["ContentDisposition"] = "attachment"
        return parameters

    def get_available_name(self, name, max_length=None):
        # A generated name is random and never reused: asking the bucket whether it is taken
        # would cost a request per object (a dozen per set of renditions) and always say no.
        if is_generated_name(name):
            return name
        return super().get_available_name(name, max_length)

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not self.public_url:
            return super().url(name, parameters, expire, http_method)
        return f"{self.public_url.rstrip('/')}/{quote(self._normalize_name(name))}"

    # For backups, restores and moving a site's media in: exact names, no new ones.
    def put(self, name, content):
        """Store `content` under exactly `name` (replacing any object there)."""
        return self._save(name, content)

    def objects(self):
        """(name, size) of every object, in name order."""
        paginator = self.connection.meta.client.get_paginator("list_objects_v2")
        prefix = self.prefix()
        for page in paginator.paginate(Bucket=self.bucket_name, Prefix=prefix):
            for entry in page.get("Contents", ()):
                yield entry["Key"][len(prefix) :], entry["Size"]

    def prefix(self):
        return f"{self.location.strip('/')}/" if self.location.strip("/") else ""

    def sizes(self):
        return dict(self.objects())


def media_in_bucket(storage=None):
    """True when uploads go to a bucket rather than the local MEDIA_ROOT."""
    # default_storage is lazy, and answers isinstance() as the storage it stands for.
    return isinstance(storage or default_storage, MediaStorage)
