"""Lighthouse's phone profile, run offline against Debian's Chromium, on the key pages."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article, Category
from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LIGHTHOUSE = Path(__file__).resolve().parents[1] / "lighthouse/node_modules/.bin/lighthouse"
REPORTS = SCREENSHOTS.parent / "lighthouse"
# Performance is timed on a shared 2-core machine, so it may dip below the 100 we aim for
# when the machine is busy; the other categories are deterministic and must be perfect.
MIN_PERFORMANCE = 0.9


def lighthouse(url, name):
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = REPORTS / f"{name}.json"
    subprocess.run(
        [LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={report}",
         f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=120,
    )  # fmt: skip
    data = json.loads(report.read_text())
    scores = {key: category["score"] for key, category in data["categories"].items()}
    failing = [
        f"{key}: {audit['title']}"
        for key, audit in data["audits"].items()
        if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0
    ]
    return scores, failing


@pytest.fixture
def demo_site(live_server):
    call_command("seed_demo", articles=30, verbosity=0)
    return live_server.url


def test_home_category_and_article_pages_score_at_the_top_on_a_phone(demo_site):
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is not installed: npm ci --prefix tests/lighthouse")
    article = Article.objects.published().latest_first().first()
    category = Category.objects.get(slug="business")
    pages = {
        "home": "/",
        "category": category.get_absolute_url(),
        "article": article.get_absolute_url(),
    }
    for name, path in pages.items():
        scores, failing = lighthouse(demo_site + path, name)
        assert scores["accessibility"] == 1, (name, scores, failing)
        assert scores["best-practices"] == 1, (name, scores, failing)
        assert scores["seo"] == 1, (name, scores, failing)
        assert scores["performance"] >= MIN_PERFORMANCE, (name, scores, failing)
