"""The Jinja2 environment of the template-engine experiment (bench/template_engines.py):
the helpers the Django templates reach through tags and filters, as globals and filters of
the port in bench/jinja2_port/. Never used by the app."""

import jinja2
from django.template import defaultfilters
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime

from articles.templatetags import article_tags
from shared import cache as content
from shared import personal
from shared.templatetags.datetimes import datetime_attr


def environment(**options):
    env = jinja2.Environment(**options)

    def inclusion(name, context):
        return mark_safe(env.get_template(name).render(context))

    def shows(*objects):
        content.depends_on(None, *(obj.cache_key for obj in objects if obj))
        return ""

    env.globals.update(
        url=lambda name, *a, **kw: reverse(name, args=a or None, kwargs=kw or None),
        picture=lambda image, **kw: inclusion(
            "includes/picture.html", article_tags.picture(image, **kw)
        ),
        author_photo=lambda *a, **kw: inclusion(
            "includes/author_photo.html", article_tags.author_photo(*a, **kw)
        ),
        personal_part=lambda name, arg="": mark_safe(personal.marker(name, arg)),
        shows=shows,
    )
    env.filters.update(
        # Django's date filter is handed local times by its engine; Jinja2 hands it the value.
        date=lambda value, arg: defaultfilters.date(template_localtime(value), arg),
        datetime_attr=datetime_attr,
        headline_size=article_tags.headline_size,
        urlencode_all=lambda value: defaultfilters.urlencode(value, ""),
        linebreaksbr=lambda value: defaultfilters.linebreaksbr(value, autoescape=True),
    )
    return env
