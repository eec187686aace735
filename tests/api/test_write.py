"""The write API's permission matrix: a token acts with exactly its account's rights."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from api.models import StaffToken
from articles.images import whole_picture_sources
from articles.models import Article, ArticleTransition
from tests.articles.factories import ImageFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
URL = "/api/v1/staff/articles/"


@pytest.fixture
def section(category):
    return category


def send(client, method, url, token=None, **payload):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if method == "get":
        return client.get(url, headers=headers)
    return getattr(client, method)(
        url, data=json.dumps(payload), content_type="application/json", headers=headers
    )


def file_article(client, token, section, **fields):
    return send(
        client,
        "post",
        URL,
        token,
        **{"headline": "Harbour wall repaired", "category": section.slug, **fields},
    )


def test_a_writers_token_files_a_draft_as_the_writer(client, writer, make_token, section):
    response = file_article(client, make_token(writer), section, body="Fixed <script>x</script>.")

    assert response.status_code == 201, response.content
    body = response.json()
    article = Article.objects.get(pk=body["id"])
    assert (body["status"], body["slug"], body["url"]) == ("draft", "harbour-wall-repaired", None)
    assert article.created_by == writer
    assert list(article.authors.all()) == [writer]
    assert "<script>" not in article.body_html
    assert article.history.count() == 1
    assert article.history.first().history_user == writer
    assert client.get(f"/api/v1/articles/{article.slug}/").status_code == 404


def test_a_writers_token_submits_its_draft_for_review(client, writer, make_token, section):
    token = make_token(writer)
    draft = file_article(client, token, section).json()

    response = send(client, "patch", f"{URL}{draft['id']}/", token, status="review")

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "review"
    assert ArticleTransition.objects.get(article_id=draft["id"]).by == writer


def test_a_writers_token_cannot_publish_or_schedule(client, writer, make_token, section):
    token = make_token(writer)
    later = (timezone.now() + timedelta(days=1)).isoformat()

    published = file_article(client, token, section, status="published")
    scheduled = file_article(client, token, section, slug="s", published_at=later)
    draft = file_article(client, token, section, slug="d").json()
    patched = send(client, "patch", f"{URL}{draft['id']}/", token, status="published")

    assert published.status_code == scheduled.status_code == patched.status_code == 403
    assert "editors" in published.json()["detail"]
    assert Article.objects.published().count() == 0
    assert Article.objects.get(pk=draft["id"]).status == Status.DRAFT
    assert not Article.objects.filter(slug__in=["harbour-wall-repaired", "s"]).exists()


def test_a_writers_token_cannot_touch_other_writers_or_published_articles(
    client, writer, make_token
):
    others = ArticleFactory(slug="someone-elses")
    own_published = ArticleFactory(published=True, authors=[writer], created_by=writer)
    token = make_token(writer)

    hidden = send(client, "patch", f"{URL}{others.pk}/", token, headline="Mine now")
    locked = send(client, "patch", f"{URL}{own_published.pk}/", token, headline="Quiet edit")

    assert hidden.status_code == 404
    assert locked.status_code == 403
    assert Article.objects.get(pk=others.pk).headline != "Mine now"
    assert Article.objects.get(pk=own_published.pk).headline != "Quiet edit"


def test_an_editors_token_publishes_and_the_public_api_shows_it_at_once(
    client, editor, make_token, section
):
    assert client.get("/api/v1/articles/").json()["results"] == []

    response = file_article(client, make_token(editor), section, status="published")

    assert response.status_code == 201, response.content
    assert response.json()["url"] == "http://testserver/articles/harbour-wall-repaired/"
    assert [a["slug"] for a in client.get("/api/v1/articles/").json()["results"]] == [
        "harbour-wall-repaired"
    ]


def test_an_editors_token_schedules_and_the_article_stays_private_until_then(
    client, editor, make_token, section
):
    later = timezone.now() + timedelta(hours=3)

    response = file_article(
        client, make_token(editor), section, status="published", published_at=later.isoformat()
    )

    assert response.status_code == 201, response.content
    assert response.json()["is_scheduled"] is True
    assert client.get("/api/v1/articles/harbour-wall-repaired/").status_code == 404
    assert ArticleTransition.objects.get().action == "schedule"


def test_an_editors_token_publishes_a_story_in_review(client, editor, writer, make_token):
    story = ArticleFactory(status=Status.IN_REVIEW, authors=[writer])

    before = story.history.count()

    response = send(
        client,
        "patch",
        f"{URL}{story.pk}/",
        make_token(editor),
        standfirst="Edited on the desk.",
        status="published",
    )

    assert response.status_code == 200
    assert Article.objects.get(pk=story.pk).is_published
    # One revision, as an admin save that edits and publishes writes.
    assert story.history.count() == before + 1
    latest = story.history.latest()
    assert (latest.standfirst, latest.status) == ("Edited on the desk.", Status.PUBLISHED)


@pytest.mark.parametrize("method", ["post", "patch", "get"])
def test_without_a_token_nothing_is_written_or_shown(client, method, section):
    story = ArticleFactory()
    url = URL if method == "post" else f"{URL}{story.pk}/"

    response = send(client, method, url, None, headline="x", category=section.slug)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert Article.objects.count() == 1


def test_a_revoked_token_or_a_deactivated_account_is_refused(
    client, writer, editor, make_token, section
):
    revoked = make_token(writer)
    StaffToken.objects.get(user=writer).revoke()
    editor_token = make_token(editor)
    editor.is_active = False
    editor.save()

    assert file_article(client, revoked, section).status_code == 401
    assert file_article(client, editor_token, section).status_code == 401
    assert file_article(client, "nrt_made-up", section).status_code == 401
    assert not Article.objects.exists()


def test_a_token_of_an_account_that_lost_its_rights_can_no_longer_write(
    client, writer, make_token, section
):
    token = make_token(writer)
    writer.groups.clear()

    response = file_article(client, token, section)

    assert response.status_code == 403
    assert not Article.objects.exists()


def test_bad_input_gets_a_400_naming_the_field_and_saves_nothing(
    client, writer, make_token, section
):
    token = make_token(writer)

    missing = send(client, "post", URL, token, category=section.slug)
    unknown = file_article(client, token, section, category="no-such-section")
    author = file_article(client, token, section, authors=["nobody-by-that-name"])
    garbled = client.post(
        URL,
        data="{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert missing.status_code == 400 and missing.json()["parameter"] == "headline"
    assert unknown.status_code == 400 and unknown.json()["parameter"] == "category"
    assert author.status_code == 400 and author.json()["parameter"] == "authors"
    assert garbled.status_code == 400
    assert not Article.objects.exists()


def test_the_admin_forms_rules_apply_a_taken_slug_is_refused(client, writer, make_token, section):
    ArticleFactory(slug="harbour-wall-repaired")
    token = make_token(writer)

    response = file_article(client, token, section, slug="harbour-wall-repaired")
    unnamed = file_article(client, token, section)

    assert response.status_code == 400
    assert "slug" in response.json()["errors"]
    # As in the admin: a slug not given is made from the headline, never one taken.
    assert unnamed.status_code == 201 and unnamed.json()["slug"] == "harbour-wall-repaired-2"


def test_a_refused_publish_undoes_the_whole_request(client, editor, make_token, section):
    no_alt = ImageFactory(alt_text="")

    response = file_article(
        client, make_token(editor), section, status="published", featured_image=no_alt.pk
    )

    assert response.status_code == 400
    assert "alt text" in response.json()["detail"]
    assert not Article.objects.exists()


def test_an_edit_based_on_an_old_version_is_refused_with_409(client, writer, make_token, section):
    token = make_token(writer)
    draft = file_article(client, token, section).json()
    send(client, "patch", f"{URL}{draft['id']}/", token, standfirst="First edit.")

    stale = send(
        client,
        "patch",
        f"{URL}{draft['id']}/",
        token,
        standfirst="Second edit.",
        lock_version=draft["lock_version"],
    )

    assert stale.status_code == 409
    assert Article.objects.get(pk=draft["id"]).standfirst == "First edit."


def test_tags_and_authors_are_set_by_name_and_slug(client, editor, writer, make_token, section):
    response = file_article(
        client,
        make_token(editor),
        section,
        tags=["Harbour", "Sea walls, repairs"],
        authors=[writer.slug, editor.slug],
    )

    assert response.status_code == 201, response.content
    assert response.json()["tags"] == ["Harbour", "Sea walls, repairs"]
    assert sorted(response.json()["authors"]) == sorted([writer.slug, editor.slug])


def test_a_staff_read_shows_a_writers_own_draft_but_not_others(client, writer, make_token):
    own = ArticleFactory(authors=[writer])
    other = ArticleFactory()
    token = make_token(writer)

    assert send(client, "get", f"{URL}{own.pk}/", token).json()["status"] == "draft"
    assert send(client, "get", f"{URL}{other.pk}/", token).status_code == 404


def test_a_token_needs_no_csrf_token_and_a_session_is_no_token(writer, make_token, section):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    with_token = file_article(browser, make_token(writer), section)
    browser.force_login(writer)
    with_session = file_article(browser, None, section, slug="by-cookie")

    assert with_token.status_code == 201
    assert with_session.status_code == 401
    assert not Article.objects.filter(slug="by-cookie").exists()


def test_a_token_has_its_own_rate_limit(client, settings, writer, make_token, section):
    settings.API_RATE_STAFF = 2
    token = make_token(writer)

    # Within one minute's window, however slow the machine (a window may not be split).
    with time_machine.travel(timezone.now().replace(second=5), tick=False):
        codes = [file_article(client, token, section, slug=f"s{n}").status_code for n in range(3)]

    assert codes == [201, 201, 429]


def test_a_body_saved_through_the_api_is_stored_as_the_admin_stores_it(
    client, writer, make_token, section
):
    body = "First line.\r\n\r\n<script>alert(1)</script> Second, with **bold**.\r\n"
    client.force_login(writer)
    client.post(
        "/admin/articles/article/add/",
        {
            "headline": "By the admin",
            "slug": "by-admin",
            "body": body,
            "category": section.pk,
            "authors": [writer.pk],
            "status": "draft",
            "corrections-TOTAL_FORMS": 0,
            "corrections-INITIAL_FORMS": 0,
        },
    )
    client.logout()

    file_article(client, make_token(writer), section, slug="by-api", body=body)

    by_admin, by_api = (Article.objects.get(slug=slug) for slug in ("by-admin", "by-api"))
    assert (by_api.body, by_api.body_html) == (by_admin.body, by_admin.body_html)


def test_an_editors_token_archives_and_a_writers_cannot(client, editor, writer, make_token):
    own = ArticleFactory(authors=[writer], created_by=writer)
    story = ArticleFactory(published=True)

    refused = send(client, "patch", f"{URL}{own.pk}/", make_token(writer), status="archived")
    archived = send(client, "patch", f"{URL}{story.pk}/", make_token(editor), status="archived")

    assert refused.status_code == 403
    assert archived.status_code == 200 and archived.json()["status"] == "archived"
    assert client.get(f"/api/v1/articles/{story.slug}/").status_code == 404


@pytest.mark.parametrize("field", ["tags", "authors", "status", "comments_open", "body"])
def test_null_in_a_patch_leaves_the_field_as_it_was(client, editor, make_token, section, field):
    token = make_token(editor)
    filed = file_article(client, token, section, tags=["Harbour"], body="Calm seas.").json()

    response = send(client, "patch", f"{URL}{filed['id']}/", token, **{field: None})

    assert response.status_code == 200, response.content
    assert response.json()[field] == filed[field]


@pytest.mark.parametrize("field", ["tags", "authors", "status", "standfirst", "comments_open"])
def test_null_in_a_new_article_means_the_default(client, writer, make_token, section, field):
    response = file_article(client, make_token(writer), section, **{field: None})

    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["tags"], body["authors"], body["status"]) == ([], [writer.slug], "draft")
    assert (body["standfirst"], body["comments_open"]) == ("", True)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"tags": ["a" * 101]}, "tags.0"),
        ({"tags": ['say "cheese"']}, "tags.0"),
        ({"authors": ["not a slug"]}, "authors.0"),
        ({"featured_image": 2**63}, "featured_image"),
        ({"lock_version": -1}, "lock_version"),
        ({"published_at": "9999-12-31T23:59:59-05:00"}, "published_at"),
    ],
)
def test_out_of_range_input_is_a_400_naming_the_field(
    client, editor, make_token, section, payload, field
):
    token = make_token(editor)
    filed = file_article(client, token, section).json()

    response = send(client, "patch", f"{URL}{filed['id']}/", token, **payload)

    assert response.status_code == 400, response.content
    assert response.json()["parameter"] == field
    assert Article.objects.get(pk=filed["id"]).lock_version == filed["lock_version"]


def test_an_id_past_the_databases_integers_is_refused_not_a_server_error(
    client, editor, make_token
):
    response = send(client, "get", f"{URL}{2**63}/", make_token(editor))

    assert response.status_code == 400
    assert response.json()["parameter"] == "pk"


def test_an_editor_reads_a_taken_down_article_with_its_status(client, editor, make_token):
    gone = ArticleFactory(status=Status.TAKEN_DOWN)

    response = send(client, "get", f"{URL}{gone.pk}/", make_token(editor))

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "taken_down"


def test_image_addresses_in_a_staff_read_are_absolute(client, editor, make_token):
    picture = ImageFactory()
    draft = ArticleFactory(body=f"Boats.\n\n[[image {picture.pk}]]")

    html = send(client, "get", f"{URL}{draft.pk}/", make_token(editor)).json()["body_html"]

    assert f'src="http://testserver{whole_picture_sources(picture)["src"]}"' in html
    assert 'srcset="http://testserver/media/renditions/' in html and " /media/" not in html


def test_an_edit_of_an_article_someone_holds_in_the_admin_is_refused_naming_them(
    client, writer, editor, make_token, section
):
    from django.test import Client

    from presence.models import Presence

    token = make_token(writer)
    draft = file_article(client, token, section, standfirst="As filed.").json()
    desk = Client()
    desk.force_login(editor)
    desk.get(f"/admin/articles/article/{draft['id']}/change/")  # she holds it now
    opened = Presence.objects.get(user=editor)

    refused = send(client, "patch", f"{URL}{draft['id']}/", token, standfirst="From the wire.")

    assert refused.status_code == 423
    answer = refused.json()
    assert answer["holder"] == "Edda Editor"
    assert parse_datetime(answer["since"]) == opened.since.replace(
        microsecond=opened.since.microsecond // 1000 * 1000
    ), "to the millisecond (Django's JSON encoder)"
    assert answer["detail"].startswith("Edda Editor is editing this article in the admin since")
    assert "nothing was saved" in answer["detail"]
    assert answer["admin_url"].endswith(f"/admin/articles/article/{draft['id']}/change/")
    assert Article.objects.get(pk=draft["id"]).standfirst == "As filed."
    assert send(client, "patch", f"{URL}{draft['id']}/", make_token(editor), standfirst="Hers.")
    assert Article.objects.get(pk=draft["id"]).standfirst == "Hers.", "the holder's token saves"

    with time_machine.travel(opened.last_seen + timedelta(seconds=61)):  # her tab closed
        again = send(client, "patch", f"{URL}{draft['id']}/", token, standfirst="From the wire.")
    assert again.status_code == 200, again.content
    assert Article.objects.get(pk=draft["id"]).standfirst == "From the wire."


def test_the_api_reference_lists_the_answer_to_an_edit_of_a_held_article(client):
    document = client.get("/api/v1/openapi.json").json()
    edit = document["paths"]["/api/v1/staff/articles/{pk}/"]["patch"]

    held = edit["responses"]["423"]["content"]["application/json"]["schema"]["$ref"]
    assert held == "#/components/schemas/HeldError"
    assert {"holder", "since", "admin_url"} <= set(
        document["components"]["schemas"]["HeldError"]["properties"]
    )
    assert "423" not in document["paths"]["/api/v1/staff/articles/"]["post"]["responses"]
