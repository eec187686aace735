import pytest

from tests.people import editor, writer


@pytest.fixture
def desk_editor(db):
    return editor(username="eddie", display_name="Eddie Editor")


@pytest.fixture
def reporter(db):
    return writer(username="wren", display_name="Wren Reporter")


@pytest.fixture
def outsider(db):
    return writer(username="otto", display_name="Otto Outsider")
