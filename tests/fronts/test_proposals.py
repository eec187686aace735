"""Writers propose a front's layout; Editors see the proposals in its history and publish
one (the role rules of the rest of the admin)."""

import pytest
from django.test import Client
from django.urls import reverse

from fronts import services
from fronts.models import Front, FrontVersion
from notifications.models import Notification
from notifications.services import preferences_set
from shared.cache import content_version
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def lead(article):
    return {"zones": [{"kind": "lead", "size": 1, "placements": [{"article": article.pk}]}]}


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def front_with_a_lead():
    front = Front.objects.create()
    old = ArticleFactory(published=True, headline="Old lead on the quay")
    services.save_layout(front=front, layout=lead(old), user=people.editor())
    return front


def test_a_writers_layout_is_a_proposal_readers_never_see(client, front_with_a_lead):
    new = ArticleFactory(published=True, headline="Pick of the writer")
    before = content_version()
    version = services.save_layout(
        front=front_with_a_lead, layout=lead(new), user=people.writer(username="wri")
    )
    assert version.status == FrontVersion.Status.PROPOSED
    assert content_version() == before  # nothing public changed
    html = client.get("/").content.decode()
    assert "Old lead on the quay" in html and "Pick of the writer" not in html


def test_an_editor_publishes_a_writers_proposal_from_the_history(client, front_with_a_lead):
    new = ArticleFactory(published=True, headline="Pick of the writer")
    writer, editor = people.writer(username="wri"), people.editor(username="boss")
    proposal = services.save_layout(front=front_with_a_lead, layout=lead(new), user=writer)
    history = reverse("admin:fronts_front_layouts", args=[front_with_a_lead.pk])
    publish = reverse(
        "admin:fronts_front_version", args=[front_with_a_lead.pk, proposal.pk, "publish"]
    )

    assert "Publish this proposal" not in logged_in(writer).get(history).content.decode()
    assert logged_in(writer).post(publish).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == FrontVersion.Status.PROPOSED  # a writer cannot publish it

    seen = logged_in(editor).get(history).content.decode()
    assert "Proposed" in seen and "Publish this proposal" in seen
    answer = logged_in(editor).post(publish, follow=True)
    assert "The layout is live." in answer.content.decode()
    assert "Pick of the writer" in client.get("/").content.decode()
    proposal.refresh_from_db()
    assert proposal.published_by == editor and proposal.created_by == writer


def test_a_writer_who_reverts_proposes_the_old_layout(front_with_a_lead):
    first = front_with_a_lead.versions.get()
    newer = ArticleFactory(published=True, headline="Newer lead")
    services.save_layout(front=front_with_a_lead, layout=lead(newer), user=people.editor())
    writer = people.writer()
    url = reverse("admin:fronts_front_version", args=[front_with_a_lead.pk, first.pk, "revert"])
    answer = logged_in(writer).post(url, follow=True)
    assert "Your layout is proposed: an editor will publish it." in answer.content.decode()
    assert front_with_a_lead.versions.filter(status="proposed").count() == 1


def test_a_reader_without_staff_rights_cannot_propose(front_with_a_lead):
    with pytest.raises(services.PermissionDenied):
        services.save_layout(front=front_with_a_lead, layout={"zones": []}, user=people.reader())


def lead_and_top(lead_story, *top):
    return {
        "zones": [
            {"kind": "lead", "size": 1, "placements": [{"article": lead_story.pk}]},
            {"kind": "top", "size": 4, "placements": [{"article": s.pk} for s in top]},
        ]
    }


def test_publishing_a_proposal_made_before_a_later_change_shows_what_it_undoes_first(
    client, front_with_a_lead
):
    old = front_with_a_lead.zones.get().placements.get().article
    pick = ArticleFactory(published=True, headline="Pick of the writer")
    since = ArticleFactory(published=True, headline="Ferry strike called off")
    writer, editor = people.writer(username="wri"), people.editor(username="boss")
    proposal = services.save_layout(front=front_with_a_lead, layout=lead(pick), user=writer)
    # After the proposal, an Editor puts a story under the lead.
    services.save_layout(front=front_with_a_lead, layout=lead_and_top(old, since), user=editor)
    publish = reverse(
        "admin:fronts_front_version", args=[front_with_a_lead.pk, proposal.pk, "publish"]
    )

    answer = logged_in(editor).post(publish)
    html = answer.content.decode()
    assert answer.status_code == 409
    assert "This front was changed since" in html
    assert "“Ferry strike called off” was placed in Top stories since: " in html
    assert "publishing this layout takes it off" in html
    proposal.refresh_from_db()
    assert proposal.status == FrontVersion.Status.PROPOSED  # nothing published unseen
    assert "Ferry strike called off" in client.get("/").content.decode()

    current = front_with_a_lead.versions.filter(status="applied").first()
    assert f'name="replacing" value="{current.pk}"' in html
    confirmed = logged_in(editor).post(publish, {"replacing": current.pk}, follow=True)
    assert "The layout is live." in confirmed.content.decode()
    page = client.get("/").content.decode()
    assert "Pick of the writer" in page and "Ferry strike called off" not in page


def test_a_confirmation_given_before_yet_another_change_asks_again(front_with_a_lead):
    old = front_with_a_lead.zones.get().placements.get().article
    pick, since, later = (ArticleFactory(published=True) for _ in range(3))
    editor = people.editor()
    proposal = services.save_layout(
        front=front_with_a_lead, layout=lead(pick), user=people.writer()
    )
    services.save_layout(front=front_with_a_lead, layout=lead_and_top(old, since), user=editor)
    with pytest.raises(services.LayoutMovedOn) as seen:
        services.publish_proposal(version=proposal, user=editor)
    again_layout = lead_and_top(old, since, later)
    services.save_layout(front=front_with_a_lead, layout=again_layout, user=editor)  # and again
    with pytest.raises(services.LayoutMovedOn) as again:
        services.publish_proposal(version=proposal, user=editor, replacing=seen.value.current)
    assert again.value.current != seen.value.current
    services.publish_proposal(version=proposal, user=editor, replacing=again.value.current)
    assert front_with_a_lead.zones.get().placements.get().article == pick


def test_a_proposal_from_the_screen_remembers_the_layout_it_was_made_from(front_with_a_lead):
    first = front_with_a_lead.versions.get()
    editor = people.editor()
    services.save_layout(front=front_with_a_lead, layout={"zones": []}, user=editor)
    proposal = services.save_layout(
        front=front_with_a_lead,
        layout=lead(ArticleFactory()),
        user=people.writer(),
        based_on=first,
    )
    with pytest.raises(services.LayoutMovedOn) as moved:
        services.publish_proposal(version=proposal, user=editor)
    assert "was taken off Lead since: this layout leaves it off." in moved.value.changes[0]["text"]


def told(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", "text"))


def test_a_writers_proposal_tells_the_editors_and_changes_nothing_public(
    front_with_a_lead, django_capture_on_commit_callbacks
):
    writer = people.writer(display_name="Wren Writer")
    editors = [people.editor(), people.editor()]
    quiet = people.editor()
    preferences_set(user=quiet, choices={"front_proposed": (False, False)})
    pick = ArticleFactory(published=True)
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        services.save_layout(front=front_with_a_lead, layout=lead(pick), user=writer)
    assert content_version() == before
    for editor in editors:
        [(kind, text)] = told(editor)
        assert kind == "front_proposed"
        assert text.startswith("Wren Writer proposed a layout of the Home front: ")
    assert told(quiet) == [] and told(writer) == []


def test_publishing_or_rejecting_a_proposal_tells_its_writer(
    client, front_with_a_lead, django_capture_on_commit_callbacks
):
    writer = people.writer()
    editor = people.editor(display_name="Sofia Editor")
    first = services.save_layout(
        front=front_with_a_lead, layout=lead(ArticleFactory(published=True)), user=writer
    )
    second = services.save_layout(
        front=front_with_a_lead,
        layout=lead(ArticleFactory(published=True, headline="Turned down")),
        user=writer,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_proposal(version=first, user=editor)
    assert told(writer) == [
        ("front_decided", "Sofia Editor published your layout of the Home front")
    ]

    reject = reverse("admin:fronts_front_version", args=[front_with_a_lead.pk, second.pk, "reject"])
    assert logged_in(writer).post(reject).status_code == 403
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        answer = logged_in(editor).post(reject, {"note": "Too  quiet for a lead"}, follow=True)
    html = answer.content.decode()
    assert "The proposal is rejected; its writer is told." in html
    assert "Rejected by Sofia Editor: Too quiet for a lead" in html
    assert content_version() == before
    assert "Turned down" not in client.get("/").content.decode()
    assert (
        "front_decided",
        "Sofia Editor rejected your layout of the Home front: Too quiet for a lead",
    ) in told(writer)
    assert "Publish this proposal" not in html  # nothing left to publish
