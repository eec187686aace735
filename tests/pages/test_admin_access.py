"""On a database built by the migrations from scratch, the editors' grant on pages (given in
articles 0010, before pages had an app of their own) still lets them run the pages."""

import pytest
from django.urls import reverse

from pages.models import Page
from tests import people

pytestmark = pytest.mark.django_db


def test_an_editor_opens_the_pages_changelist_and_a_page_on_a_fresh_database(client):
    about = Page.objects.create(title="About the Herald", slug="about", is_published=True)
    editor = people.editor()
    client.force_login(editor)
    changelist = client.get(reverse("admin:pages_page_changelist"))
    assert changelist.status_code == 200
    assert "About the Herald" in changelist.content.decode()
    assert client.get(reverse("admin:pages_page_change", args=[about.pk])).status_code == 200
    assert editor.has_perms(["pages.add_page", "pages.change_page", "pages.delete_page"])


def test_a_writer_is_kept_out_of_the_pages(client):
    client.force_login(people.writer())
    assert client.get(reverse("admin:pages_page_changelist")).status_code == 403
