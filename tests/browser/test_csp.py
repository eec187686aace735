"""In Chromium, the Content-Security-Policy blocks nothing the site or the admin uses.

Every page is opened with a listener for `securitypolicyviolation` installed before any of
its scripts run, and Chromium's console is watched for "Refused to ..." reports. The admin
part visits every registered model's list and add page, so new admin screens are covered
as they are added. The public pages are checked in the one crawl of them all
(tests/browser/test_html_validity.py), which watches for violations the same way.
"""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from live.services import post_update, start_coverage
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "correct horse battery staple"
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def violations(page):
    console = []
    page.context.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    def check(url):
        """What went wrong on this page: an error status, no policy, or violations."""
        response = page.goto(url)
        page.wait_for_load_state("load")
        found = page.evaluate("window.__cspViolations") + console
        console.clear()
        if response.status >= 400:
            found.append(f"answered {response.status}")
        if "content-security-policy" not in response.headers:
            found.append("no Content-Security-Policy header")
        return found

    return check


def admin_urls(user):
    """The index, and every registered model's list and add page this user may open."""
    request = RequestFactory().get("/admin/")
    request.user = user
    urls = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if model_admin.has_view_or_change_permission(request):
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        if model_admin.has_add_permission(request):
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    return urls


def test_the_article_editor_the_live_desk_and_every_admin_screen_run_without_a_csp_violation(
    page, violations, screenshot
):
    category = CategoryFactory(slug="business", name="Business")
    writer = UserFactory(username="writer", display_name="Amara Okafor")
    article = ArticleFactory(
        published=True,
        category=category,
        authors=[writer],
        headline="Harbour traders brace for new port fees",
        body="Traders met on Monday.\n\n## What changed\n\nFees rise in **May**.",
        tags=["economy"],
    )
    chief = UserFactory(username="chief", is_staff=True, is_superuser=True)
    live = ArticleFactory(published=True, category=category, authors=[chief], headline="Live")
    start_coverage(article=live, user=chief)
    post_update(article=live, user=chief, body="The first **update**.", is_key_point=True)

    page.goto(reverse("login"))
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state("load")

    change = reverse("admin:articles_article_change", args=[article.pk])
    desk = reverse("admin:live_liveupdate_desk", args=[live.pk])
    problems = {url: found for url in [change, desk] if (found := violations(url))}
    screenshot("csp-admin-article-change")
    problems |= {url: found for url in admin_urls(chief) if (found := violations(url))}
    assert problems == {}


def test_the_admin_login_page_runs_without_a_csp_violation(violations):
    assert violations(reverse("admin:login")) == []


def test_the_login_lockout_page_is_clear_and_runs_without_a_csp_violation(
    page, violations, screenshot
):
    UserFactory(username="amara")
    assert violations(reverse("login")) == []
    for _ in range(5):
        page.get_by_label("Username").fill("amara")
        page.get_by_label("Password").fill("a wrong guess")
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name="Log in").click()
    assert navigation.value.status == 429
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Too many failed log-in attempts"
    assert page.evaluate("window.__cspViolations") == []
    screenshot("login-lockout")
