"""The write API's article form is the admin's, field for field, for each role."""

import pytest
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.test import RequestFactory

from api.forms import article_form_class
from articles.admin.article import ArticleAdmin
from articles.forms import ARTICLE_FORM_FIELDS
from articles.models import Article
from tests import people
from tests.factories import ArticleFactory, CategoryFactory


def test_the_form_fields_are_the_admins_fieldsets_in_order():
    assert flatten_fieldsets(ArticleAdmin.fieldsets) == ARTICLE_FORM_FIELDS


def what_it_accepts(form):
    """Each field's name, kind, whether it is required and what it lets through."""
    seen = []
    for name, field in form.fields.items():
        choices = None
        if hasattr(field, "queryset"):
            choices = sorted(field.queryset.values_list("pk", flat=True))
        elif hasattr(field, "choices"):
            choices = list(field.choices)
        seen.append((name, type(field).__name__, field.required, choices))
    return seen


@pytest.mark.parametrize("role", ["writer", "editor"])
@pytest.mark.parametrize("existing", [False, True])
def test_the_api_form_accepts_what_the_admins_form_accepts(db, role, existing):
    CategoryFactory(name="Trending News", slug="trending-news", shows_trending=True)
    CategoryFactory(name="World", slug="world")
    user = getattr(people, role)()
    article = ArticleFactory(status=Article.Status.DRAFT, authors=[user]) if existing else None
    request = RequestFactory().get("/admin/")
    request.user = user
    admin_form = admin.site.get_model_admin(Article).get_form(request, article, change=existing)(
        instance=article or Article()
    )

    api_form = article_form_class(user)(instance=article or Article())

    assert what_it_accepts(api_form) == what_it_accepts(admin_form)
    assert api_form.can_publish == admin_form.can_publish
