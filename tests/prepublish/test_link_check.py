"""The background link check against a real local server: no test reaches the internet."""

import pytest

from articles.publish_checks import Draft
from prepublish import checks
from prepublish.models import LinkCheck
from prepublish.tasks import check_links
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_job_stores_what_each_link_answered(other_site):
    site, asked = other_site
    check_links.call([f"{site}/report", f"{site}/gone/story"])
    assert LinkCheck.objects.get(url=f"{site}/report").status == 200
    assert LinkCheck.objects.get(url=f"{site}/gone/story").status == 404
    assert asked == ["/report", "/gone/story"]


def test_an_internal_address_is_not_asked_unless_allowed(other_site, settings):
    site, asked = other_site
    settings.PREPUBLISH_LINK_CHECK_ALLOWED_INTERNAL_HOSTS = []
    check_links.call([f"{site}/report"])
    stored = LinkCheck.objects.get()
    assert stored.status is None
    assert "inside our own network" in stored.error
    assert asked == []


def test_saving_an_article_checks_its_outside_links_on_commit(
    other_site, django_capture_on_commit_callbacks
):
    site, asked = other_site
    body = f"[The report]({site}/report) and [the old page]({site}/gone/page). [Ours](/about/)"
    with django_capture_on_commit_callbacks(execute=True):
        factories.ArticleFactory(body=body)
    assert sorted(LinkCheck.objects.values_list("url", "status")) == [
        (f"{site}/gone/page", 404),
        (f"{site}/report", 200),
    ]


def test_a_link_not_yet_checked_shows_as_checking_then_its_404_once_known(
    other_site, django_capture_on_commit_callbacks
):
    site, _ = other_site
    draft = Draft(body=f"Read [the old page]({site}/gone/page).")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pending = [finding for finding in checks.run_all(draft) if finding.pending]
    assert pending[0].message.startswith("1 link still being checked")
    for callback in callbacks:  # the job runs once the request's transaction commits
        callback()
    broken = [f.message for f in checks.run_all(draft) if "answered 404" in f.message]
    assert broken == [f"The link to {site}/gone/page answered 404 (not found) when checked."]


def test_a_link_that_answers_200_raises_nothing(other_site):
    site, _ = other_site
    check_links.call([f"{site}/report"])
    draft = Draft(body=f"Read [the report]({site}/report).")
    assert list(checks.broken_links(draft)) == []
