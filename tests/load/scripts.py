"""Django code the load test runs through `manage.py shell -c` (the last line is JSON)."""

READERS = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from accounts.models import User
from articles.models import Article

article = Article.objects.published().filter(comments_open=True).latest_first().first()
sessions = []
for number in range(%(count)d):
    user, created = User.objects.get_or_create(
        username=f"loadreader{number}", defaults={"email": f"loadreader{number}@example.com"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "accounts.backends.ReaderBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    sessions.append(session.session_key)
urls = ["/", "/search/?q=harbour"] + [
    a.get_absolute_url() for a in Article.objects.published().select_related("category")[:20]
] + [c.get_absolute_url() for c in article.category.__class__.objects.all()]
print(json.dumps({"article_id": article.pk, "url": article.get_absolute_url(),
                  "sessions": sessions, "read_urls": urls}))
"""

TALLY = """
import json
from django.db.models import Count
from comments.models import Comment

rows = (Comment.objects.filter(body__contains="Load test %(run_id)s ")
        .values("body").annotate(n=Count("pk")))
print(json.dumps({row["body"]: row["n"] for row in rows}))
"""

EDITOR_LOOP = """
import json, time
from django.db import connection
from accounts.models import User
from articles import services
from articles.models import Article

editor = User.objects.get(username="sofia")
deadline = time.monotonic() + %(seconds)d
published = errors = 0
while time.monotonic() < deadline:
    try:
        draft = Article.objects.filter(status__in=["draft", "review"]).order_by("?").first()
        if draft:
            services.article_publish(article=draft, user=editor)
            published += 1
        time.sleep(1)
        live = Article.objects.published().order_by("?").first()
        services.article_unpublish(article=live, user=editor)
    except Exception:  # the database outage: try again, as an editor would
        errors += 1
        connection.close()
        time.sleep(1)
    time.sleep(1)
print(json.dumps({"published": published, "failed attempts (retried)": errors}))
"""

PUBLISH_ONE = """
import json
from accounts.models import User
from articles import services
from articles.models import Article

draft = Article.objects.filter(status__in=["draft", "review"]).first()
services.article_publish(article=draft, user=User.objects.get(username="sofia"))
print(json.dumps({"headline": draft.headline}))
"""
