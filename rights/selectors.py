"""Reads for staff: the person page and the register."""

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse

from privacy import subjects
from privacy.models import ConsentRecord, LegalHold, Restriction, normalize_email

from .models import OPEN_STATUSES, DataRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


def handlers(*, keeping: int | None = None) -> "QuerySet[User]":
    """Staff a request can be given to: active staff who may change requests, by their own
    permission or a group's, and superusers (staff with no such permission could not act).
    `keeping` is the pk of the request's present handler, kept even without the permission."""
    may_change = Permission.objects.filter(
        content_type__app_label="rights", codename="change_datarequest"
    )
    may_handle = Q(is_active=True, is_staff=True) & (
        Q(is_superuser=True)
        | Q(pk__in=may_change.values("user"))
        | Q(pk__in=may_change.values("group__user"))
    )
    if keeping is not None:
        may_handle |= Q(pk=keeping)
    users = get_user_model().objects.filter(may_handle)
    return users.order_by("first_name", "last_name", "email")


@dataclass
class Person:
    email: str
    user: "User | None"
    report: dict[str, Any]
    holds: QuerySet[LegalHold]
    restrictions: QuerySet[Restriction]
    consents: QuerySet[ConsentRecord]
    requests: QuerySet[DataRequest]


def person(*, user: "User | None", email: str, now: datetime.datetime) -> Person:
    """Everything the registry holds about the person, with holds, restrictions, consents
    and their requests: the page staff read before they answer."""
    address = normalize_email(email or getattr(user, "email", ""))
    on = now.date()
    report = subjects.collect(user=user, email=address, now=now)
    for category in report["categories"]:
        for item in category["items"]:
            item["admin_url"] = _admin_url(item["record"])
    person_q = Q(email=address) | (Q(user=user) if user is not None else Q(pk__in=[]))
    return Person(
        email=address,
        user=user,
        report=report,
        holds=LegalHold.objects.active(on).filter(email=address),
        restrictions=Restriction.objects.for_person(user=user, email=address),
        consents=ConsentRecord.objects.for_person(user=user, email=address),
        requests=DataRequest.objects.filter(person_q).order_by("-received_at"),
    )


def _admin_url(record: str) -> str:
    """The record's change page in admin (to rectify it), or "" when admin has none."""
    label, _sep, pk = record.partition("#")
    app_label, _dot, model = label.partition(".")
    try:
        return reverse(f"admin:{app_label}_{model.lower()}_change", args=[pk])
    except NoReverseMatch:
        return ""


def open_by_days_left(*, today: datetime.date) -> list[tuple[str, int]]:
    """Open verified requests counted by days left: the admin index chart."""
    bands = [
        ("< 0", -(10**6), -1),
        ("0-3", 0, 3),
        ("4-7", 4, 7),
        ("8-14", 8, 14),
        ("15+", 15, 10**6),
    ]
    days = [
        (due - today).days
        for due in DataRequest.objects.filter(status__in=OPEN_STATUSES)
        .verified()
        .values_list("due_on", flat=True)
    ]
    return [(label, sum(low <= d <= high for d in days)) for label, low, high in bands]
