"""What an editor sees: the report, the upload page, the images lacking alt text, and a
second run, a dry run and a WordPress.com export."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError
from django.urls import reverse

from accounts.models import User
from articles.models import Article, Category, Image
from comments.models import Comment
from pages.models import Page
from tests import people
from wordpress.models import OldAddress, WordPressImport, WordPressItem

from .conftest import EXPORT, UPLOADS, WORDPRESS_COM, run_import

pytestmark = pytest.mark.django_db


def row_counts():
    models = [Article, Comment, Image, Page, OldAddress, User, Category, WordPressItem]
    return {model.__name__: model.objects.count() for model in models}


def test_the_report_lists_counts_and_everything_that_needs_a_human(imported):
    assert "post                 10          0          0          0" in imported
    assert "comment               9          0          0          1" in imported
    assert "comment 10 “on post 8”: a pingback" in imported
    assert "post 17: Low tide this morning left three boats aground" in imported
    assert "post 13 “Members-only briefing”: password-protected" in imported
    assert "[contact-form-7] in posts 4" in imported
    assert "harbour-news → harbour-news" in imported


def test_a_second_import_adds_nothing(imported):
    before = row_counts()
    again = run_import("--media-dir", str(UPLOADS))
    assert row_counts() == before
    assert "post                  0          0         10          0" in again
    assert "comment               0          0          9          1" in again


def test_a_second_import_brings_changes_made_in_wordpress(imported, tmp_path):
    changed = tmp_path / "export.xml"
    changed.write_text(
        EXPORT.read_text().replace("Save the old lighthouse", "Save our old lighthouse")
    )
    report = run_import("--media-dir", str(UPLOADS), path=changed)
    assert "post                  0          1          9          0" in report
    article = Article.objects.get(slug="save-the-lighthouse")
    assert article.headline == "Save our old lighthouse"
    assert article.history.count() == 2  # the import and the update: revisions as usual


def test_a_dry_run_writes_nothing_and_prints_the_report(db):
    before = row_counts()
    report = run_import("--media-dir", str(UPLOADS), "--dry-run")
    assert report.startswith("Dry run: nothing was written.")
    assert "post                 10" in report
    assert row_counts() == before
    assert not WordPressImport.objects.exists()


def test_categories_follow_the_map_then_the_default(db, tmp_path):
    Category.objects.create(name="Local", slug="local")
    Category.objects.create(name="Comment", slug="comment")
    mapping = tmp_path / "map.csv"
    mapping.write_text("wordpress,newsroom\nopinion,comment\n")
    report = run_import("--category-map", str(mapping), "--default-category", "local")
    assert "opinion → comment" in report and "harbour-news → local" in report
    assert Article.objects.get(slug="save-the-lighthouse").category.slug == "comment"
    assert not Category.objects.filter(slug="harbour-news").exists()


def test_an_unknown_category_in_the_options_is_refused_before_anything_is_read(db):
    with pytest.raises(CommandError, match="No such Newsroom category: nowhere"):
        run_import("--default-category", "nowhere")
    assert not Article.objects.exists()


def test_missing_image_files_are_reported_and_the_article_still_imports(db):
    report = run_import()  # no --media-dir, no downloads
    assert "Images not found (imported without them)" in report
    assert "image 5: https://harbourherald.example/wp-content/uploads/2024/03/boats.jpg" in report
    article = Article.objects.get(slug="harbour-wall-rebuilt")
    assert article.is_published and article.featured_image is None


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<rss><channel><title>&c;</title></channel></rss>"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss><channel><title>&secret;</title></channel></rss>"""


@pytest.mark.parametrize("hostile", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_hostile_xml_is_refused_with_a_clear_message(db, tmp_path, hostile):
    path = tmp_path / "export.xml"
    path.write_text(hostile)
    with pytest.raises(CommandError, match="refused: it declares a DTD, entities"):
        run_import(path=path)
    assert row_counts()["Article"] == 0


def test_a_file_that_is_not_an_export_says_so(db, tmp_path):
    path = tmp_path / "export.xml"
    path.write_text("<html><body>not an export")
    with pytest.raises(CommandError, match="not well-formed XML"):
        run_import(path=path)


def test_a_wordpress_com_export_with_the_https_namespace_imports(client, db):
    report = run_import(path=WORDPRESS_COM)
    assert "Site: https://coastalnotes.wordpress.com" in report
    assert "[polldaddy] in posts 41" in report
    response = client.get("/2022/06/18/seals-return/")
    assert response["Location"] == "/articles/seals-return/"
    html = client.get("/articles/seals-return/").content.decode()
    assert "Forty grey seals" in html and "Wonderful to see them back." in html
    assert "SPAM-COMMENT" not in html
    assert Comment.objects.get(body__startswith="SPAM-COMMENT").status == "spam"
    assert client.get("/about/").status_code == 200
    assert client.get("/seals/").status_code == 404


def test_an_editor_uploads_an_export_and_reads_the_report(client, db):
    client.force_login(people.editor())
    upload = SimpleUploadedFile("export.xml", EXPORT.read_bytes(), content_type="text/xml")
    response = client.post(reverse("admin:wordpress_wordpressimport_add"), {"export": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<th scope="row">post</th><td>10</td>' in html
    assert "Members-only briefing" in html
    record = WordPressImport.objects.get()
    assert record.report["counts"]["post"]["imported"] == 10
    kept = client.get(reverse("admin:wordpress_wordpressimport_change", args=[record.pk]))
    assert "contact-form-7" in kept.content.decode()


def test_the_wordpress_report_shows_its_counts_once_as_a_table(client, db):
    client.force_login(people.editor())
    upload = SimpleUploadedFile("export.xml", EXPORT.read_bytes(), content_type="text/xml")
    response = client.post(reverse("admin:wordpress_wordpressimport_add"), {"export": upload})
    html = response.content.decode()
    assert html.count('<th scope="row">post</th>') == 1
    assert "post                 10" not in html  # the terminal's table of the same counts
    assert "Members-only briefing" in html  # what needs a human is still there, once
    assert html.count("Members-only briefing") == 1


def test_an_upload_that_is_not_an_export_is_refused_on_the_page(client, db):
    client.force_login(people.editor())
    upload = SimpleUploadedFile("export.xml", EXTERNAL_ENTITY.encode(), content_type="text/xml")
    response = client.post(reverse("admin:wordpress_wordpressimport_add"), {"export": upload})
    assert "The file was refused" in response.content.decode()
    assert not WordPressImport.objects.exists()


def test_writers_cannot_run_an_import(client, db):
    client.force_login(people.writer())
    assert client.get(reverse("admin:wordpress_wordpressimport_add")).status_code == 403


def test_editors_find_the_images_lacking_alt_text(client, imported):
    client.force_login(people.editor())
    response = client.get(reverse("admin:wordpress_imagelackingalttext_changelist"))
    html = response.content.decode()
    assert "The breach, seen from the pier." in html  # wall.jpg had no alt text
    assert "A gull on a bollard" not in html
    assert Article.objects.get(slug="harbour-wall-rebuilt").is_published


def test_a_page_at_one_of_the_sites_own_addresses_is_renamed_and_reported(client, db, tmp_path):
    path = tmp_path / "export.xml"
    path.write_text(EXPORT.read_text().replace("[CDATA[contact]]", "[CDATA[search]]"))
    report = run_import(path=path)
    assert "page 21: /search/ is the site's own; now /search-page/" in report
    assert "desk@harbourherald.example" in client.get("/search-page/").content.decode()


def test_progress_is_told_how_far_through_the_file_each_pass_is(db):
    from wordpress.importer import wordpress_import

    seen = []
    wordpress_import(path=EXPORT, progress=lambda stage, done, total: seen.append((stage, done)))
    size = EXPORT.stat().st_size
    assert ("reading", size) in seen and seen[-1] == ("importing", size)
    assert [done for stage, done in seen if stage == "importing"] == sorted(
        done for stage, done in seen if stage == "importing"
    )


def test_a_missing_file_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No such file"):
        run_import(path=EXPORT.with_name("nowhere.xml"))


def test_editors_can_look_up_where_an_old_address_leads(client, imported):
    client.force_login(people.editor())
    url = reverse("admin:wordpress_oldaddress_changelist") + "?q=members-briefing"
    html = client.get(url).content.decode()
    assert "/2024/02/01/members-briefing/" in html
    assert "(nowhere: not public)" in html
