"""The "My data" page: the registry's report on the signed-in person, made readable.

`privacy.subjects.collect` returns every registered row of the person with its purpose,
legal basis, recipients and deletion date; this module turns each row into a title, a few
labelled values and a sentence about when it goes (`readable`). The access report's PDF
(rights/services/reports.py) shows each row the same way.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from privacy import registry
from privacy.periods import period_phrase
from privacy.rules import get_rule
from privacy.selectors import CLOCK_PHRASES
from privacy.vocabulary import Action

from .models import User

INACTIVITY_RULE = "seeker.inactive_account"
EMPLOYER_ACCOUNT_RULE = "contacts.partner"  # the rule a contact person's account is under
HIDDEN_VALUES = {"content_type"}


@dataclass
class Item:
    title: str
    values: list[tuple[str, str]]
    purpose: str
    legal_basis: str
    recipients: list[str]
    deletion_date: datetime.date | None
    deletion_sentence: str
    files: list[str] = field(default_factory=list)
    download_url: str = ""


@dataclass
class Category:
    name: str
    items: list[Item]


def _model_and_pk(record: str):
    label, _sep, pk = record.partition("#")
    try:
        return apps.get_model(label), pk
    except (LookupError, ValueError):
        return None, pk


def _label(model, name: str) -> str:
    """The field's name; for a path shown for context ("ad__title"), each step's name."""
    try:
        names = []
        for part in name.split("__"):
            field = model._meta.get_field(part)
            names.append(str(field.verbose_name))
            model = field.related_model
        return capfirst(": ".join(names))
    except (FieldDoesNotExist, AttributeError):
        return capfirst(name.replace("__", ": ").replace("_", " "))


def _show(value) -> str:
    if value in (None, "", []):
        return "\u2013"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):  # a stored set of choices (a job alert's search, details)
        shown = (f"{str(k).replace('_', ' ')}: {_show(v)}" for k, v in value.items())
        return "; ".join(shown) or "\u2013"
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "Y-m-d H:i")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-":
        if len(value) == 10 and (day := parse_date(value)) is not None:
            return day.isoformat()
        moment = parse_datetime(value)
        if moment is not None:
            return date_format(
                timezone.localtime(moment) if timezone.is_aware(moment) else moment, "Y-m-d H:i"
            )
    return str(value)


def _value(model, name: str, value) -> str:
    """A field's value in words: its app's reader if it registered one (privacy.registry),
    else the choice's label or the value itself."""
    reader = registry.reader_for(model._meta.label, name) if model is not None else None
    if reader is not None and value not in (None, "", {}, []):
        return reader(value)
    return _show(_choice_label(model, name, value))


def _choice_label(model, name: str, value):
    try:
        field = model._meta.get_field(name)
    except (FieldDoesNotExist, AttributeError):
        return value
    if getattr(field, "choices", None) and isinstance(value, str):
        return dict(field.flatchoices).get(value, value)
    return value


def _title(model, data: dict, pk: str) -> str:
    """The document's name, else the address, else the kind of record (numbered)."""
    for key in ("title", "email"):
        if data.get(key):
            return str(data[key])
    name = capfirst(str(model._meta.verbose_name)) if model else _("Record")
    return f"{name} {pk}"


def _sentence(
    title: str,
    day: datetime.date | None,
    rules: list[str],
    *,
    employer: bool = False,
    account: bool = False,
) -> str:
    if employer and account and EMPLOYER_ACCOUNT_RULE in rules:
        # A contact person's account is only switched off (declared as a contact person's,
        # accounts/privacy.py); what they keep as a job seeker goes as a seeker's does.
        return _(
            "%(item)s stays while you are a contact person of a company; after %(period)s "
            "without signing in, the account is switched off."
        ) % {"item": title, "period": period_phrase(INACTIVITY_RULE)}
    if day is None:
        # The rule's clock has not started (a request still open, a consent not withdrawn):
        # when it goes, in the rule's own words.
        for rule in map(get_rule, rules):
            if rule.period is not None and rule.action in (Action.DELETE, Action.ANONYMISE):
                return _("%(item)s is deleted %(period)s %(clock)s.") % {
                    "item": title,
                    "period": period_phrase(rule),
                    "clock": CLOCK_PHRASES[rule.clock],
                }
        return _("%(item)s has no fixed deletion date: it goes with your account.") % {
            "item": title
        }
    if INACTIVITY_RULE in rules:
        return _("%(item)s is deleted on %(date)s unless you sign in before then.") % {
            "item": title,
            "date": day.isoformat(),
        }
    return _("%(item)s is deleted on %(date)s.") % {"item": title, "date": day.isoformat()}


def _download_url(model, pk: str) -> str:
    from .models import Document

    if model is Document:
        return reverse("accounts:document_download", args=[pk])
    return ""


def readable(raw: dict, *, employer: bool = False) -> Item:
    """One row of `privacy.subjects.collect`'s report as a person reads it."""
    model, pk = _model_and_pk(raw["record"])
    data = raw.get("data") or {}
    title = _title(model, data, pk)
    day = parse_date(raw["deletion_date"]) if raw.get("deletion_date") else None
    values = [
        (_label(model, name), _value(model, name, value))
        for name, value in data.items()
        if name not in HIDDEN_VALUES
    ]
    # A job alert lapses (stops) before it is deleted: the day it stops unless you sign in.
    values += [
        (_("Stops on"), step["on"])
        for step in raw.get("schedule") or []
        if step.get("action") == "stop" and step.get("on")
    ]
    return Item(
        title=title,
        values=values,
        purpose=raw.get("purpose", ""),
        legal_basis=raw.get("legal_basis", ""),
        recipients=list(raw.get("recipients") or []),
        deletion_date=day,
        deletion_sentence=_sentence(
            title, day, list(raw.get("rules") or []), employer=employer, account=model is User
        ),
        files=list(raw.get("files") or []),
        download_url=_download_url(model, pk),
    )


def my_data_report(*, user, now: datetime.datetime) -> list[Category]:
    from privacy import subjects

    report = subjects.collect(user=user, now=now)
    employer = user.memberships.exists()
    return [
        Category(name=c["category"], items=[readable(i, employer=employer) for i in c["items"]])
        for c in report["categories"]
    ]
