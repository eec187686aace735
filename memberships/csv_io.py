"""Members out as CSV, and in from Ghost's or Substack's member export.

Import keeps every good row and reports every bad one with its line and reason: each row
is written in its own savepoint, so a bad row loses nothing else. Readers are matched by
e-mail (case-insensitive) and created when new, with no usable password (they set one
through "Forgot your password?"). A row whose reader already holds a membership of the
tier that has not been cancelled changes nothing, so the same file imported twice adds
nothing twice.

Ghost: email, name, note, subscribed_to_emails, complimentary_plan, stripe_customer_id,
created_at, labels, tiers (names, comma-separated). Substack: email, active_subscription,
expiry, plan ("comp" is complimentary), email_disabled, created_at; its paid readers join
the tier the Editor picks. A reader with no paid or complimentary membership (Ghost's free
members, Substack's inactive ones) gets an account and no membership. Newsletter consent
(subscribed_to_emails, email_disabled) is not applied: newsletters keeps its own
double opt-in.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from .models import Membership, Tier

GHOST = {"email", "complimentary_plan", "stripe_customer_id", "tiers"}
SUBSTACK = {"email", "active_subscription", "expiry", "plan"}
EXPORT_COLUMNS = [
    "email",
    "name",
    "tier",
    "status",
    "source",
    "current_period_end",
    "created_at",
    "note",
    "provider_customer",
]
TRUE = {"true", "1", "yes", "y", "t"}
FALSE = {"false", "0", "no", "n", "f", ""}


class BadRow(Exception):
    pass


@dataclass
class Report:
    created: int = 0
    unchanged: int = 0
    accounts: int = 0
    problems: list = field(default_factory=list)  # (line, reason)
    kind: str = ""


def export(rows, out):
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for m in rows.select_related("user", "tier"):
        writer.writerow(
            [
                m.user.email,
                m.user.public_name,
                m.tier.name,
                m.status,
                m.source,
                m.current_period_end.isoformat() if m.current_period_end else "",
                m.created_at.isoformat(),
                m.note,
                m.provider_customer,
            ]
        )


def flag(value, column):
    text = (value or "").strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise BadRow(f"“{value}” in {column} is not true or false.")


def when(value, column):
    text = (value or "").strip()
    if not text:
        return None
    try:
        moment = parse_datetime(text.replace(" ", "T", 1)) or parse_datetime(text)
        if moment is None:
            day = parse_date(text[:10])
            if day is None:
                raise ValueError
            moment = datetime.datetime.combine(day, datetime.time())
    except ValueError:
        raise BadRow(f"“{value}” in {column} is not a date.") from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def tier_named(name, tiers):
    tier = tiers.get(name.strip().lower())
    if tier is None:
        raise BadRow(f"No tier is called “{name.strip()}”.")
    return tier


def reader_for(email, name, report):
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(username=email[:150], email=email, display_name=name[:100])
        user.set_unusable_password()
        user.save()
        report.accounts += 1
    return user


def add_membership(user, tier, *, source, ends=None, customer="", note="", created=None):
    if (
        Membership.objects.filter(user=user, tier=tier)
        .exclude(status=Membership.Status.CANCELLED)
        .exists()
    ):
        return False
    made = Membership.objects.create(
        user=user,
        tier=tier,
        source=source,
        current_period_end=ends,
        provider_customer=customer,
        note=note[:255],
    )
    if created:  # auto_now_add: the export's own date is kept with a second write
        Membership.objects.filter(pk=made.pk).update(created_at=created)
    return True


def ghost_row(row, tiers, report):
    email = required_email(row)
    comp = flag(row.get("complimentary_plan"), "complimentary_plan")
    flag(row.get("subscribed_to_emails"), "subscribed_to_emails")  # checked, not applied
    created = when(row.get("created_at"), "created_at")
    customer = (row.get("stripe_customer_id") or "").strip()
    names = [n for n in (row.get("tiers") or "").split(",") if n.strip()]
    chosen = [tier_named(n, tiers) for n in names]
    if (comp or customer) and not chosen:
        raise BadRow("A complimentary or paying member with no tier: name one in tiers.")
    user = reader_for(email, (row.get("name") or "").strip(), report)
    note = " ".join(p for p in ((row.get("note") or "").strip(), labels(row)) if p)
    source = Membership.Source.COMPLIMENTARY if comp else Membership.Source.IMPORT
    for tier in chosen:
        made = add_membership(
            user, tier, source=source, customer=customer, note=note, created=created
        )
        report.created += made
        report.unchanged += not made


def labels(row):
    text = (row.get("labels") or "").strip()
    return f"Labels: {text}" if text else ""


def substack_row(row, paid_tier, report):
    email = required_email(row)
    active = flag(row.get("active_subscription"), "active_subscription")
    flag(row.get("email_disabled"), "email_disabled")  # checked, not applied
    ends = when(row.get("expiry"), "expiry")
    created = when(row.get("created_at"), "created_at")
    plan = (row.get("plan") or "").strip()
    if active and paid_tier is None:
        raise BadRow("A paying reader, and no tier was chosen for Substack's paid readers.")
    user = reader_for(email, "", report)
    if not active:
        return
    source = Membership.Source.COMPLIMENTARY if plan.lower() == "comp" else Membership.Source.IMPORT
    made = add_membership(
        user, paid_tier, source=source, ends=ends, note=f"Substack plan: {plan}", created=created
    )
    report.created += made
    report.unchanged += not made


def required_email(row):
    email = (row.get("email") or "").strip()
    if not email:
        raise BadRow("No e-mail address.")
    try:
        validate_email(email)
    except ValidationError:
        raise BadRow(f"“{email}” is not an e-mail address.") from None
    return email


def import_members(data, *, paid_tier=None):
    """Import a Ghost or Substack export (bytes or text). Returns a Report."""
    text = data.decode("utf-8-sig", errors="replace") if isinstance(data, bytes) else data
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().lower() for c in reader.fieldnames or []}
    report = Report()
    if columns >= GHOST:
        report.kind = "Ghost"
    elif columns >= SUBSTACK:
        report.kind = "Substack"
    else:
        report.problems.append(
            (1, "These are not the columns of a Ghost or Substack member export.")
        )
        return report
    tiers = {}
    for tier in Tier.objects.all():
        tiers[tier.name.lower()] = tiers[tier.slug.lower()] = tier
    for raw in reader:
        row = {(k or "").strip().lower(): v for k, v in raw.items()}
        try:
            with transaction.atomic():
                if report.kind == "Ghost":
                    ghost_row(row, tiers, report)
                else:
                    substack_row(row, paid_tier, report)
        except BadRow as problem:
            report.problems.append((reader.line_num, str(problem)))
        except IntegrityError:
            # Another account's user name is this address: the Editor must sort it out.
            report.problems.append((reader.line_num, "An account already uses this address."))
    return report
