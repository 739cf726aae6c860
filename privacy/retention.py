"""When a row goes: the calendar arithmetic of the rules, and the querysets built from it.

Design note. Every rule counts in calendar terms (1 year = the same date next year; a clock
on 29 February runs out on 28 February) with dateutil's relativedelta. A "date" is the local
date in Europe/Stockholm: a datetime clock is compared with the aware start of the next local
day, built with zoneinfo, so a daylight-saving change moves nothing. The bookkeeping clock is
the end of the financial year of the transaction: the row goes on the first day after that
end plus the period. A row is due on `as_of` when its deletion date is on or before it.

Rows are never due while they are held: by a legal hold on the person (their e-mail) or on
the record itself, or by an open access request of the person. Rows declared as linked to no
person (`links_person=False`) are only ever held record by record.
"""

import datetime
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
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import ForeignObjectRel, Q, QuerySet
from django.db.models.deletion import Collector
from django.utils import timezone

from .deletion import Refuse
from .models import AccessRequest, LegalHold
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


def clock_is_datetime(declaration: Declaration) -> bool:
    path = declaration.clock_field
    return path is not None and isinstance(
        _final_field(declaration.model_class, path), models.DateTimeField
    )


def clock_before_or_on(declaration: Declaration, day: datetime.date) -> Q:
    """Rows whose clock's local date is on or before `day`."""
    path = declaration.clock_field
    if clock_is_datetime(declaration):
        return Q(**{f"{path}__lt": start_of_day(day + ONE_DAY)})
    return Q(**{f"{path}__lte": day})


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


def subject_q(
    declaration: Declaration, *, user: "User | None" = None, email: str | None = None
) -> Q:
    emails = {e.strip().lower() for e in (email, getattr(user, "email", None)) if e}
    user_ids = [user.pk] if user is not None and user.pk is not None else []
    return person_q(declaration, user_ids=user_ids, emails=sorted(emails))


def held_q(
    declaration: Declaration, on: datetime.date, *, access_requests: bool = True
) -> Q | None:
    """Rows kept from every rule on `on`: legal holds (person or record) and, for the
    rules, the rows of persons with an open access request."""
    holds = LegalHold.objects.active(on)
    content_type = ContentType.objects.get_for_model(declaration.model_class)
    record_ids = [
        pk for pk in holds.filter(content_type=content_type).values_list("object_id", flat=True)
    ]
    emails = set(holds.exclude(email="").values_list("email", flat=True))
    user_ids = []
    if access_requests:
        requests = AccessRequest.objects.open()
        emails |= set(requests.values_list("email", flat=True))
        user_ids = [pk for pk in requests.values_list("user_id", flat=True) if pk]
    q = person_q(declaration, user_ids=user_ids, emails=sorted(emails))
    if record_ids:
        pk_field = declaration.model_class._meta.pk
        q |= Q(pk__in=[pk_field.to_python(pk) for pk in record_ids])
    return None if q == NOTHING else q


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


def deletion_date(declaration: Declaration, obj: models.Model) -> datetime.date | None:
    """When the row goes under the declaration (None: it does not go by this rule)."""
    if declaration.on_expiry not in (Action.DELETE, Action.ANONYMISE):
        return None
    if declaration.clock_field is None:
        return None
    return expiry_date(get_rule(declaration.rule), resolve(obj, declaration.clock_field))


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
    return LegalHold.objects.active(on).exists() or AccessRequest.objects.open().exists()


def cascade_guard(
    root: type[models.Model], on: datetime.date, *, access_requests: bool = True
) -> Refuse:
    """A veto for `deletion.delete_rows`: True when the delete would cascade into a row of
    another model that is held (a legal hold or, for the rules, an open access request)."""
    from . import registry

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
            if record_held_among(model, qs, on):
                return True
        return False

    return refuse


def record_held_among(model: type[models.Model], qs: QuerySet[Any], on: datetime.date) -> bool:
    content_type = ContentType.objects.get_for_model(model)
    ids = list(
        LegalHold.objects.active(on)
        .filter(content_type=content_type)
        .values_list("object_id", flat=True)
    )
    if not ids:
        return False
    pk_field = model._meta.pk
    return qs.filter(pk__in=[pk_field.to_python(pk) for pk in ids]).exists()
