"""Deleting chosen records of the registry (admin's delete, single and bulk) as erasure does.

Design note. A plain `queryset.delete()` of a registered model would skip everything the
registry promises: a legal hold, a reason the law gives to keep a row, the files on disk,
the report and the audit entry. Here a person (the user model) is erased by
`subjects.erase`, the same erasure they can ask for themselves; any other row gets its
model's strongest erasure behaviour (keep > anonymise > stop > hide > delete, as in
`subjects`). A row under a legal hold, or whose deletion would cascade into a held row, is
refused with the hold's reason; a row the law makes us keep is refused with that reason.
Deleted rows' files go from storage after the transaction commits (`deletion.delete_rows`).
Each call leaves one audit entry with the counts, never the values.
"""

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext

from . import audit, registry, subjects
from .deletion import delete_rows
from .models import LegalHold
from .registry import Declaration
from .retention import cascade_guard, held_q, local_date, resolve
from .signals import rows_rewritten
from .vocabulary import Action

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User


@dataclass
class Outcome:
    """What a deletion did: counts by outcome, and a sentence for each refused row."""

    deleted: int = 0
    anonymised: int = 0
    refused: list[str] = field(default_factory=list)
    report: subjects.Report = field(default_factory=dict)


def is_declared(model: type[models.Model]) -> bool:
    """The model (or the model a proxy stands for) holds personal data of the registry."""
    return bool(registry.for_model(model._meta.concrete_model._meta.label))  # type: ignore[union-attr]


def _declarations(model: type[models.Model]) -> list[Declaration]:
    return list(registry.for_model(model._meta.concrete_model._meta.label))  # type: ignore[union-attr]


def _emails(obj: models.Model, declarations: list[Declaration]) -> set[str]:
    found = set()
    for declaration in declarations:
        if declaration.email_path and (value := resolve(obj, declaration.email_path)):
            found.add(str(value).lower())
        if declaration.user_path:
            person = obj if declaration.user_path == "pk" else resolve(obj, declaration.user_path)
            if email := getattr(person, "email", None):
                found.add(str(email).lower())
    return found


def _hold_of(obj: models.Model, declarations: list[Declaration], on: datetime.date) -> str:
    """The sentence naming the hold that keeps `obj` ("" when none does)."""
    held = False
    rows = type(obj)._default_manager.filter(pk=obj.pk)
    for declaration in declarations:
        q = held_q(declaration, on, access_requests=False)
        held = held or (q is not None and rows.filter(q).exists())
    if not held:
        return ""
    holds = LegalHold.objects.active(on)
    content_type = ContentType.objects.get_for_model(obj._meta.concrete_model)  # type: ignore[arg-type]
    hold = (
        holds.filter(content_type=content_type, object_id=str(obj.pk)).first()
        or holds.filter(email__in=_emails(obj, declarations)).order_by("-ends_on").first()
    )
    if hold is None:
        return gettext("%(record)s is under a legal hold.") % {"record": str(obj)}
    until = hold.ends_on.isoformat() if hold.ends_on else gettext("until released")
    return gettext("%(record)s is under a legal hold (%(reason)s, %(until)s): not deleted.") % {
        "record": str(obj),
        "reason": hold.reason,
        "until": until,
    }


def _erase_person(
    user: "User", *, by: "User | None", now: datetime.datetime, outcome: Outcome
) -> None:
    declarations = _declarations(type(user))
    if refusal := _hold_of(user, declarations, local_date(now)):
        outcome.refused.append(refusal)
        return
    report = subjects.erase(user=user, by=by, now=now)
    for key, entries in report.items():
        outcome.report.setdefault(key, []).extend(entries)
    gone = not type(user)._default_manager.filter(pk=user.pk).exists()
    outcome.deleted += int(gone)
    if not gone:
        outcome.refused.append(
            gettext("%(record)s was kept: %(reasons)s")
            % {
                "record": str(user),
                "reasons": "; ".join(str(e["reason"]) for e in report.get("kept", [])),
            }
        )


def _erase_row(obj: models.Model, *, now: datetime.datetime, outcome: Outcome) -> None:
    declarations = _declarations(type(obj))
    on = local_date(now)
    if refusal := _hold_of(obj, declarations, on):
        outcome.refused.append(refusal)
        return
    chosen = min(declarations, key=lambda d: subjects.ERASE_PRECEDENCE.index(d.on_erase))
    model = obj._meta.concrete_model
    row = model._default_manager.filter(pk=obj.pk)  # type: ignore[union-attr]
    if chosen.on_erase == Action.KEEP:
        outcome.refused.append(
            gettext("%(record)s is kept by law: %(reason)s")
            % {"record": str(obj), "reason": str(chosen.keep_reason)}
        )
    elif chosen.on_erase == Action.DELETE:
        guard = cascade_guard(model, on, access_requests=False)  # type: ignore[arg-type]
        try:
            deleted = delete_rows(row, refuse=guard)
        except (ProtectedError, RestrictedError):
            outcome.refused.append(
                gettext("%(record)s is still needed by other records: not deleted.")
                % {"record": str(obj)}
            )
            return
        if deleted is None:
            outcome.refused.append(
                gettext("%(record)s has records under a legal hold: not deleted.")
                % {"record": str(obj)}
            )
        else:
            outcome.deleted += 1
    else:
        if chosen.anonymise:
            row.order_by().update(**chosen.values(now))
            rows_rewritten.send(sender=row.model)
        outcome.anonymised += 1


def erase_records(
    *, queryset: models.QuerySet[Any], by: "User | None", now: datetime.datetime
) -> Outcome:
    """Delete (or anonymise, or refuse) each row of `queryset` as the registry's erasure
    would; `by` is the member of staff. One audit entry with the counts."""
    outcome = Outcome()
    person_model = get_user_model()
    with transaction.atomic():
        for obj in queryset.order_by("pk"):
            if isinstance(obj, person_model):
                _erase_person(obj, by=by, now=now, outcome=outcome)
            else:
                _erase_row(obj, now=now, outcome=outcome)
        audit.record(
            event=audit.Event.RECORDS_ERASED,
            by=by,
            now=now,
            details={
                "model": queryset.model._meta.label,
                "deleted": outcome.deleted,
                "anonymised": outcome.anonymised,
                "refused": len(outcome.refused),
            },
        )
    return outcome
