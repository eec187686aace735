"""@mentions: found on save among staff, shown as display names, announced on commit to the
people newly named (never the author)."""

import pytest
from django.urls import reverse

from notes import mentions
from notes.models import Note
from notes.signals import note_posted
from tests import people

from .conftest import as_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """What a receiver connected to note_posted was told, as the notifications app would be."""
    calls = []

    def receiver(sender, note, mentioned, **kwargs):
        calls.append({"note": note, "mentioned": mentioned, **kwargs})

    note_posted.connect(receiver, dispatch_uid="tests-notes-heard")
    yield calls
    note_posted.disconnect(dispatch_uid="tests-notes-heard")


def post(client, article, body, **extra):
    return client.post(reverse("notes:post", args=[article.pk]), {"body": body, **extra})


def test_mentions_of_staff_are_found_and_the_signal_names_them_on_commit(
    client, sofia, edda, draft, heard, django_capture_on_commit_callbacks
):
    reader = people.reader(username="rita")
    with django_capture_on_commit_callbacks(execute=True):
        post(as_user(client, sofia), draft, "@edda can you check? Cc @Rita @nobody @sofia.")

    note = Note.objects.get()
    assert set(note.mentions.all()) == {edda, sofia}  # a reader and an unknown name are not
    assert reader not in note.mentions.all()
    assert len(heard) == 1
    assert heard[0]["note"] == note
    assert heard[0]["mentioned"] == [edda]  # never the author


def test_the_signal_waits_for_the_commit(client, sofia, edda, draft, heard):
    # pytest-django's test transaction never commits: nothing may have been sent yet.
    post(as_user(client, sofia), draft, "@edda please look")
    assert Note.objects.exists()
    assert heard == []


def test_a_reply_announces_its_own_mentions(
    client, sofia, edda, draft, heard, django_capture_on_commit_callbacks
):
    thread = Note.objects.create(article=draft, author=edda, body="Who has the photos?")
    with django_capture_on_commit_callbacks(execute=True):
        post(as_user(client, sofia), draft, "@edda I do", parent=thread.pk)
    assert heard[0]["mentioned"] == [edda]
    assert heard[0]["note"].parent == thread


def test_an_edit_announces_only_the_people_it_adds(
    client, sofia, edda, draft, heard, django_capture_on_commit_callbacks
):
    tomas = people.editor(username="tomas")
    as_user(client, sofia)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, draft, "@edda look")
    note = Note.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notes:edit", args=[note.pk]), {"body": "@edda look"})
        client.post(reverse("notes:edit", args=[note.pk]), {"body": "@edda and @tomas look"})
    assert [call["mentioned"] for call in heard] == [[edda], [tomas]]
    assert heard[1]["edited"] is True


def test_a_mention_reads_as_the_display_name_and_unknown_names_stay_as_typed(
    client, sofia, edda, draft
):
    people.writer(username="mal", display_name="<b>Mal</b> & Co")
    as_user(client, sofia)
    post(client, draft, "@edda and @mal, ask @ghost")
    html = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert '<strong class="nr-mention">@Edda Lund</strong>' in html
    assert '<strong class="nr-mention">@&lt;b&gt;Mal&lt;/b&gt; &amp; Co</strong>' in html
    assert "ask @ghost" in html


@pytest.mark.parametrize(
    "body, names",
    [
        ("@sofia", ["sofia"]),
        ("Thanks @Sofia.", ["sofia"]),
        ("@sofia.reyes, @sofia-r!", ["sofia.reyes", "sofia-r"]),
        ("mail sofia@example.com", []),
        ("@@sofia", []),
        ("@sofia @SOFIA", ["sofia"]),
    ],
)
def test_names_are_read_as_people_type_them(body, names):
    assert mentions.names_in(body) == names


def test_rendering_keeps_line_breaks_and_escapes_everything():
    html = mentions.render("a <i>\nb", [])
    assert html == "a &lt;i&gt;<br>\nb"


def test_the_people_a_note_mentions_find_it_among_their_notifications(
    client, sofia, edda, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(as_user(client, sofia), draft, "@edda the second quote needs a source.")

    page = as_user(client, edda).get(reverse("notifications:list")).content.decode()
    assert "mentioned you in a note on" in page
    assert "the second quote needs a source." in page
    assert "Notifications, 1 unread" in client.get(reverse("admin:index")).content.decode()
    # The author is not told of their own note.
    page = as_user(client, sofia).get(reverse("notifications:list")).content.decode()
    assert "mentioned you" not in page
