"""The demo's staff and reader accounts, each made once with a fresh random password."""

import secrets

from django.conf import settings
from django.contrib.auth.models import Group

from accounts.models import User

STAFF = [
    # username, display name, role, bio
    ("amara", "Amara Okafor", "writer", "Covers business and the economy from the harbour desk."),
    ("lucas", "Lucas Brennan", "writer", "Science and environment correspondent."),
    ("mei", "Mei Tanaka", "writer", "Culture, sport and the stories in between."),
    ("sofia", "Sofia Marquez", "editor", "Managing editor. Reads every word before you do."),
    ("reader", "Riley Reader", "reader", ""),
]
WRITERS = [username for username, _, role, _ in STAFF if role == "writer"]
EDITOR = "sofia"


def ensure_accounts():
    """Make the accounts that do not exist yet; returns (role, username, password) of each
    one made, since the password is shown only once."""
    created = []
    for username, name, role, bio in STAFF:
        if User.objects.filter(username=username).exists():
            continue
        password = secrets.token_urlsafe(9)
        first, last = name.split(" ", 1)
        user = User.objects.create_user(
            username=username,
            email=f"{username}@newsroom.example",
            password=password,
            first_name=first,
            last_name=last,
            display_name=name,
            bio=bio,
            is_staff=role != "reader",
        )
        grant_role(user, role)
        created.append((role, username, password))
    return created


def grant_role(user, role):
    # The editorial groups come from accounts' migration 0002 (Writer, Editor).
    groups = {"writer": "Writer", "editor": "Editor"}
    if role in groups:
        user.groups.add(Group.objects.get(name=groups[role]))


def write_logins(logins):
    """Keep the new logins in var/demo_logins.txt (`make run` prints it on every start)
    and return the text."""
    lines = ["  Demo logins (admin at /admin/, readers log in at /accounts/login/):"]
    lines += [
        f"    {role:<7} {username:<8} password: {password}" for role, username, password in logins
    ]
    text = "\n".join(lines) + "\n"
    (settings.VAR_DIR / "demo_logins.txt").write_text(text)
    return text
