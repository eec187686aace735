"""One crawl of every public page type, logged out and logged in, each page visited once
per state with every check run on it: valid HTML by the Nu checker; no Content-Security-Policy
violation and the policy sent; logged out, no serious axe violation in the light and in the
dark colour scheme and exactly one h1 (the reader's pages). Each failure is named by its check
and its page ("axe (dark) on home (/)"). Also the fronts' admin screens' HTML (a front's layout
screen and its history). The pages were crawled once per check before (Nu, CSP, axe light,
axe dark): four visits of each page and four data builds."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Category
from fronts.models import Front
from fronts.services import save_layout
from memberships.models import Tier
from tests import people
from tests.browser.conftest import SCREENSHOTS
from tests.browser.nu_checker import nu_checker
from tests.browser.reader_data import make_live_page, make_reader_archive
from tests.browser.test_accessibility import AXE, serious
from tests.browser.test_csp import LISTEN
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
        "membership offer": reverse("memberships:offer"),
    }


# The reader's pages axe checks in both colour schemes (their names in public_pages).
AXE_PAGES = {"home", "live page", "category", "article with comments", "search with results"}
AXE_PAGES |= {"author", "login", "not found", "membership offer", "your membership"}


def crawl(page, checker, pages, state):
    """Every check on every page, one visit each: {"check on name (url)": [what is wrong]}."""
    console = []

    def listen(message):
        if "Content Security Policy" in message.text:
            console.append(message.text)

    page.on("console", listen)
    problems = {}
    for name, url in pages.items():
        where = f"{name} ({url})"
        console.clear()
        page.emulate_media(color_scheme="light")
        response = page.goto(url)
        page.wait_for_load_state("load")
        expected = 404 if name == "not found" else 200
        if response.status != expected:
            problems[f"status on {where}"] = [f"answered {response.status}, not {expected}"]
        if errors := checker.errors(response.text()):
            problems[f"Nu on {where}"] = errors
        csp = page.evaluate("window.__cspViolations") + console
        if "content-security-policy" not in response.headers:
            csp.append("no Content-Security-Policy header")
        if csp:
            problems[f"CSP on {where} ({state})"] = csp
        if state != "logged out" or name not in AXE_PAGES:
            continue
        if page.locator("h1").count() != 1:
            problems[f"h1 on {where}"] = ["needs exactly one h1"]
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            page.screenshot(path=SCREENSHOTS / f"a11y-{scheme}-{name.replace(' ', '-')}.png")
            if found := serious(AXE.run(page)):
                problems[f"axe ({scheme}) on {where}"] = found
    page.remove_listener("console", listen)
    return problems


def test_every_public_page_type_is_valid_accessible_and_within_the_csp_logged_out_and_in(
    page, checker
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.context.add_init_script(LISTEN)
    article, author = make_reader_archive()
    quiet_article = article.category.articles.exclude(pk=article.pk).filter(status="published")[0]
    reader = UserFactory(username="rosa", display_name="Rosa Reader")
    first = CommentFactory(article=article, author=reader, body="The fees hit small traders.")
    CommentFactory(article=article, parent=first, body="The council decided, & soon.")
    login = reverse("login") + "?next=" + article.get_absolute_url()
    live = make_live_page(author)
    # A paid tier on offer: the offer page lists it and every page's footer links it.
    Tier.objects.create(
        name="Gold", slug="gold", kind="paid", monthly_price=9, description="All of it."
    )
    pages = public_pages(article, quiet_article, author, live) | {
        "login": login,
        "sign-up": reverse("accounts:signup"),
        "password reset": reverse("password_reset"),
    }

    logged_out = crawl(page, checker, pages, "logged out")

    page.goto(login)
    page.get_by_label("Username").fill("rosa")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{article.get_absolute_url()}**")
    own = {
        "profile": reverse("accounts:profile"),
        "your membership": reverse("memberships:membership"),
    }
    logged_in = crawl(page, checker, pages | own, "logged in")
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
