"""Media in an S3-compatible bucket (DJANGO_MEDIA_STORAGE=s3): a real SeaweedFS server,
started once for the module, and a fresh bucket for each test."""

import re
import secrets
import urllib.error
import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.urls import reverse

from articles.images import ensure_renditions
from articles.models import Image
from newsroom import backups, views
from shared.object_storage import MediaStorage, media_in_bucket
from tests import people
from tests.factories import ArticleFactory
from tests.seaweed import seaweed_server, signing_on_the_servers_clock

# One server for the module, so run once: in the PostgreSQL leg of `make test`.
pytestmark = [pytest.mark.django_db, pytest.mark.own_servers]


@pytest.fixture(scope="module")
def seaweed():
    with seaweed_server() as server, signing_on_the_servers_clock(server):
        server.bucket = server.create_bucket()
        yield server


@pytest.fixture
def bucket(seaweed, settings):
    """The site's media in a folder of its own of the module's bucket; its public address."""
    options = seaweed.storage_options(seaweed.bucket, location=secrets.token_hex(8))
    settings.STORAGES = {**settings.STORAGES, "default": options}
    settings.MEDIA_URL = options["OPTIONS"]["public_url"]
    assert media_in_bucket()
    return f"{settings.MEDIA_URL}{options['OPTIONS']['location']}/"


def fetch(url, method="GET"):
    """Status and headers of an anonymous request, as a reader's browser would make it."""
    request = urllib.request.Request(url, method=method, data=b"x" if method == "PUT" else None)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def picture_addresses(html):
    """Every <img src> and every srcset candidate of a page."""
    found = re.findall(r'<img[^>]+src="([^"]+)"', html)
    for srcset in re.findall(r'srcset="([^"]+)"', html):
        found += [candidate.strip().split(" ")[0] for candidate in srcset.split(",")]
    return found


def test_a_picture_uploaded_in_the_editor_is_served_from_the_bucket_with_its_renditions(
    bucket, client, media_root, django_capture_on_commit_callbacks
):
    client.force_login(people.editor())
    with django_capture_on_commit_callbacks(execute=True):  # the rendition job runs too
        response = client.post(
            reverse("admin:articles_article_image_upload"),
            {"file": people.upload(data=people.picture_bytes((800, 560))), "alt_text": "Cranes"},
        )
    assert response.status_code == 201
    image = Image.objects.get()
    article = ArticleFactory(published=True, featured_image=image)
    client.logout()

    page = client.get(article.get_absolute_url()).content.decode()
    addresses = picture_addresses(page)
    assert len(addresses) >= 6, "the figure's fallback and its WebP and JPEG candidates"
    assert all(url.startswith(bucket) for url in addresses)
    for url in addresses:
        status, headers = fetch(url)
        assert status == 200, url
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert headers["Content-Type"] == f"image/{'webp' if url.endswith('.webp') else 'jpeg'}"
    assert not [p for p in media_root.rglob("*") if p.is_file()], "nothing on this box's disk"


def test_an_unpublished_articles_picture_cannot_be_found_by_an_anonymous_reader(
    bucket, seaweed, client
):
    image = people.library_image(alt_text="The embargoed merger's signing")
    ArticleFactory(headline="Embargoed", featured_image=image)  # a draft
    ArticleFactory(scheduled=True, body=f"[[image {image.pk}]]")
    names = [image.file.name, *image.renditions["jpeg"].values()]
    names += image.renditions["webp"].values()

    public_pages = ["/", reverse("syndication:rss"), "/sitemap.xml", "/api/v1/articles/"]
    for address in public_pages:
        text = client.get(address).content.decode()
        assert not any(name in text for name in names), address
    # The bucket answers a named object to anyone, but lists nothing and takes no writes.
    root = seaweed.public_url(seaweed.bucket)
    assert fetch(root)[0] == 403
    assert fetch(root + "?list-type=2&prefix=" + bucket.removeprefix(root))[0] == 403
    assert fetch(bucket + "images/2026/12/guess.jpg", "PUT")[0] == 403
    assert fetch(bucket + f"renditions/{image.pk}/480.jpg")[0] in {403, 404}


def local_files(media_root, names):
    for name in names:
        path = media_root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"pixels of {name}".encode())


def move(*args):
    from io import StringIO

    out = StringIO()
    call_command("move_media_to_bucket", *args, stdout=out)
    return out.getvalue()


def test_moving_the_media_folder_twice_copies_each_file_once_and_says_so(bucket, media_root):
    names = ["images/2025/03/" + "a" * 32 + ".jpg", "avatars/2025/03/amara.png", "old.gif"]
    local_files(media_root, [*names, "notes/index.html"])
    default_storage.put(names[0], ContentFile(f"pixels of {names[0]}".encode()))  # a cut run

    assert "Would copy 2 files" in move("--dry-run")
    report = move()
    assert "Copied 2 files" in report
    assert "Left out 1 files that are not pictures: notes/index.html" in report
    assert "Copied 0 files (0.0 MB); 3 already in the bucket; 0 failed." in move()
    assert sorted(default_storage.sizes()) == sorted(names)
    with default_storage.open("avatars/2025/03/amara.png") as handle:
        assert handle.read() == b"pixels of avatars/2025/03/amara.png"
    assert (media_root / "old.gif").exists(), "the local folder is kept until checked"


def test_moving_refuses_while_uploads_are_still_local(media_root):
    with pytest.raises(CommandError, match="DJANGO_MEDIA_STORAGE=s3"):
        move()


def test_an_old_media_address_answers_301_to_the_same_picture_in_the_bucket(bucket):
    name = default_storage.save("images/2025/03/harbour.jpg", ContentFile(b"pixels"))
    response = views.old_media(RequestFactory().get(f"/media/{name}"), name)
    assert response.status_code == 301
    assert fetch(response["Location"])[0] == 200
    with pytest.raises(views.Http404):
        views.old_media(RequestFactory().get("/media/page.html"), "page.html")


def test_a_backup_holds_the_buckets_pictures_and_a_restore_brings_back_exactly_them(
    bucket, tmp_path
):
    kept = {"images/2025/03/a.jpg": b"one", "renditions/f00d/320.webp": b"two"}
    for name, data in kept.items():
        default_storage.put(name, ContentFile(data))
    root, files = backups.media_copy(tmp_path / "backup")
    assert sorted(p.relative_to(root).as_posix() for p in files) == sorted(kept)

    default_storage.delete("images/2025/03/a.jpg")
    default_storage.put("images/2025/04/after-the-backup.jpg", ContentFile(b"later"))
    backups.restore_media(root)
    assert default_storage.sizes() == {name: len(data) for name, data in kept.items()}
    with default_storage.open("images/2025/03/a.jpg") as handle:
        assert handle.read() == b"one"


def test_renditions_cut_short_leave_the_page_on_the_pictures_it_showed(bucket, client, monkeypatch):
    """A worker that dies after storing some objects of a new set: the image still names its
    old set, whose every object answers, and the job's next run makes a whole new set."""
    picture = people.upload(data=people.picture_bytes((800, 560)))
    image = Image.objects.create(file=picture, alt_text="Cranes")
    ensure_renditions(image)  # as the job would have
    article = ArticleFactory(published=True, featured_image=image)
    before = picture_addresses(client.get(article.get_absolute_url()).content.decode())
    stored = []
    real_save = MediaStorage._save

    def dies_on_the_fourth_object(storage, name, content):
        if len(stored) == 3:
            raise SystemExit("the worker was killed")
        stored.append(name)
        return real_save(storage, name, content)

    monkeypatch.setattr(MediaStorage, "_save", dies_on_the_fourth_object)
    image.focal_x = 0.2
    with pytest.raises(SystemExit):
        ensure_renditions(image)
    monkeypatch.undo()

    assert Image.objects.get(pk=image.pk).renditions == image.renditions != {}
    after = picture_addresses(client.get(article.get_absolute_url()).content.decode())
    assert after == before and all(fetch(url)[0] == 200 for url in after)
    assert ensure_renditions(Image.objects.get(pk=image.pk)) is False, "nothing changed yet"
    image.refresh_from_db()
    image.focal_x = 0.2
    assert ensure_renditions(image) is True
    assert not set(image.renditions["jpeg"].values()) & set(stored), "a new folder"
