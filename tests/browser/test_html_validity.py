"""Every public page type is valid HTML by the Nu checker, logged out and logged in; and
the fronts' admin screens (a front's layout screen and its history)."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Category
from fronts.models import Front
from fronts.services import save_layout
from tests import people
from tests.browser.nu_checker import nu_checker
from tests.browser.reader_data import make_live_page, make_reader_archive
from tests.comments.factories import CommentFactory
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def checker():
    with nu_checker() as checker:
        yield checker


def public_pages(article, quiet_article, author, live):
    return {
        "live page": live.get_absolute_url(),
        "home": reverse("articles:home"),
        "category": reverse("articles:category", args=["business"]),
        "trending": Category.objects.get(shows_trending=True).get_absolute_url(),
        "tag": reverse("articles:tag", args=["economy"]),
        "author": author.get_absolute_url(),
        "article with comments": article.get_absolute_url(),
        "article without comments": quiet_article.get_absolute_url(),
        "search with results": reverse("search:search") + "?q=harbour",
        "search without results": reverse("search:search") + "?q=zebra",
        "search form": reverse("search:search"),
        "not found": "/no-such-page/",
    }


def invalid_pages(page, checker, pages):
    problems = {}
    for name, url in pages.items():
        response = page.goto(url)
        errors = checker.errors(response.text())
        if errors:
            problems[f"{name} ({url})"] = errors
    return problems


def test_every_public_page_type_is_valid_html_logged_out_and_logged_in(page, checker):
    article, author = make_reader_archive()
    quiet_article = article.category.articles.exclude(pk=article.pk).filter(status="published")[0]
    reader = UserFactory(username="rosa", display_name="Rosa Reader")
    first = CommentFactory(article=article, author=reader, body="The fees hit small traders.")
    CommentFactory(article=article, parent=first, body="The council decided, & soon.")
    login = reverse("login") + "?next=" + article.get_absolute_url()
    live = make_live_page(author)
    pages = public_pages(article, quiet_article, author, live) | {
        "login": login,
        "sign-up": reverse("accounts:signup"),
        "password reset": reverse("password_reset"),
    }

    logged_out = invalid_pages(page, checker, pages)

    page.goto(login)
    page.get_by_label("Username").fill("rosa")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{article.get_absolute_url()}**")
    logged_in = invalid_pages(page, checker, pages | {"profile": reverse("accounts:profile")})
    # The article page checked above did show the thread, the reply and the reader's own form.
    html = page.goto(article.get_absolute_url()).text()
    assert "The council decided, &amp; soon." in html and 'name="csrfmiddlewaretoken"' in html

    # The fronts' admin screens, as an Editor gets them (axe: tests/browser/test_front_editor.py).
    editor = people.editor(username="ines")
    front = Front.objects.create()
    placed = {"article": article.pk, "headline": "Fees & traders"}
    layout = {"zones": [{"kind": "lead", "size": 1, "placements": [placed]}]}
    save_layout(front=front, layout=layout, user=editor)
    # A Writer's proposal (the history's reject form), made before an Editor's next change
    # (publishing it asks first: the confirmation page).
    proposal = save_layout(front=front, layout={"zones": []}, user=people.writer(username="wri"))
    placed["headline"] = "Fees and traders"
    save_layout(front=front, layout=layout, user=editor)
    desk = Client()
    desk.force_login(editor)
    fronts_admin = {}
    publish = reverse("admin:fronts_front_version", args=[front.pk, proposal.pk, "publish"])
    for name, url in {
        "front layout screen": reverse("admin:fronts_front_layout", args=[front.pk]),
        "front history": reverse("admin:fronts_front_layouts", args=[front.pk]),
        "publishing an older proposal": publish,
    }.items():
        answer = desk.post(url) if url == publish else desk.get(url)
        assert answer.status_code == (409 if url == publish else 200), url
        errors = checker.errors(answer.content.decode())
        if errors:
            fronts_admin[name] = errors

    assert (logged_out, logged_in, fronts_admin) == ({}, {}, {})
