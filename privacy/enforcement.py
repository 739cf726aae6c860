"""The retention engine: every rule, every declaration, in batches.

Design note. For each declaration the engine walks the due rows by primary key, starting
after the key where the previous batch stopped, and acts on one key range per short
transaction (`pk > last AND pk <= upper`, at most `batch_size` keys wide, plus the rule's own
conditions, held and restricted rows excluded: counted apart as "held" and "restricted"). A
deletion that would cascade into a held or restricted row of another model is refused and
that batch goes row by row.
Memory stays bounded by the batch size whatever the table size, no lock is held longer than
one batch, and the run's counts are saved in the same transaction as the batch they count.
A run killed half-way is resumable by construction: what it deleted is gone and what it
anonymised no longer matches (`done_q`), so running again finishes the rest, acts on nothing
twice, and the two runs' counts add up to one uninterrupted run's. Only one run acts at a
time (`locking.exclusive`); a second is recorded as skipped. A run whose process died (its
row still says "running") is marked interrupted by the next run (`runs.mark_interrupted`).

Before deletion a declaration may warn (seeker.inactive_account e-mails 30 days before): the
warning is recorded per (declaration, key, clock date), so it goes once per clock cycle and
again only when activity has moved the clock.
"""

import datetime
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import QuerySet

from . import registry, runs
from .deletion import Refuse, delete_guarded
from .locking import exclusive, this_process
from .models import EnforcementRun, RetentionWarning
from .registry import Declaration
from .retention import (
    ONE_DAY,
    anything_held,
    cascade_guard,
    clock_value,
    due,
    expired_q,
    expiry_date,
    held_q,
    local_date,
    resolve,
    restricted_q,
)
from .rules import all_rules, get_rule
from .signals import rows_rewritten
from .vocabulary import Action

logger = logging.getLogger(__name__)

BATCH_SIZE = 2500
LOCK_NAME = "privacy.enforce_retention"
LOCK_WAIT_SECONDS = 15


class UnknownRule(ValueError):
    pass


@dataclass
class Counts:
    """One rule's counts in a run: `due` = acted + held + restricted (+ what a failed run
    left); `held` by a legal hold or an open access request (or a cascade into such a row),
    `restricted` by a restriction of processing (stored only)."""

    due: int = 0
    acted: int = 0
    held: int = 0
    restricted: int = 0
    warned: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "due": self.due,
            "acted": self.acted,
            "held": self.held,
            "restricted": self.restricted,
            "warned": self.warned,
        }


@dataclass
class Options:
    as_of: datetime.date
    now: datetime.datetime
    dry_run: bool = False
    batch_size: int = BATCH_SIZE
    # Called after each committed batch with (declaration, rows acted, seconds in the
    # transaction): the benchmark measures lock times through it; tests interrupt runs.
    on_batch: Callable[[Declaration, int, float], None] | None = None
    counts: dict[str, Counts] = field(default_factory=dict)
    # The warnings of this run, (key, object, clock date): a dry run records none, and one
    # person's warning covers the rows of several declarations (Declaration.warn_person).
    warned: set[tuple[str, str, datetime.date | None]] = field(default_factory=set)


def declaration_key(declaration: Declaration) -> str:
    return f"{declaration.model}:{declaration.rule}"


def rule_names(only: str | None = None) -> list[str]:
    names = [rule.name for rule in all_rules()]
    if only is not None and only not in names:
        raise UnknownRule(only)
    return [only] if only else names


def enforce(
    *,
    as_of: datetime.date,
    now: datetime.datetime,
    trigger: str,
    dry_run: bool = False,
    rule: str | None = None,
    batch_size: int = BATCH_SIZE,
    on_batch: Callable[[Declaration, int, float], None] | None = None,
    lock_wait: float = LOCK_WAIT_SECONDS,
) -> EnforcementRun:
    """Apply every rule (or one) as of the date; returns the run's audit record."""
    names = rule_names(rule)
    began = time.monotonic()
    run = EnforcementRun.objects.create(
        trigger=trigger,
        started_at=now,
        as_of=as_of,
        dry_run=dry_run,
        only_rule=rule or "",
        process=this_process(),
    )
    with exclusive(LOCK_NAME, now=now, wait=0 if dry_run else lock_wait) as acquired:
        # A run killed with its worker stays "running": say so (privacy/runs.py).
        runs.mark_interrupted(run=run, holds_lock=acquired, now=now)
        if not acquired and not dry_run:
            run.status = EnforcementRun.Status.SKIPPED
            run.finished_at = _elapsed(now, began)
            run.save(update_fields=["status", "finished_at"])
            return run
        opts = Options(
            as_of=as_of, now=now, dry_run=dry_run, batch_size=batch_size, on_batch=on_batch
        )
        try:
            for name in names:
                opts.counts[name] = Counts()
                for declaration in registry.for_rule(name):
                    _enforce_declaration(run, declaration, opts, name)
                _save_counts(run, opts)
        except Exception as exc:
            # What committed stays committed; the next run finishes the rest.
            run.status = EnforcementRun.Status.FAILED
            run.error = type(exc).__name__  # never the message: it might quote a value
            run.finished_at = _elapsed(now, began)
            run.save(update_fields=["status", "error", "finished_at"])
            raise
    run.status = EnforcementRun.Status.FINISHED
    run.finished_at = _elapsed(now, began)
    run.save(update_fields=["status", "finished_at", "counts"])
    logger.info(
        "Retention run %s (dry run: %s): %s rows acted on, %s held, %s restricted",
        run.pk,
        dry_run,
        run.total("acted"),
        run.total("held"),
        run.total("restricted"),
    )
    return run


def _elapsed(now: datetime.datetime, began: float) -> datetime.datetime:
    """The end of a run: its start (`now`, passed in) plus the measured duration."""
    return now + datetime.timedelta(seconds=time.monotonic() - began)


def forecast(*, as_of: datetime.date) -> dict[str, dict[str, int]]:
    """Per rule, the rows due by `as_of`: how many it will act on ("acted"), and how many it
    will keep because they are held or restricted; changes nothing."""
    result = {}
    for rule in all_rules():
        counts = {"acted": 0, "held": 0, "restricted": 0}
        for declaration in registry.for_rule(rule.name):
            parts = _actionable(declaration, as_of)
            counts["acted"] += parts.to_act.count()
            counts["held"] += parts.held.count()
            counts["restricted"] += parts.restricted.count()
        result[rule.name] = counts
    return result


@dataclass(frozen=True)
class Due:
    """The rows of a declaration due on a date, in three: to act on, held, restricted (a
    row both held and restricted counts as held)."""

    to_act: QuerySet[Any]
    held: QuerySet[Any]
    restricted: QuerySet[Any]


def _actionable(declaration: Declaration, as_of: datetime.date) -> Due:
    qs = due(declaration, as_of)
    held, restricted = held_q(declaration, as_of), restricted_q(declaration)
    held_rows = qs.filter(held) if held is not None else qs.none()
    free = qs.exclude(held) if held is not None else qs
    restricted_rows = free.filter(restricted) if restricted is not None else qs.none()
    to_act = free.exclude(restricted) if restricted is not None else free
    return Due(to_act=to_act, held=held_rows, restricted=restricted_rows)


def _save_counts(run: EnforcementRun, opts: Options) -> None:
    run.counts = {name: c.as_dict() for name, c in opts.counts.items()}
    run.save(update_fields=["counts"])


def _enforce_declaration(
    run: EnforcementRun, declaration: Declaration, opts: Options, name: str
) -> None:
    counts = opts.counts[name]
    if declaration.warn and declaration.warn_days_before:
        counts.warned += _warn(declaration, opts)
    parts = _actionable(declaration, opts.as_of)
    qs = parts.to_act
    to_act, held_rows, restricted_rows = qs.count(), parts.held.count(), parts.restricted.count()
    counts.due += to_act + held_rows + restricted_rows
    counts.held += held_rows
    counts.restricted += restricted_rows
    if opts.dry_run or not to_act:
        return
    guard = (
        cascade_guard(declaration.model_class, opts.as_of)
        if declaration.on_expiry == Action.DELETE and anything_held(opts.as_of)
        else None
    )
    _walk(run, declaration, qs, opts, counts, guard)


def _walk(
    run: EnforcementRun,
    declaration: Declaration,
    qs: QuerySet[Any],
    opts: Options,
    counts: Counts,
    guard: Refuse | None,
) -> None:
    """Act batch by batch, each batch a key range after the previous one: from the first
    due key, at most `batch_size` keys wide (integer keys), or `batch_size` due rows."""
    last = None
    while True:
        start = qs if last is None else qs.filter(pk__gt=last)
        upper = _batch_end(start, opts.batch_size)
        if upper is None:
            return
        batch = start.filter(pk__lte=upper)
        began = time.perf_counter()
        with transaction.atomic():
            acted, held_by_cascade = _act(declaration, batch, guard, opts.now)
            counts.acted += acted
            counts.held += held_by_cascade
            _save_counts(run, opts)
        if opts.on_batch:
            opts.on_batch(declaration, acted, time.perf_counter() - began)
        last = upper


def _batch_end(start: QuerySet[Any], size: int) -> Any:
    """The last key of the next batch (None: nothing left). An integer key range is found
    with one index lookup; other keys count `size` due rows."""
    keys = start.order_by("pk").values_list("pk", flat=True)
    if isinstance(start.model._meta.pk, models.IntegerField):
        first = keys.first()
        return None if first is None else first + size - 1
    window = list(keys[:size])
    return window[-1] if window else None


def _act(
    declaration: Declaration, qs: QuerySet[Any], guard: Refuse | None, now: datetime.datetime
) -> tuple[int, int]:
    """Act on one batch; returns (rows acted on, rows kept because deleting them would
    cascade into a held row of another model: then the batch goes row by row)."""
    if declaration.before_act:
        declaration.before_act(qs, now)
    if declaration.on_expiry != Action.DELETE:
        rewritten = qs.order_by().update(**declaration.values(now))
        if rewritten:
            rows_rewritten.send(sender=qs.model)
        return rewritten, 0
    deleted, kept = delete_guarded(qs, guard)
    return deleted, len(kept)


def _warn(declaration: Declaration, opts: Options) -> int:
    """Warn each row entering its warning window, once per clock date."""
    window = expired_q(declaration, opts.as_of + declaration.warn_days_before * ONE_DAY)
    if window is None or declaration.warn is None:
        return 0
    qs = declaration.queryset().filter(window)
    already_due = expired_q(declaration, opts.as_of)
    qs = qs.exclude(already_due) if already_due is not None else qs
    for kept in (held_q(declaration, opts.as_of), restricted_q(declaration)):
        qs = qs.exclude(kept) if kept is not None else qs
    rule = get_rule(declaration.rule)
    warned = 0
    for obj in qs.order_by("pk").iterator(chunk_size=500):
        clock = clock_value(declaration, obj)
        expiry = expiry_date(rule, clock)
        clock_on = local_date(clock)
        whom, key = _warned_as(declaration, obj)
        if (
            expiry is None
            or whom is None
            or (key, str(whom.pk), clock_on) in opts.warned
            or RetentionWarning.objects.filter(
                declaration=key, object_pk=str(whom.pk), clock_on=clock_on
            ).exists()
        ):
            continue
        opts.warned.add((key, str(whom.pk), clock_on))
        warned += 1
        if opts.dry_run:
            continue
        with transaction.atomic():
            RetentionWarning.objects.create(
                declaration=key, object_pk=str(whom.pk), clock_on=clock_on, warned_at=opts.now
            )
            declaration.warn(whom, expiry)
    return warned


def _warned_as(declaration: Declaration, obj: Any) -> tuple[Any, str]:
    """Whom a row's warning is for, and the key it is recorded under: the row itself, or
    with `warn_person` its person, recorded as their account's warning under the same rule
    (one warning a person, however many of their rows it covers)."""
    if declaration.warn_person is None:
        return obj, declaration_key(declaration)
    return resolve(obj, declaration.warn_person), person_warning_key(declaration.rule)


def person_warning_key(rule: str) -> str:
    """The key a person's warning under `rule` is recorded under: their account's own
    (`declaration_key` of the user model's declaration), whichever of their rows it is for."""
    return f"{get_user_model()._meta.label}:{rule}"
