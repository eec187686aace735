"""A live page in a real browser: new updates wait behind a notice without moving the
page, edits and deletions arrive in place; and the desk, where journalists post."""

import pytest
from playwright.sync_api import expect

from live import services
from live.models import LiveUpdate
from tests import people
from tests.live.factories import live_page, updates

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def storm(settings):
    settings.LIVE_POLL_SECONDS = 1  # the page's data-live-interval: poll every second
    desk = people.editor(username="desk", display_name="Dana Desk")
    reporter = people.writer(username="wren", display_name="Wren Reporter")
    article = live_page(authors=[reporter], by=desk, headline="Storm hits the harbour")
    posted = updates(article, 15, by=reporter, minutes_apart=3)
    return article, reporter, desk, posted


def position(page, selector):
    return page.evaluate(
        "s => [window.scrollY, document.querySelector(s).getBoundingClientRect().top]", selector
    )


def test_a_new_update_waits_behind_a_notice_that_does_not_move_the_page(page, storm):
    article, reporter, desk, posted = storm
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(article.get_absolute_url())
    reading = f"#update-{posted[5].pk}"
    page.locator(reading).scroll_into_view_if_needed()
    page.evaluate("s => document.querySelector(s).scrollIntoView({block: 'start'})", reading)
    page.wait_for_timeout(1500)  # a first poll with nothing new
    before = position(page, reading)

    new = services.post_update(article=article, user=reporter, body="The sea wall has held.")

    notice = page.locator("[data-live-notice]")
    expect(notice.get_by_role("button", name="1 new update")).to_be_visible(timeout=8000)
    assert notice.get_attribute("aria-live") == "polite"
    assert position(page, reading) == before
    expect(page.locator(f"#update-{new.pk}")).to_have_count(0)

    notice.get_by_role("button", name="1 new update").click()
    fresh = page.locator(f"#update-{new.pk}")
    expect(fresh).to_contain_text("The sea wall has held.")
    expect(fresh).to_be_in_viewport()
    expect(notice.get_by_role("button")).to_have_count(0)
    assert errors == []


def test_edits_and_deletions_of_shown_updates_arrive_in_place(page, storm):
    article, reporter, desk, posted = storm
    page.goto(article.get_absolute_url())
    edited, deleted = posted[-1], posted[-2]
    expect(page.locator(f"#update-{deleted.pk}")).to_be_visible()

    services.edit_update(update=edited, user=reporter, body="Winds now 100 km/h.")
    services.delete_update(update=deleted, user=desk)

    expect(page.locator(f"#update-{edited.pk}")).to_contain_text("Winds now 100 km/h.")
    expect(page.locator(f"#update-{deleted.pk}")).to_have_count(0)
    expect(page.locator("[data-live-notice] button")).to_have_count(0)


def test_relative_times_and_the_end_of_coverage_follow_without_a_reload(page, storm):
    article, reporter, desk, posted = storm
    page.goto(article.get_absolute_url())
    expect(page.locator(f"#update-{posted[-2].pk} [data-ago]")).to_have_text("3 min ago")
    services.end_coverage(article=article, user=desk)
    expect(page.locator("[data-live-state]")).to_contain_text("Live coverage has ended")


def test_the_page_is_complete_without_javascript(browser, live_server, storm):
    article, reporter, desk, posted = storm
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(article.get_absolute_url())
    expect(page.locator(".live-update")).to_have_count(15)
    expect(page.locator(".live .live-badge")).to_be_visible()
    context.close()


def test_a_journalist_posts_from_the_desk_and_the_form_is_ready_for_the_next(page, storm):
    article, reporter, desk, posted = storm
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("wren")
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/admin/live/liveupdate/desk/{article.pk}/")

    body = page.get_by_role("textbox", name="Update")  # the rich editor over the textarea
    body.click()
    page.keyboard.type("Ferries suspended.")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("Buses replace them.\nMore at six.")
    page.get_by_label("Headline (optional)").fill("Ferries stop")
    page.get_by_role("button", name="Post update").click()

    expect(page.locator(".messagelist")).to_contain_text("Posted: readers see it now.")
    update = LiveUpdate.objects.get(headline="Ferries stop")
    assert update.body == "Ferries suspended.\\\nBuses replace them.\n\nMore at six."
    shown = page.locator(f"#update-{update.pk}")
    expect(shown).to_contain_text("More at six.")
    expect(page.locator("#id_body")).to_have_value("")
    expect(page.get_by_label("Headline (optional)")).to_have_value("")
