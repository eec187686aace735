"""Notes through the admin, as staff use them: post, reply, edit, delete, resolve, and the
panel on the change form and the history page; who may, and what bad input gets."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notes.models import MAX_BODY_CHARS, Note
from shared.cache import content_version
from tests import people
from tests.factories import ArticleFactory

from .conftest import as_user

pytestmark = pytest.mark.django_db


def change_form(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def history(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def post_note(client, article, body, **extra):
    return client.post(reverse("notes:post", args=[article.pk]), {"body": body, **extra})


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_writer_posts_a_note_and_an_editor_replies_both_seen_on_the_change_form_and_history(
    client, sofia, edda, draft
):
    response = post_note(as_user(client, sofia), draft, "Is the union quote confirmed?")
    assert response.status_code == 302
    assert response["Location"] == change_form(draft) + "#notes"
    html = page(client, change_form(draft))
    assert "Note posted." in html
    assert "Is the union quote confirmed?" in html

    thread = Note.objects.get()
    response = post_note(
        as_user(client, edda), draft, "Yes, on the record.", parent=thread.pk, back="history"
    )
    assert response["Location"] == history(draft) + "#notes"

    for url in (change_form(draft), history(draft)):
        html = page(client, url)
        assert html.index("Is the union quote confirmed?") < html.index("Yes, on the record.")
        assert "Sofia Reyes" in html and "Edda Lund" in html


def test_a_reply_to_a_reply_joins_the_thread(client, sofia, draft):
    as_user(client, sofia)
    post_note(client, draft, "First")
    first = Note.objects.get()
    post_note(client, draft, "Second", parent=first.pk)
    second = Note.objects.get(body="Second")
    post_note(client, draft, "Third", parent=second.pk)
    assert Note.objects.get(body="Third").parent == first


def test_threads_come_oldest_first_with_the_newest_thread_last(client, sofia, draft):
    as_user(client, sofia)
    post_note(client, draft, "Older thread")
    post_note(client, draft, "Newer thread")
    html = page(client, change_form(draft))
    assert html.index("Older thread") < html.index("Newer thread") < html.index("Add a note")


def test_a_writer_who_may_not_change_the_article_gets_403_and_no_note(client, sofia):
    colleagues = ArticleFactory(headline="Someone else's story")
    response = post_note(as_user(client, sofia), colleagues, "Let me in")
    assert response.status_code == 403
    assert not Note.objects.exists()


def test_a_reader_is_sent_to_the_admin_login(client, draft):
    response = post_note(as_user(client, people.reader()), draft, "Hello")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Note.objects.exists()


def test_a_writer_sees_the_notes_of_a_published_story_of_hers_but_no_forms(client, sofia, edda):
    story = ArticleFactory(published=True, authors=[sofia])
    as_user(client, edda)
    post_note(client, story, "Trim the second paragraph tomorrow.")
    html = page(as_user(client, sofia), change_form(story))
    assert "Trim the second paragraph tomorrow." in html
    assert "Post note" not in html and "Resolve" not in html


def test_an_empty_note_is_refused_with_a_clear_message(client, sofia, draft):
    response = post_note(as_user(client, sofia), draft, "   \n ")
    assert response.status_code == 302
    html = page(client, change_form(draft))
    assert "Write something before posting the note." in html
    assert not Note.objects.exists()


def test_a_note_too_long_comes_back_in_its_form_with_the_reason(client, sofia, draft):
    typed = "The council statement, in full: " + "word " * MAX_BODY_CHARS
    post_note(as_user(client, sofia), draft, typed)
    html = page(client, change_form(draft))
    assert f"A note holds at most {MAX_BODY_CHARS:,} characters" in html
    assert 'aria-invalid="true"' in html
    assert typed.strip() in html  # in the textarea, nothing lost
    assert not Note.objects.exists()
    # Shown once: the next visit is a clean form.
    assert "A note holds at most" not in page(client, change_form(draft))


def test_a_refused_reply_comes_back_in_its_own_thread_open(client, sofia, draft):
    as_user(client, sofia)
    post_note(client, draft, "Thread")
    thread = Note.objects.get()
    post_note(client, draft, "", parent=thread.pk)
    html = page(client, change_form(draft))
    assert 'class="nr-notes__reply" open' in html
    assert f'id="note-reply-{thread.pk}-error"' in html


def test_resolving_folds_a_thread_away_and_a_reply_reopens_it(client, sofia, edda, draft):
    as_user(client, sofia)
    post_note(client, draft, "Check the ferry times")
    thread = Note.objects.get()
    response = as_user(client, edda).post(reverse("notes:resolve", args=[thread.pk]))
    assert response["Location"] == change_form(draft) + "#notes"
    thread.refresh_from_db()
    assert thread.resolved_by == edda and thread.resolved_at is not None

    html = page(client, change_form(draft))
    assert "Thread resolved." in html
    resolved = html[html.index("Resolved threads (1)") :]
    assert "Check the ferry times" in resolved and "Resolved by Edda Lund" in resolved
    assert "No open notes." in html

    post_note(as_user(client, sofia), draft, "They changed again", parent=thread.pk)
    thread.refresh_from_db()
    assert thread.resolved_at is None


def test_a_resolved_thread_can_be_reopened(client, sofia, draft):
    as_user(client, sofia)
    post_note(client, draft, "Open question")
    thread = Note.objects.get()
    client.post(reverse("notes:resolve", args=[thread.pk]))
    client.post(reverse("notes:resolve", args=[thread.pk]), {"reopen": "1"})
    thread.refresh_from_db()
    assert not thread.is_resolved
    assert "Thread reopened." in page(client, change_form(draft))


def test_an_author_edits_her_note_and_it_says_edited(client, sofia, draft):
    as_user(client, sofia)
    post_note(client, draft, "Quote from the mayr")
    note = Note.objects.get()
    client.post(reverse("notes:edit", args=[note.pk]), {"body": "Quote from the mayor"})
    html = page(client, change_form(draft))
    assert "Quote from the mayor" in html and "(edited)" in html


def test_nobody_edits_someone_elses_note_not_even_an_editor(client, sofia, edda, draft):
    post_note(as_user(client, sofia), draft, "Mine")
    note = Note.objects.get()
    response = as_user(client, edda).post(reverse("notes:edit", args=[note.pk]), {"body": "X"})
    assert response.status_code == 403
    note.refresh_from_db()
    assert note.body == "Mine"


def test_an_edit_emptied_keeps_the_note_and_brings_the_text_back(client, sofia, draft):
    as_user(client, sofia)
    post_note(client, draft, "Keep me")
    note = Note.objects.get()
    client.post(reverse("notes:edit", args=[note.pk]), {"body": ""})
    html = page(client, change_form(draft))
    assert "Write something before posting the note." in html
    assert 'class="nr-notes__edit" open' in html
    note.refresh_from_db()
    assert note.body == "Keep me"


def test_authors_delete_their_own_notes_and_editors_anyones(client, sofia, edda, draft):
    other_writer = people.writer()
    draft.authors.add(other_writer)
    as_user(client, sofia)
    post_note(client, draft, "Sofia's note")
    post_note(client, draft, "Sofia's second note")
    first, second = Note.objects.all()

    response = as_user(client, other_writer).post(reverse("notes:delete", args=[first.pk]))
    assert response.status_code == 403

    as_user(client, sofia).post(reverse("notes:delete", args=[first.pk]))
    as_user(client, edda).post(reverse("notes:delete", args=[second.pk]))
    assert not Note.objects.exists()
    assert "Note deleted." in page(client, change_form(draft))


def test_deleting_a_note_twice_lands_back_on_the_page_saying_it_was_already_deleted(
    client, sofia, draft
):
    post_note(as_user(client, sofia), draft, "Check the ferry times")
    note = Note.objects.get()
    action = reverse("notes:delete", args=[note.pk])
    delete_form = re.search(
        f'<form method="post" action="{action}".*?</form>', page(client, history(draft)), re.S
    ).group(0)
    posted = dict(re.findall(r'name="(back|article)" value="([^"]*)"', delete_form))
    client.post(reverse("notes:delete", args=[note.pk]), posted)  # the first click
    before = content_version()

    again = client.post(reverse("notes:delete", args=[note.pk]), posted)

    assert again.status_code == 302
    assert again["Location"] == history(draft) + "#notes"
    assert "That note was already deleted." in page(client, history(draft))
    assert content_version() == before


def test_deleting_a_gone_note_of_an_article_you_may_not_see_says_nothing_of_it(
    client, sofia, draft
):
    stranger = people.writer(username="stranger")
    answer = as_user(client, stranger).post(
        reverse("notes:delete", args=[999]), {"article": draft.pk, "back": "change"}
    )
    assert answer["Location"] == reverse("admin:articles_article_changelist")


def test_editing_a_note_deleted_meanwhile_keeps_the_text_in_the_new_note_box(
    client, sofia, edda, draft
):
    post_note(as_user(client, sofia), draft, "First thought")
    note = Note.objects.get()
    as_user(client, edda).post(reverse("notes:delete", args=[note.pk]))
    edited = {"body": "Second, better thought", "article": draft.pk, "back": "change"}

    answer = as_user(client, sofia).post(reverse("notes:edit", args=[note.pk]), edited)

    assert answer["Location"] == change_form(draft) + "#notes"
    html = page(client, change_form(draft))
    assert "The note you edited was deleted meanwhile" in html
    assert ">Second, better thought</textarea>" in html
    resolved = client.post(reverse("notes:resolve", args=[note.pk]), edited, follow=True)
    assert "That thread was deleted." in resolved.content.decode()


def test_a_writer_may_not_delete_a_thread_others_replied_to(client, sofia, edda, draft):
    as_user(client, sofia)
    post_note(client, draft, "Thread")
    thread = Note.objects.get()
    post_note(as_user(client, edda), draft, "Reply", parent=thread.pk)
    as_user(client, sofia).post(reverse("notes:delete", args=[thread.pk]))
    assert Note.objects.count() == 2
    assert "ask an editor" in page(client, change_form(draft))


@pytest.mark.parametrize("body", ["\x00", "bad\x00byte", "\U0001f30a harbour \u202e"])
def test_odd_text_is_never_a_server_error(client, sofia, draft, body):
    response = post_note(as_user(client, sofia), draft, body, parent="x", back="elsewhere")
    assert response.status_code == 302
    assert response["Location"] == change_form(draft) + "#notes"
    assert page(client, change_form(draft))


def test_note_text_is_escaped_on_the_page(client, sofia, draft):
    post_note(as_user(client, sofia), draft, "<script>alert(1)</script> & more")
    html = page(client, change_form(draft))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html


def build_threads(article, people_, count):
    for i in range(count):
        thread = Note.objects.create(article=article, author=people_[i % 2], body=f"Thread {i}")
        thread.mentions.add(people_[(i + 1) % 2])
        reply = Note.objects.create(
            article=article, author=people_[(i + 1) % 2], parent=thread, body="@sofia ok"
        )
        reply.mentions.add(people_[0])


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_change_form_costs_the_same_queries_with_2_or_20_notes(
    client, sofia, edda, django_assert_max_num_queries
):
    few, many = ArticleFactory(authors=[sofia]), ArticleFactory(authors=[sofia])
    build_threads(few, [sofia, edda], 1)
    build_threads(many, [sofia, edda], 10)
    as_user(client, sofia)
    # Warm what the first request of a session reads, and the first visit to each article
    # (it records who has it open: presence/).
    queries_for(client, change_form(few))
    queries_for(client, change_form(many))
    baseline = queries_for(client, change_form(few))
    with django_assert_max_num_queries(baseline):
        html = page(client, change_form(many))
    assert html.count('class="nr-notes__note"') == 20
