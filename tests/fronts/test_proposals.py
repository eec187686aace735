"""Writers propose a front's layout; Editors see the proposals in its history and publish
one (the role rules of the rest of the admin)."""

import pytest
from django.test import Client
from django.urls import reverse

from fronts import services
from fronts.models import Front, FrontVersion
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
    writer = people.writer()
    url = reverse("admin:fronts_front_version", args=[front_with_a_lead.pk, first.pk, "revert"])
    answer = logged_in(writer).post(url, follow=True)
    assert "Your layout is proposed: an editor will publish it." in answer.content.decode()
    assert front_with_a_lead.versions.filter(status="proposed").count() == 1


def test_a_reader_without_staff_rights_cannot_propose(front_with_a_lead):
    with pytest.raises(services.PermissionDenied):
        services.save_layout(front=front_with_a_lead, layout={"zones": []}, user=people.reader())
