"""Notifications in the admin: the header's count, the list, reading, preferences, desks."""

import pytest
from django.urls import reverse

from notifications.models import Desk, Notification
from tests import people

from .conftest import change_url

pytestmark = pytest.mark.django_db


def tell(user, text, article=None, **fields):
    return Notification.objects.create(
        recipient=user, kind="mentioned", text=text, article=article, **fields
    )


def test_the_header_of_every_admin_page_counts_the_unread_ones(client, sofia, draft):
    tell(sofia, "One")
    tell(sofia, "Two", article=draft)
    tell(sofia, "Read already", read_at="2026-01-01T00:00Z")
    tell(sofia, "Mailed only", in_admin=False)
    tell(people.editor(), "Someone else's")
    client.force_login(sofia)
    for url in (reverse("admin:index"), change_url(draft)):
        html = client.get(url).content.decode()
        assert "Notifications, 2 unread" in html
        assert reverse("notifications:list") in html


def test_the_header_count_costs_one_query(
    client, sofia, django_assert_max_num_queries, warm_content_types
):
    client.force_login(sofia)
    client.get(reverse("admin:index"))  # the session and permissions, as any page
    tell(sofia, "One")
    with django_assert_max_num_queries(1) as counted:
        from django.template import Context, Template
        from django.test import RequestFactory

        request = RequestFactory().get("/admin/")
        request.user = sofia
        html = Template("{% load notifications %}{% notification_count %}").render(
            Context({"request": request})
        )
    assert "Notifications, 1 unread" in html
    assert len(counted.captured_queries) == 1


def test_with_nothing_unread_the_header_just_says_notifications(client, sofia):
    client.force_login(sofia)
    html = client.get(reverse("admin:index")).content.decode()
    assert ">Notifications</a>" in html
    assert "unread" not in html


def test_the_list_shows_my_notifications_newest_first_with_the_unread_marked(client, sofia, draft):
    tell(sofia, "The older one", read_at="2026-01-01T00:00Z", created_at="2026-01-01T00:00Z")
    tell(sofia, "The newer one", article=draft, created_at="2026-01-02T00:00Z")
    tell(people.editor(), "Not mine")
    client.force_login(sofia)
    html = client.get(reverse("notifications:list")).content.decode()
    assert html.index("The newer one") < html.index("The older one")
    assert html.count(">Unread</strong>") == 1
    assert "Not mine" not in html
    assert "Mark all as read" in html


def test_opening_one_marks_it_read_and_goes_to_the_article(client, sofia, draft):
    notification = tell(sofia, "Look at this", article=draft)
    client.force_login(sofia)
    response = client.get(notification.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == change_url(draft)
    notification.refresh_from_db()
    assert notification.is_read
    assert "unread" not in client.get(reverse("admin:index")).content.decode()


def test_nobody_opens_someone_elses_notification(client, sofia, amara):
    notification = tell(amara, "Private")
    client.force_login(sofia)
    assert client.get(notification.get_absolute_url()).status_code == 404
    notification.refresh_from_db()
    assert not notification.is_read


def test_mark_all_as_read(client, sofia):
    tell(sofia, "One")
    tell(sofia, "Two")
    client.force_login(sofia)
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    html = response.content.decode()
    assert "2 notifications marked as read." in html
    assert "Nothing unread." in html
    assert Notification.objects.unread_for(sofia).count() == 0


def test_the_list_is_for_staff_only(client):
    client.force_login(people.reader())
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_person_sets_their_own_preferences_in_a_plain_form(client, sofia):
    client.force_login(sofia)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "A story is submitted for review" in page
    assert "A writer proposes a layout of a front" in page
    assert page.count("checked") == 18  # everything on by default (9 kinds, 2 ways)
    data = {f"{code}_admin": "on" for code in ("submitted", "sent_back", "published")}
    data["mentioned_email"] = "on"
    response = client.post(reverse("notifications:preferences"), data, follow=True)
    assert "Your notification preferences are saved." in response.content.decode()
    from notifications.services import channels_for_user

    chosen = channels_for_user(sofia)
    assert chosen["submitted"] == (True, False)
    assert chosen["mentioned"] == (False, True)
    assert chosen["taken_over"] == (False, False)


def test_editors_set_the_editors_of_a_desk_in_the_admin(client, sofia, draft):
    client.force_login(sofia)
    response = client.post(
        reverse("admin:notifications_desk_add"),
        {"category": draft.category_id, "editors": [sofia.pk]},
    )
    assert response.status_code == 302
    assert list(Desk.objects.get().editors.all()) == [sofia]


def test_writers_cannot_change_desks(client, amara):
    client.force_login(amara)
    assert client.get(reverse("admin:notifications_desk_changelist")).status_code == 403
