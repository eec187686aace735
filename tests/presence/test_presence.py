"""Who else has an article open, the soft lock and take-overs, as the people in the admin
meet them: the change form, the heartbeat's answer, the save and the article list."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from articles.models import Article
from jobs import periodic
from presence.models import Lock, Presence
from presence.signals import taken_over
from shared.cache import content_version
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def beat(client, article, mode="editing"):
    answer = client.post(f"/admin/presence/{article.pk}/heartbeat/", {"mode": mode})
    assert answer.status_code == 200
    return answer.json()


def words(html):
    """The text as a reader takes it in, whatever the template's line breaks."""
    return " ".join(html.split())


def hh_mm(moment):
    return f"{timezone.localtime(moment):%H:%M}"


@pytest.fixture
def sofia():
    return people.editor(username="sofia", display_name="Sofia Reyes")


@pytest.fixture
def amara():
    return people.editor(username="amara", display_name="Amara Okafor")


@pytest.fixture
def article(sofia, amara):
    return ArticleFactory(headline="Storm closes the harbour", authors=[sofia, amara])


def test_the_first_to_open_the_form_holds_the_article_and_the_second_sees_who(
    sofia, amara, article
):
    client_for(sofia).get(change_url(article))
    page = words(client_for(amara).get(change_url(article)).content.decode())

    lock = Lock.objects.get(article=article)
    assert lock.holder == sofia
    assert "Sofia Reyes is editing this article since" in page
    assert f">{hh_mm(lock.since)}</time>" in page
    assert "The form is read-only for you." in page
    assert 'data-mode="locked-out"' in page
    assert 'href="#notes">Leave a note</a>' in page
    assert f'href="/admin/presence/{article.pk}/take-over/">Take over</a>' in page
    assert 'aria-live="polite"' in page


def test_a_heartbeat_lists_the_others_with_their_time_but_never_yourself(sofia, amara, article):
    sofia_client, amara_client = client_for(sofia), client_for(amara)
    sofia_client.get(change_url(article))
    amara_client.get(change_url(article))

    answer = beat(sofia_client, article)

    amara_here = Presence.objects.get(user=amara)
    assert answer["holding"] is True
    assert "Amara Okafor has it open" in answer["html"]
    assert f">{hh_mm(amara_here.since)}</time>" in answer["html"]
    assert "Sofia Reyes" not in answer["html"]
    assert "Sofia Reyes is editing" in beat(amara_client, article, "locked-out")["html"]


def test_someone_whose_heartbeats_stop_drops_out_after_a_minute_and_frees_the_article(
    sofia, amara, article
):
    sofia_client, amara_client = client_for(sofia), client_for(amara)
    sofia_client.get(change_url(article))
    last_seen = Presence.objects.get(user=sofia).last_seen

    with time_machine.travel(last_seen + timedelta(seconds=59)):
        answer = beat(amara_client, article)
        assert "Sofia Reyes is editing" in answer["html"]
        assert answer["holding"] is False

    with time_machine.travel(last_seen + timedelta(seconds=61)):
        answer = beat(amara_client, article)
        assert "Sofia Reyes" not in answer["html"]
        assert "Nobody else has this article open." in answer["html"]
        assert answer["holding"] is True, "the one still editing holds the freed article"
    assert Lock.objects.get(article=article).holder == amara


def test_a_save_by_someone_who_does_not_hold_the_article_is_refused_and_keeps_their_text(
    sofia, amara, article
):
    client_for(sofia).get(change_url(article))
    typed = "Storm closes the harbour for a second night"

    answer = client_for(amara).post(
        change_url(article), people.article_form_data(article, headline=typed, _save="Save")
    )

    assert answer.status_code == 200
    page = words(answer.content.decode())
    assert "Sofia Reyes is editing this article since" in page
    assert "nothing of yours was saved" in page
    assert typed in page
    article.refresh_from_db()
    assert article.headline == "Storm closes the harbour"


def test_the_holder_saves_and_leaves_and_the_article_is_free(sofia, article):
    client = client_for(sofia)
    client.get(change_url(article))

    answer = client.post(
        change_url(article),
        people.article_form_data(article, headline="Harbour shut", _save="Save"),
    )

    assert answer.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Harbour shut"
    assert not Lock.objects.filter(article=article).exists()
    assert not Presence.objects.filter(article=article, user=sofia).exists()


def test_taking_over_moves_the_lock_and_the_holder_hears_of_it_on_the_next_heartbeat(
    sofia, amara, article, django_capture_on_commit_callbacks
):
    sofia_client, amara_client = client_for(sofia), client_for(amara)
    sofia_client.get(change_url(article))
    amara_client.get(change_url(article))
    heard = []
    taken_over.connect(lambda **kw: heard.append(kw), weak=False, dispatch_uid="test-heard")
    try:
        confirm = amara_client.get(f"/admin/presence/{article.pk}/take-over/").content.decode()
        assert "Sofia Reyes may lose unsaved work; take over?" in confirm
        with django_capture_on_commit_callbacks(execute=True):
            answer = amara_client.post(f"/admin/presence/{article.pk}/take-over/")
    finally:
        taken_over.disconnect(dispatch_uid="test-heard")

    assert answer.status_code == 302 and answer.url == change_url(article)
    lock = Lock.objects.get(article=article)
    assert lock.holder == amara
    assert [(h["article"], h["holder"], h["by"]) for h in heard] == [(article, sofia, amara)]

    told = beat(sofia_client, article, "editing")
    assert told["taken_over_by"] == "Amara Okafor"
    assert told["holding"] is False
    assert "Amara Okafor took over at <time" in words(told["html"])
    assert f">{hh_mm(lock.since)}</time>" in told["html"]
    assert "Your unsaved text is kept as your autosave." in told["html"]
    assert ">Take back</a>" in told["html"]
    assert beat(amara_client, article)["holding"] is True


def test_a_writer_cannot_take_over_from_an_editor(sofia):
    writer = people.writer(username="tom", display_name="Tom Hale")
    article = ArticleFactory(authors=[sofia, writer])
    client_for(sofia).get(change_url(article))
    writer_client = client_for(writer)

    page = words(writer_client.get(change_url(article)).content.decode())
    assert "Sofia Reyes is editing this article" in page
    assert ">Take over</a>" not in page
    refused = writer_client.post(f"/admin/presence/{article.pk}/take-over/")

    assert refused.status_code == 403
    assert "a writer cannot take over from an editor" in refused.content.decode()
    assert Lock.objects.get(article=article).holder == sofia


def test_an_editor_can_take_over_from_a_writer(sofia):
    writer = people.writer(username="tom", display_name="Tom Hale")
    article = ArticleFactory(authors=[writer])
    client_for(writer).get(change_url(article))

    answer = client_for(sofia).post(f"/admin/presence/{article.pk}/take-over/")

    assert answer.status_code == 302
    assert Lock.objects.get(article=article).holder == sofia


def test_the_article_list_says_who_is_editing_which_article(sofia, amara, article):
    client_for(sofia).get(change_url(article))
    since = Presence.objects.get(user=sofia).since

    page = words(client_for(amara).get("/admin/articles/article/").content.decode())

    assert "Sofia Reyes is editing <a" in page
    assert "“Storm closes the harbour”</a>, since" in page
    assert f">{hh_mm(since)}</time>" in page
    assert "Sofia Reyes" not in client_for(sofia).get("/admin/presence/articles/").content.decode()


def test_heartbeats_locks_and_take_overs_change_nothing_public(sofia, amara):
    article = ArticleFactory(published=True, authors=[sofia])
    assert Article.objects.published().filter(pk=article.pk).exists()
    sofia_client, amara_client = client_for(sofia), client_for(amara)
    before = content_version()

    sofia_client.get(change_url(article))
    beat(sofia_client, article)
    amara_client.post(f"/admin/presence/{article.pk}/take-over/")
    beat(sofia_client, article)
    amara_client.post(f"/admin/presence/{article.pk}/leave/")

    assert content_version() == before


def test_a_heartbeat_costs_one_small_write_and_one_read(
    sofia, amara, article, django_assert_max_num_queries
):
    sofia_client = client_for(sofia)
    sofia_client.get(change_url(article))
    client_for(amara).get(change_url(article))

    with django_assert_max_num_queries(2):
        answer = beat(sofia_client, article)
    assert answer["holding"]
    assert "Amara Okafor has it open" in words(answer["html"])


def test_no_heartbeat_for_an_article_you_may_not_open(sofia):
    writer = people.writer(username="tom")
    article = ArticleFactory(authors=[sofia])

    answer = client_for(writer).post(
        f"/admin/presence/{article.pk}/heartbeat/", {"mode": "editing"}
    )

    assert answer.status_code == 404
    assert not Presence.objects.filter(article=article).exists()


def test_the_rows_a_closed_tab_left_behind_are_removed_by_the_workers_and_the_live_stay(
    sofia, amara, article
):
    other = ArticleFactory(headline="Ferry strike ends", authors=[sofia])
    sofia_client, amara_client = client_for(sofia), client_for(amara)
    sofia_client.get(change_url(article))  # she holds it, then her tab closes without a word
    amara_client.get(change_url(other))  # she holds the other and keeps beating
    opened = Presence.objects.get(user=sofia).last_seen
    before = content_version()

    with time_machine.travel(opened + timedelta(seconds=50)):
        beat(amara_client, other)
    with time_machine.travel(opened + timedelta(seconds=61)):
        periodic.run_due()

    assert not Presence.objects.filter(user=sofia).exists()
    assert not Lock.objects.filter(article=article).exists()
    assert Presence.objects.filter(user=amara, article=other).exists()
    assert Lock.objects.get(article=other).holder == amara, "a live holder keeps an old lock"
    assert content_version() == before

    with time_machine.travel(opened + timedelta(seconds=70)):
        answer = beat(sofia_client, article)  # back after the sweep: she simply starts again
    assert answer["holding"] is True
    assert Presence.objects.get(user=sofia).since > opened


def test_saving_and_continuing_keeps_the_article(sofia, article):
    client = client_for(sofia)
    client.get(change_url(article))

    answer = client.post(
        change_url(article),
        people.article_form_data(article, headline="Harbour shut", _continue="Save and continue"),
    )

    assert answer.status_code == 302
    assert Lock.objects.get(article=article).holder == sofia


def test_the_holder_finds_the_take_over_among_their_notifications(
    sofia, django_capture_on_commit_callbacks
):
    writer = people.writer(username="tom", display_name="Tom Hale")
    article = ArticleFactory(headline="Storm closes the harbour", authors=[writer])
    tom = client_for(writer)
    tom.get(change_url(article))

    with django_capture_on_commit_callbacks(execute=True):
        client_for(sofia).post(f"/admin/presence/{article.pk}/take-over/")

    page = words(tom.get("/admin/notifications/mine/").content.decode())
    assert "Sofia Reyes took over “Storm closes the harbour”" in page
    assert (
        "Sofia Reyes took over"
        not in client_for(sofia).get("/admin/notifications/mine/").content.decode()
    )
