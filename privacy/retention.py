"""When a row goes: the calendar arithmetic of the rules, and the querysets built from it.

Design note. Every rule counts in calendar terms (1 year = the same date next year; a clock
on 29 February runs out on 28 February) with dateutil's relativedelta. A "date" is the local
date in Europe/Stockholm: a datetime clock is compared with the aware start of the next local
day, built with zoneinfo, so a daylight-saving change moves nothing. The bookkeeping clock is
the end of the financial year of the transaction: the row goes on the first day after that
end plus the period. A row is due on `as_of` when its deletion date is on or before it.

Rows are never due while they are held: by a legal hold on the person (their e-mail), on
the record itself or on a record it belongs to (a child by a CASCADE foreign key: an
application's attachments with the application, an ad's change history with the ad), or by
an open access request of the person. Rows declared as linked to no person
(`links_person=False`) are only ever held record by record. Rows of a person whose processing
is restricted (GDPR art. 18) are stored only: no rule acts on them either (`restricted_q`).
"""

import datetime
import functools
from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any, cast, overload
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import CASCADE, ForeignObjectRel, Q, QuerySet
from django.db.models.deletion import Collector
from django.utils import timezone

from . import registry
from .deletion import Refuse
from .models import AccessRequest, LegalHold, Restriction, normalize_email
from .registry import NOW, Declaration
from .rules import Clock, Period, Rule, get_rule
from .vocabulary import Action

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

ONE_DAY = datetime.timedelta(days=1)
NOTHING = Q(pk__in=[])


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def start_of_day(day: datetime.date) -> datetime.datetime:
    """The aware moment the local day begins (23 or 25 hours long on a DST change)."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=local_zone())


@overload
def local_date(value: datetime.date) -> datetime.date: ...
@overload
def local_date(value: datetime.date | None) -> datetime.date | None: ...
def local_date(value: datetime.date | None) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value, local_zone()).date()
    return value


def add_period(day: datetime.date, period: Period) -> datetime.date:
    later: datetime.date = day + relativedelta(
        years=period.years, months=period.months, days=period.days
    )
    return later


def financial_year_end(day: datetime.date) -> datetime.date:
    """The last day of the financial year `day` falls in (settings.FINANCIAL_YEAR_END as
    (month, day); the calendar year by default)."""
    month, last = settings.FINANCIAL_YEAR_END
    end = datetime.date(day.year, month, last)
    return end if day <= end else datetime.date(day.year + 1, month, last)


def expiry_date(rule: Rule, clock_value: datetime.date | None) -> datetime.date | None:
    """The date the rule acts on a row whose clock reads `clock_value`."""
    day = local_date(clock_value)
    if day is None or rule.period is None:
        return None
    if rule.clock == Clock.FINANCIAL_YEAR_END:
        return add_period(financial_year_end(day), rule.period) + ONE_DAY
    return add_period(day, rule.period)


def last_due_clock(rule: Rule, as_of: datetime.date) -> datetime.date | None:
    """The latest clock date whose row is due on `as_of` (expiry is monotone in the clock,
    so step from a guess; month ends make the inverse of relativedelta inexact)."""
    if rule.period is None:
        return None
    if rule.clock == Clock.FINANCIAL_YEAR_END:
        month, last = settings.FINANCIAL_YEAR_END
        year = as_of.year + 1
        # A rule with a period gives every clock date an expiry.
        while cast(datetime.date, expiry_date(rule, datetime.date(year, month, last))) > as_of:
            year -= 1
        return datetime.date(year, month, last)
    guess: datetime.date = as_of - relativedelta(
        years=rule.period.years, months=rule.period.months, days=rule.period.days
    )
    while add_period(guess + ONE_DAY, rule.period) <= as_of:
        guess += ONE_DAY
    while add_period(guess, rule.period) > as_of:
        guess -= ONE_DAY
    return guess


def _final_field(
    model: type[models.Model], path: str
) -> "models.Field[Any, Any] | ForeignObjectRel | GenericForeignKey | None":
    field: models.Field[Any, Any] | ForeignObjectRel | GenericForeignKey | None = None
    for part in path.split("__"):
        field = model._meta.pk if part == "pk" else model._meta.get_field(part)
        if field.is_relation and field.related_model is not None:
            model = cast(type[models.Model], field.related_model)  # resolved: never "self"
    return field


def _is_datetime(declaration: Declaration, path: str) -> bool:
    return isinstance(_final_field(declaration.model_class, path), models.DateTimeField)


def clock_is_datetime(declaration: Declaration) -> bool:
    path = declaration.clock_field
    return path is not None and _is_datetime(declaration, path)


def _on_or_before(declaration: Declaration, path: str, day: datetime.date) -> Q:
    if _is_datetime(declaration, path):
        return Q(**{f"{path}__lt": start_of_day(day + ONE_DAY)})
    return Q(**{f"{path}__lte": day})


def clock_before_or_on(declaration: Declaration, day: datetime.date) -> Q:
    """Rows whose clock's local date is on or before `day` (the fallback clock where the
    clock itself is empty)."""
    path, fallback = declaration.clock_field, declaration.clock_fallback
    if path is None:
        return NOTHING
    q = _on_or_before(declaration, path, day)
    if fallback:
        q |= Q(**{f"{path}__isnull": True}) & _on_or_before(declaration, fallback, day)
    return q


def expired_q(declaration: Declaration, as_of: datetime.date) -> Q | None:
    """Rows of the declaration whose rule has run out on `as_of`; None: nothing ever is."""
    rule = get_rule(declaration.rule)
    if declaration.clock_field is None:
        return None
    last = last_due_clock(rule, as_of)
    return None if last is None else clock_before_or_on(declaration, last)


def done_q(declaration: Declaration, action: Action) -> Q | None:
    """Rows an ANONYMISE or STOP has already written: never acted on twice."""
    constant = {k: v for k, v in declaration.anonymise.items() if v is not NOW}
    if action not in (Action.ANONYMISE, Action.STOP) or not constant:
        return None
    return Q(**constant)


def writes(declaration: Declaration, action: Action) -> bool:
    """Whether the engine has something to do for this action (HIDE and KEEP are enforced
    by the read paths; a STOP or ANONYMISE without values has nothing to write)."""
    if action == Action.DELETE:
        return True
    return action in (Action.ANONYMISE, Action.STOP) and bool(declaration.anonymise)


# --- Finding a person's rows.


def _user_email_path(declaration: Declaration) -> str | None:
    if not declaration.user_path:
        return None
    email_field = get_user_model().get_email_field_name()
    if declaration.user_path in ("pk", "id"):
        return email_field
    return f"{declaration.user_path}__{email_field}"


def person_q(
    declaration: Declaration, *, user_ids: Iterable[Any] = (), emails: Iterable[str] = ()
) -> Q:
    """Rows of the declaration belonging to any of these users or e-mail addresses (none
    where the declaration links no person: no hold on a person or request reaches them)."""
    if not declaration.links_person:
        return NOTHING
    parts = []
    if declaration.user_path and user_ids:
        parts.append(Q(**{f"{declaration.user_path}__in": list(user_ids)}))
    email_paths = [p for p in (declaration.email_path, _user_email_path(declaration)) if p]
    for address in emails:
        for path in email_paths:
            parts.append(Q(**{f"{path}__iexact": address}))
    return reduce(or_, parts) if parts else NOTHING


def known_as(
    *, user: "User | None" = None, email: str | None = None
) -> tuple[list[Any], list[str]]:
    """The person's user ids and every address they are known by: the ones given, their
    login address and the other verified addresses of their account (the address books
    of `registry.declare_addresses`), so that one address finds all of a person's rows."""
    user_ids = {user.pk} if user is not None and user.pk is not None else set()
    return expand(user_ids=user_ids, emails={email, getattr(user, "email", None)})


def expand(*, user_ids: Iterable[Any], emails: Iterable[str | None]) -> tuple[list[Any], list[str]]:
    """These people (user ids and addresses) with every account and address tied to them."""
    ids = set(user_ids)
    addresses = {normalize_email(e) for e in emails if e} - {""}
    for _ in range(3):  # an address leads to an account, an account to its addresses
        size = (len(ids), len(addresses))
        for book in registry.address_books():
            for user_id, address in book(user_ids=sorted(ids), emails=sorted(addresses)):
                ids.add(user_id)
                addresses.add(normalize_email(address))
        if (len(ids), len(addresses)) == size:
            break
    return sorted(ids), sorted(addresses)


def subject_q(
    declaration: Declaration, *, user: "User | None" = None, email: str | None = None
) -> Q:
    user_ids, emails = known_as(user=user, email=email)
    return person_q(declaration, user_ids=user_ids, emails=emails)


def held_q(
    declaration: Declaration, on: datetime.date, *, access_requests: bool = True
) -> Q | None:
    """Rows kept from every rule on `on`: legal holds on the person, or on the record or a
    record it belongs to (see `held_records_q`), and, for the rules, the rows of persons
    with an open access request."""
    holds = LegalHold.objects.active(on)
    emails = set(holds.exclude(email="").values_list("email", flat=True))
    user_ids = []
    if access_requests:
        requests = AccessRequest.objects.open()
        emails |= set(requests.values_list("email", flat=True))
        user_ids = [pk for pk in requests.values_list("user_id", flat=True) if pk]
    # A hold or request on one address reaches the person's rows under all of them.
    found: list[str] = []
    if emails or user_ids:
        user_ids, found = expand(user_ids=user_ids, emails=emails)
    q = person_q(declaration, user_ids=user_ids, emails=found)
    records = held_records_q(declaration.model_class, on)
    if records is not None:
        q |= records
    return None if q == NOTHING else q


def restricted_q(declaration: Declaration) -> Q | None:
    """Rows of persons whose processing is restricted on their request (GDPR art. 18):
    stored only, so no rule acts on them. A restriction placed by an erasure over the data
    the law makes us keep (`kept_until` set) does not stop that data's own rule."""
    restrictions = Restriction.objects.active().filter(kept_until__isnull=True)
    emails = set(restrictions.values_list("email", flat=True))
    user_ids = [pk for pk in restrictions.values_list("user_id", flat=True) if pk]
    found: list[str] = []
    if emails or user_ids:
        user_ids, found = expand(user_ids=user_ids, emails=emails)
    q = person_q(declaration, user_ids=user_ids, emails=found)
    return None if q == NOTHING else q


# --- Holds on records, and the rows that belong to a record.


@functools.cache
def _ancestors(model: type[models.Model]) -> tuple[tuple[str, type[models.Model]], ...]:
    """(path, model) for every record a row of `model` belongs to: the chains of CASCADE
    foreign keys above it (deleting that record would delete the row), at most 4 steps."""
    found: list[tuple[str, type[models.Model]]] = []

    def walk(current: type[models.Model], prefix: str, seen: frozenset[Any], depth: int) -> None:
        for f in current._meta.concrete_fields:
            remote = f.remote_field
            if not (f.many_to_one or f.one_to_one) or remote is None:
                continue
            if remote.on_delete is not CASCADE:
                continue
            parent = cast(type[models.Model], f.related_model)._meta.concrete_model
            if parent is None or parent in seen:
                continue
            found.append((f"{prefix}{f.name}", parent))
            if depth > 1:
                walk(parent, f"{prefix}{f.name}__", seen | {parent}, depth - 1)

    concrete = model._meta.concrete_model or model
    walk(concrete, "", frozenset({concrete}), 4)
    return tuple(found)


def _record_holds(on: datetime.date) -> dict[type[models.Model], list[Any]]:
    """The keys of the records under an active hold on `on`, by concrete model (a hold
    placed on a proxy, e.g. an ad in moderation, holds the ad)."""
    held: dict[type[models.Model], list[Any]] = {}
    rows = LegalHold.objects.active(on).filter(content_type__isnull=False)
    for type_id, object_id in rows.values_list("content_type_id", "object_id"):
        model = ContentType.objects.get_for_id(type_id).model_class()
        concrete = model._meta.concrete_model if model is not None else None
        if concrete is None:
            continue
        try:
            key = concrete._meta.pk.to_python(object_id)
        except ValidationError:
            continue
        held.setdefault(concrete, []).append(key)
    return held


def held_records_q(model: type[models.Model], on: datetime.date) -> Q | None:
    """Rows of `model` under a hold on `on` as records: held themselves, or belonging to a
    held record by foreign key (an application's attachments, an ad's change history)."""
    held = _record_holds(on)
    if not held:
        return None
    concrete = model._meta.concrete_model or model
    parts = [Q(pk__in=held[concrete])] if concrete in held else []
    parts += [Q(**{f"{path}__in": held[p]}) for path, p in _ancestors(concrete) if p in held]
    return reduce(or_, parts) if parts else None


# --- Reading one row.


def resolve(obj: models.Model, path: str | None) -> Any:
    value: Any = obj
    for part in (path or "").split("__"):
        if value is None:
            return None
        try:
            value = getattr(value, part)
        except (AttributeError, FieldDoesNotExist):
            return None
    return value


def clock_value(declaration: Declaration, obj: models.Model) -> Any:
    """The row's clock: its `clock_field`, or where that is empty its `clock_fallback`."""
    value = resolve(obj, declaration.clock_field)
    if value is None and declaration.clock_fallback:
        value = resolve(obj, declaration.clock_fallback)
    return value


def deletion_date(declaration: Declaration, obj: models.Model) -> datetime.date | None:
    """When the row goes under the declaration (None: it does not go by this rule)."""
    if declaration.on_expiry not in (Action.DELETE, Action.ANONYMISE):
        return None
    if declaration.clock_field is None:
        return None
    return expiry_date(get_rule(declaration.rule), clock_value(declaration, obj))


def due(declaration: Declaration, as_of: datetime.date) -> QuerySet[Any]:
    """The rows due on `as_of`, held ones included (see `held_q`)."""
    qs = declaration.queryset()
    expired = expired_q(declaration, as_of)
    if expired is None or not writes(declaration, declaration.on_expiry):
        return qs.none()
    qs = qs.filter(expired)
    done = done_q(declaration, declaration.on_expiry)
    return qs.exclude(done) if done is not None else qs


def anything_held(on: datetime.date) -> bool:
    return (
        LegalHold.objects.active(on).exists()
        or AccessRequest.objects.open().exists()
        or Restriction.objects.active().filter(kept_until__isnull=True).exists()
    )


def cascade_guard(
    root: type[models.Model], on: datetime.date, *, access_requests: bool = True
) -> Refuse:
    """A veto for `deletion.delete_rows`: True when the delete would cascade into a row of
    another model that is held (a legal hold or, for the rules, an open access request or a
    restriction of processing)."""

    def refuse(collector: Collector) -> bool:
        reached = [
            (model, model._default_manager.filter(pk__in=[o.pk for o in objs]))
            for model, objs in collector.data.items()
        ]
        reached += [(qs.model, qs) for qs in collector.fast_deletes]
        for model, qs in reached:
            if model is root:
                continue
            for declaration in registry.for_model(model._meta.label):
                held = held_q(declaration, on, access_requests=access_requests)
                if held is not None and qs.filter(held).exists():
                    return True
                restricted = restricted_q(declaration) if access_requests else None
                if restricted is not None and qs.filter(restricted).exists():
                    return True
            if record_held_among(model, qs, on):
                return True
        return False

    return refuse


def record_held_among(model: type[models.Model], qs: QuerySet[Any], on: datetime.date) -> bool:
    """Whether any row of qs is held as a record or belongs to a held record."""
    held = held_records_q(model, on)
    return held is not None and qs.filter(held).exists()
