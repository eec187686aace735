"""The newsroom hears of submissions, returns, publications and schedules."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import services as workflow
from articles.models import Article
from notifications.models import Desk, Notification
from notifications.services import notify, preferences_set
from shared.cache import content_version
from tests import people
from tests.factories import ArticleFactory

from .conftest import change_url

pytestmark = pytest.mark.django_db


def told(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", "text"))


def test_a_writer_submitting_through_the_form_tells_the_editors_and_not_the_writer(
    client, amara, sofia, draft, django_capture_on_commit_callbacks
):
    other_editor = people.editor(display_name="Kofi Mensah")
    client.force_login(amara)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            change_url(draft), people.article_form_data(draft, status=Article.Status.IN_REVIEW)
        )
    text = "Amara Okafor submitted “Harbour fees rise” for review"
    assert told(sofia) == [("submitted", text)]
    assert told(other_editor) == [("submitted", text)]
    assert told(amara) == []
    assert Notification.objects.get(recipient=sofia).article == draft


def test_where_a_category_has_a_desk_only_its_editors_are_told(
    amara, sofia, draft, django_capture_on_commit_callbacks
):
    elsewhere = people.editor(display_name="Kofi Mensah")
    desk = Desk.objects.create(category=draft.category)
    desk.editors.add(sofia)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_submit(article=draft, user=amara)
    assert len(told(sofia)) == 1
    assert told(elsewhere) == []


def test_a_desk_with_nobody_on_it_leaves_it_to_every_editor(
    amara, sofia, draft, django_capture_on_commit_callbacks
):
    Desk.objects.create(category=draft.category)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_submit(article=draft, user=amara)
    assert len(told(sofia)) == 1


def test_sending_back_tells_the_writers_with_the_note(
    amara, sofia, in_review, django_capture_on_commit_callbacks
):
    second_writer = people.writer(display_name="Ravi Shah")
    in_review.authors.add(second_writer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_send_back(
            article=in_review, user=sofia, note="Needs a second source\nfor the fee figures."
        )
    text = "Sofia Reyes sent “Harbour fees rise” back: Needs a second source for the fee figures."
    assert told(amara) == [("sent_back", text)]
    assert told(second_writer) == [("sent_back", text)]
    assert told(sofia) == []


def test_publishing_and_scheduling_tell_the_writers(
    amara, sofia, in_review, django_capture_on_commit_callbacks
):
    later = ArticleFactory(headline="Ferry timetable changes", authors=[amara])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_publish(article=in_review, user=sofia)
        workflow.article_publish(
            article=later, user=sofia, published_at=timezone.now() + timedelta(days=1)
        )
    kinds_told = sorted(kind for kind, _ in told(amara))
    assert kinds_told == ["published", "scheduled"]
    assert ("published", "Sofia Reyes published “Harbour fees rise”") in told(amara)
    assert told(sofia) == []


def test_an_editor_publishing_their_own_story_is_not_told_of_it(
    sofia, django_capture_on_commit_callbacks
):
    own = ArticleFactory(authors=[sofia], created_by=sofia)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_publish(article=own, user=sofia)
    assert told(sofia) == []


def test_someone_who_turned_a_kind_off_is_not_told(
    amara, sofia, draft, django_capture_on_commit_callbacks, mailoutbox
):
    preferences_set(user=sofia, choices={"submitted": (False, False)})
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_submit(article=draft, user=amara)
    assert told(sofia) == []
    assert mailoutbox == []


def test_e_mail_only_is_mailed_but_not_counted_in_the_admin(
    amara, sofia, draft, django_capture_on_commit_callbacks, mailoutbox
):
    preferences_set(user=sofia, choices={"submitted": (False, True)})
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_submit(article=draft, user=amara)
    assert Notification.objects.unread_for(sofia).count() == 0
    assert [message.to for message in mailoutbox] == [["sofia@example.com"]]


def test_a_rolled_back_action_tells_nobody(amara, sofia, draft, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                workflow.article_submit(article=draft, user=amara)
                raise RuntimeError("the save failed after the transition")
        except RuntimeError:
            pass
    assert told(sofia) == []


def test_readers_are_never_told_only_active_staff(sofia, django_capture_on_commit_callbacks):
    reader = people.reader()
    gone = people.editor(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[reader, gone, sofia], kind="mentioned", text="You were mentioned")
    assert list(Notification.objects.values_list("recipient", flat=True)) == [sofia.pk]


def test_an_unknown_kind_is_refused_at_once(sofia):
    with pytest.raises(ValueError, match="Unknown notification kind"):
        notify(recipients=[sofia], kind="gossip", text="Psst")


def test_notifications_change_nothing_public(
    client, amara, sofia, draft, django_capture_on_commit_callbacks
):
    workflow.article_submit(article=draft, user=amara)  # the article's own save, not ours
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[sofia], kind="mentioned", text="Amara mentioned you", article=draft)
    client.force_login(sofia)
    notification = Notification.objects.get(recipient=sofia)
    client.get(notification.get_absolute_url())
    client.post("/admin/notifications/mine/read/")
    assert content_version() == before


def test_a_schedule_says_when_the_story_goes_out(
    amara, sofia, in_review, django_capture_on_commit_callbacks
):
    from django.utils import formats

    when = timezone.now() + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_publish(article=in_review, user=sofia, published_at=when)
    shown = formats.date_format(timezone.localtime(when), "j M Y, H:i")
    assert told(amara) == [("scheduled", f"Sofia Reyes scheduled “Harbour fees rise” for {shown}")]
