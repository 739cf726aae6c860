"""One person's data, from the registry alone: collect it, export it, erase it.

Design note. A person is a user and/or an e-mail address; each declaration says how to find
their rows (`user_path`, `email_path`), or that its rows are linked to no person
(`links_person=False`: visitor events), which are then never searched. Declarations of one
model are read together, so a row declared under two rules (an ad's contact person and the
ad) appears once, with the earliest deletion date. Scopes are ignored here: an active ad
still holds its contact person's data. Erasure applies each model's strongest erasure
behaviour (keep > anonymise > stop > hide > delete), never touches a row under a legal hold,
never lets a deletion cascade into a held row, and reports what was deleted, anonymised and
kept (with the reason and until when). Open access requests do not stop an erasure: an
erasure request is acted on at once unless a legal hold applies. Each erasure leaves an
audit entry: who asked, when, and the counts (never what was erased).
"""

import datetime
import json
import mimetypes
import unicodedata
import zipfile
from collections import OrderedDict
from pathlib import PurePosixPath
from typing import IO, TYPE_CHECKING, Any, cast

from allauth.account.utils import user_display
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from . import audit, registry
from .deletion import delete_guarded, refused_keys
from .models import LegalHold, Restriction, normalize_email
from .registry import Declaration
from .restrictions import restrict
from .retention import (
    cascade_guard,
    deletion_date,
    expiry_date,
    held_q,
    known_as,
    local_date,
    person_q,
    resolve,
    start_of_day,
)
from .rules import get_rule
from .signals import rows_rewritten
from .vocabulary import LEGAL_BASIS_LABELS, SUBJECT_LABELS, Action

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as User

HOLD_REASON = gettext_noop("Under a legal hold (a dispute or legal claim)")
ERASE_PRECEDENCE = (Action.KEEP, Action.ANONYMISE, Action.STOP, Action.HIDE, Action.DELETE)

# What an erasure did: per outcome ("deleted", "kept", ...), one entry per category.
Report = dict[str, list[dict[str, Any]]]


def _groups() -> "OrderedDict[str, list[Declaration]]":
    """The declarations that link rows to a person, by model: rows linked to no person are
    never searched for one (they go by their rule alone)."""
    groups: OrderedDict[str, list[Declaration]] = OrderedDict()
    for declaration in registry.declarations():
        if declaration.links_person:
            groups.setdefault(declaration.model_class._meta.label, []).append(declaration)
    return groups


# A person as found by `retention.known_as`: their user ids and every address they are known by.
Person = tuple[list[Any], list[str]]


def _rows(
    declarations: list[Declaration],
    *,
    user: "User | None",
    email: str | None,
    person: Person | None = None,
) -> models.QuerySet[Any]:
    """The person's rows of one model (`person`: found once beforehand, as erasure does,
    since it deletes the very rows that tie an address to the account)."""
    model = declarations[0].model_class
    user_ids, emails = person or known_as(user=user, email=email)
    q = person_q(declarations[0], user_ids=user_ids, emails=emails)
    for declaration in declarations[1:]:
        q |= person_q(declaration, user_ids=user_ids, emails=emails)
    return model._default_manager.filter(q).order_by("pk")


def _with_context(
    rows: models.QuerySet[Any], declarations: list[Declaration]
) -> models.QuerySet[Any]:
    """The rows with the relations their context paths cross (one query, not one a row)."""
    relations = {
        path.rsplit("__", 1)[0] for d in declarations for path in d.context if "__" in path
    }
    return rows.select_related(*sorted(relations)) if relations else rows


def _field_value(obj: models.Model, name: str) -> Any:
    if "__" in name:  # a context path: follow it to the model that holds the field
        head, _sep, last = name.rpartition("__")
        owner = resolve(obj, head)
        return None if owner is None else _field_value(owner, last)
    try:
        field = obj._meta.get_field(name)
    except Exception:  # a property declared as personal data
        return getattr(obj, name, None)
    if field.many_to_many:
        return [_named(related) for related in getattr(obj, name).all()]
    if field.is_relation:
        related = getattr(obj, name)
        return None if related is None else _named(related)
    if isinstance(field, models.FileField):
        file = getattr(obj, name)
        return file.name or None
    return cast("models.Field[Any, Any]", field).value_from_object(obj)  # not a relation


def _named(related: models.Model) -> str:
    """A row another row points at, as the person reads it: a person by name or address
    (ACCOUNT_USER_DISPLAY), never by str() ("User #4", which is for the admin log); any
    other row by its str() (an ad's title and number)."""
    if isinstance(related, get_user_model()):
        return str(user_display(related))
    return str(related)


def shown_file_name(obj: models.Model, name: str) -> str:
    """The name a person knows the file in `name` by: its app's name for a file the site
    made (registry.declare_file_name: "faktura-1001.pdf"), else the name it was uploaded
    with (Anna_Åkesson_CV.pdf); "" when it has neither."""
    namer = registry.file_namer_for(obj._meta.label, name)
    return str((namer(obj) if namer else getattr(obj, "original_name", "")) or "")


# Characters Windows refuses in a file name (besides control characters), and the names it
# keeps for devices whatever their extension.
_UNSAFE_CHARACTERS = frozenset('<>:"/\\|?*')
_DEVICE_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)]
)
FILE_NAME_LENGTH = 100  # characters: well inside every system's limit, with a folder


def safe_file_name(name: str, *, fallback: str) -> str:
    """`name` as a file name that unpacks the same on Windows, macOS and Linux: its last
    part only (no folder to climb out of), control characters and the characters Windows
    refuses as "_", no leading or trailing dot or space, no device name (CON.pdf), at most
    FILE_NAME_LENGTH characters with its extension kept. `fallback` (made safe the same
    way) when nothing of it is left; it may end in an extension."""
    base = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(
        "_" if c in _UNSAFE_CHARACTERS or unicodedata.category(c) in ("Cc", "Cf") else c
        for c in base
    ).strip(" .")
    if not base:
        return safe_file_name(fallback, fallback="file") if fallback else "file"
    stem, dot, suffix = base.rpartition(".")
    if not dot or len(suffix) > 10 or not stem:
        stem, suffix = base, ""
    if stem.split(".")[0].upper() in _DEVICE_NAMES:
        stem = f"_{stem}"
    ending = f".{suffix}" if suffix else ""
    return stem[: FILE_NAME_LENGTH - len(ending)].rstrip(" .") + ending


def export_file_name(obj: models.Model, name: str, file: FieldFile, *, kind: str) -> str:
    """The name of the file in `name` in an export: the name the person knows
    (`shown_file_name`), else `kind` with the file's extension (never the storage key, a
    random string); made safe (`safe_file_name`), so that it cannot climb out of its folder
    in the ZIP nor fail to unpack."""
    extension = PurePosixPath(file.name or "").suffix
    if not extension:
        extension = mimetypes.guess_extension(str(getattr(obj, "content_type", "") or "")) or ""
    return safe_file_name(shown_file_name(obj, name), fallback=kind + extension)


def _files(obj: models.Model, declarations: list[Declaration]) -> list[tuple[str, FieldFile]]:
    found = []
    for name in dict.fromkeys(n for d in declarations for n in d.files):
        file = getattr(obj, name, None)
        if file:
            folder = f"files/{obj._meta.label_lower}/{obj.pk}"
            if len(declarations[0].files) > 1:
                folder += f"/{name}"
            found.append((f"{folder}/{export_file_name(obj, name, file, kind=name)}", file))
    return found


def _deletion_date(obj: models.Model, declarations: list[Declaration]) -> datetime.date | None:
    dates = [d for d in (deletion_date(decl, obj) for decl in declarations) if d]
    return min(dates) if dates else None


def _schedule(obj: models.Model, declarations: list[Declaration]) -> list[dict[str, Any]]:
    """What each rule does to the row, and when (a job alert's lapse as well as its deletion)."""
    schedule = []
    for declaration in declarations:
        clock = resolve(obj, declaration.clock_field) if declaration.clock_field else None
        day = expiry_date(get_rule(declaration.rule), clock)
        schedule.append(
            {
                "rule": declaration.rule,
                "action": str(declaration.on_expiry),
                "on": day.isoformat() if day else None,
            }
        )
    return schedule


def _in_scope(rows: models.QuerySet[Any], declarations: list[Declaration]) -> dict[int, set[Any]]:
    """For each declaration with a scope, the keys of the rows it covers (one query each)."""
    return {
        id(d): set(d.scope(rows).values_list("pk", flat=True))
        for d in declarations
        if d.scope is not None
    }


def _applicable(
    obj: models.Model, declarations: list[Declaration], scopes: dict[int, set[Any]]
) -> list[Declaration]:
    """The declarations whose scope takes the row: a newsletter consent is described by the
    newsletter's rule, not the job alerts'. A row no scope takes yet (an ad still open) is
    described by all of them, as it will be."""
    own = [d for d in declarations if d.scope is None or obj.pk in scopes[id(d)]]
    return own or declarations


def _item(obj: models.Model, declarations: list[Declaration]) -> dict[str, Any]:
    first = declarations[0]
    fields = dict.fromkeys(n for d in declarations for n in (*d.fields, *d.context))
    gone = _deletion_date(obj, declarations)
    return {
        "record": f"{obj._meta.label}#{obj.pk}",
        "purpose": str(first.purpose),
        "legal_basis": str(LEGAL_BASIS_LABELS[first.legal_basis]),
        "recipients": sorted({str(r) for d in declarations for r in d.recipients}),
        "rules": [d.rule for d in declarations],
        "deletion_date": gone.isoformat() if gone else None,
        "schedule": _schedule(obj, declarations),
        "data": {name: _field_value(obj, name) for name in fields},
        "files": [path for path, _ in _files(obj, declarations)],
    }


def collect(
    *, user: "User | None" = None, email: str | None = None, now: datetime.datetime
) -> dict[str, Any]:
    """Every registered row of the person, grouped by category, each with its purpose,
    legal basis, recipients and deletion date, from the declarations that cover it."""
    categories: OrderedDict[str, dict[str, Any]] = OrderedDict()
    for declarations in _groups().values():
        rows = _rows(declarations, user=user, email=email)
        scopes = _in_scope(rows, declarations)
        for obj in _with_context(rows, declarations).iterator(chunk_size=500):
            own = _applicable(obj, declarations, scopes)
            entry = categories.setdefault(
                str(own[0].category),
                {
                    "category": str(own[0].category),
                    "subject": str(SUBJECT_LABELS[own[0].subject]),
                    "items": [],
                },
            )
            entry["items"].append(_item(obj, own))
    report = {
        "subject": {"email": email or getattr(user, "email", None)},
        "generated_at": now.isoformat(),
        "categories": list(categories.values()),
    }
    # Plain JSON values (dates as ISO strings) for data.json, the PDF and the templates.
    plain: dict[str, Any] = json.loads(json.dumps(report, cls=DjangoJSONEncoder))
    return plain


def write_export_zip(
    *,
    user: "User | None" = None,
    email: str | None = None,
    now: datetime.datetime,
    fileobj: IO[bytes],
) -> dict[str, Any]:
    """A ZIP with data.json (what `collect` returns) and the person's uploaded files."""
    report = collect(user=user, email=email, now=now)
    with zipfile.ZipFile(fileobj, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(report, indent=2, ensure_ascii=False))
        for declarations in _groups().values():
            if not any(d.files for d in declarations):
                continue
            rows = _rows(declarations, user=user, email=email)
            scopes = _in_scope(rows, declarations)
            for obj in rows.iterator(chunk_size=200):
                for path, file in _files(obj, _applicable(obj, declarations, scopes)):
                    with file.open("rb") as handle:
                        archive.writestr(path, handle.read())
    return report


def _depth(model: type[models.Model], seen: frozenset[type[models.Model]]) -> int:
    """How many declared models stand above this one through foreign keys."""
    declared = {d.model_class for d in registry.declarations()}
    parents = [
        cast(type[models.Model], f.related_model)  # in `declared`: a model, never "self"
        for f in model._meta.concrete_fields
        if (f.many_to_one or f.one_to_one)
        and f.related_model in declared
        and f.related_model not in seen
        and f.related_model is not model
    ]
    return max((1 + _depth(p, seen | {model}) for p in parents), default=0)


def _erase_action(declarations: list[Declaration]) -> Declaration:
    return min(declarations, key=lambda d: ERASE_PRECEDENCE.index(d.on_erase))


def _hold_note(*, emails: list[str], on: datetime.date) -> tuple[str, str | None]:
    hold = LegalHold.objects.active(on).filter(email__in=emails).order_by("-ends_on").first()
    until = hold.ends_on.isoformat() if hold and hold.ends_on else None
    return _sentence(gettext(HOLD_REASON)), until


def _sentence(reason: Any) -> str:
    """A reason as one sentence with one full stop, whatever its text ends with (the mail
    puts "Kept until ..." after it)."""
    return str(reason).rstrip(" .") + "."


class ErasureError(ValueError):
    """An erasure that cannot be run: the message is for the user."""


def erase(
    *,
    user: "User | None" = None,
    email: str | None = None,
    by: "User | None",
    now: datetime.datetime,
    dry_run: bool = False,
) -> Report:
    """Apply each declaration's erasure behaviour to the person's rows, restrict what the
    law makes us keep, and leave an audit entry with the counts (`by`: the staff member, or
    the person themself; an entry never points at the account it erased)."""
    if user is None and not normalize_email(email):
        raise ErasureError(gettext("An erasure needs a user or an e-mail address."))
    by_the_person = by is not None and user is not None and by.pk == user.pk
    actor = None if by_the_person else by
    report: Report = {
        "deleted": [],
        "anonymised": [],
        "stopped": [],
        "hidden": [],
        "kept": [],
    }
    # Children before parents (an application's documents before the application, the
    # user last): each row is counted under its own category, not lost in a cascade.
    groups = sorted(
        _groups().items(), key=lambda item: -_depth(item[1][0].model_class, frozenset())
    )
    with transaction.atomic():
        person = known_as(user=user, email=email)
        for _label, declarations in groups:
            _erase_group(declarations, person=person, now=now, dry_run=dry_run, report=report)
        for key, entries in report.items():
            report[key] = _merged(entries)
        address = email or getattr(user, "email", None)
        restricts = bool(report["kept"] and address)
        if dry_run:
            # The restriction the erasure places is part of what it keeps: the preview shows
            # its line too, so that preview and result count the same rows.
            if restricts:
                kept_until = _kept_until(report, now)
                _report_restriction(Restriction(created_at=now, kept_until=kept_until), report)
            transaction.set_rollback(True)
            return report
        _close_kept_account(person)
        if restricts:
            # What the law makes us keep is restricted: stored, never used, until it goes;
            # the restriction itself then goes under its own rule (contacts.long_term).
            with translation.override(settings.LANGUAGE_CODE):  # staff's working language
                reason = gettext("Erasure: what we must keep is stored, not used")
            restriction = restrict(
                email=address,
                reason=reason,
                by=actor,
                now=now,
                kept_until=_kept_until(report, now),
            )
            _report_restriction(restriction, report)
        audit.record(
            event=audit.Event.PERSON_ERASED,
            by=actor,
            now=now,
            details={**counts(report), "by_the_person": by_the_person},
        )
    return report


def counts(report: Report) -> dict[str, int]:
    """How many rows each outcome of an erasure's report holds: the one count of a preview
    and of the erasure itself (its audit entry, the request's timeline, staff's message)."""
    return {key: sum(entry["count"] for entry in entries) for key, entries in report.items()}


def erased_anything(report: Report) -> bool:
    """Whether the erasure deleted, anonymised, stopped or hid anything: under a hold on
    the person it keeps everything, and no one may be told their data was erased."""
    return any(report[key] for key in ("deleted", "anonymised", "stopped", "hidden"))


def _report_restriction(restriction: models.Model, report: Report) -> None:
    """The restriction over what is kept holds the address too, for longer (its own rule
    counts from the day the kept data goes): the answer says so, with its day."""
    declarations = list(registry.for_model("privacy.Restriction"))
    until = _deletion_date(restriction, declarations)
    report["kept"].append(
        {
            "category": gettext("Our record that what we keep is not used"),
            "count": 1,
            "reason": _sentence(
                gettext("Your e-mail address, so that nothing we keep is used (GDPR art. 18)")
            ),
            "until": until.isoformat() if until else None,
        }
    )


def _close_kept_account(person: Person) -> None:
    """An account a hold keeps is stored, not used: no one signs in to it again (an
    erased person could otherwise sign in, and be mailed, as before)."""
    user_ids = person[0]
    if user_ids:
        accounts = get_user_model()._default_manager.filter(pk__in=user_ids)
        accounts.update(is_active=False, password=make_password(None))


def _merged(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One line per category and reason (a request and its timeline are one category),
    kept until the last of them goes. The count is of the category's main records (the
    requests, not their timelines' entries: one request read "(3)"): those of the model
    with the fewest declared models above it; rows of one model add up."""
    lines: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in entries:
        key = (entry["category"], entry.get("reason", ""))
        line = lines.get(key)
        if line is None:
            lines[key] = dict(entry)
            continue
        depth, line_depth = entry.get("depth", 0), line.get("depth", 0)
        if depth < line_depth:
            line["count"], line["depth"] = entry["count"], depth
        elif depth == line_depth:
            line["count"] += entry["count"]
        if "until" in line:
            dates = [d for d in (line["until"], entry.get("until")) if d]
            line["until"] = max(dates) if dates else None
    return [{k: v for k, v in line.items() if k != "depth"} for line in lines.values()]


def _kept_until(report: Report, now: datetime.datetime) -> datetime.datetime:
    """When the last of the kept data goes (by the report's dates), at the earliest now."""
    dates = [datetime.date.fromisoformat(e["until"]) for e in report["kept"] if e.get("until")]
    return max(now, start_of_day(max(dates))) if dates else now


def _erase_group(
    declarations: list[Declaration],
    *,
    person: Person,
    now: datetime.datetime,
    dry_run: bool,
    report: Report,
) -> None:
    on = local_date(now)
    rows = _rows(declarations, user=None, email=None, person=person)
    chosen = _erase_action(declarations)
    held = held_q(chosen, on, access_requests=False)
    held_rows = rows.filter(held) if held is not None else rows.none()
    free = rows.exclude(held) if held is not None else rows
    category = str(chosen.category)
    depth = _depth(chosen.model_class, frozenset())  # for the category's count (_merged)
    if held_rows.exists():
        reason, until = _hold_note(emails=person[1], on=on)
        report["kept"].append(
            {
                "category": category,
                "count": held_rows.count(),
                "reason": reason,
                "until": until,
                "depth": depth,
            }
        )
        if not dry_run:
            _stop_held(declarations, held_rows, now)
    count = free.count()
    if not count:
        return
    if chosen.on_erase == Action.DELETE:
        # Never a deletion that would cascade into a held row: those rows are kept.
        guard = cascade_guard(chosen.model_class, on, access_requests=False)
        if dry_run:
            kept = refused_keys(free, guard)
            deleted = count - len(kept)
        else:
            deleted, kept = delete_guarded(free, guard)
        if deleted:
            report["deleted"].append({"category": category, "count": deleted, "depth": depth})
        if kept:
            kept_rows = free.model._default_manager.filter(pk__in=kept)
            _report_kept(chosen, declarations, kept_rows, report, depth=depth)
        return
    if chosen.on_erase == Action.KEEP:
        _report_kept(chosen, declarations, free, report, depth=depth)
        return
    key = {Action.ANONYMISE: "anonymised", Action.STOP: "stopped", Action.HIDE: "hidden"}
    if chosen.anonymise and not dry_run:
        free.order_by().update(**chosen.values(now))
        rows_rewritten.send(sender=free.model)
    report[key[chosen.on_erase]].append({"category": category, "count": count, "depth": depth})


def _stop_held(
    declarations: list[Declaration], rows: models.QuerySet[Any], now: datetime.datetime
) -> None:
    """Rows a hold keeps are stored, not used: those a rule can stop (a job alert, which
    would otherwise go on mailing the person who asked to be erased) stop as at the end of
    that rule, their consents lapsing with them."""
    for declaration in declarations:
        if declaration.on_expiry != Action.STOP or not declaration.anonymise:
            continue
        running = declaration.scope(rows) if declaration.scope else rows
        if declaration.before_act:
            declaration.before_act(running, now)
        running.order_by().update(**declaration.values(now))


def _report_kept(
    chosen: Declaration,
    declarations: list[Declaration],
    rows: models.QuerySet[Any],
    report: Report,
    *,
    depth: int = 0,
) -> None:
    until = [d for d in (_deletion_date(obj, declarations) for obj in rows.iterator()) if d]
    reason = chosen.keep_reason or gettext(HOLD_REASON)
    report["kept"].append(
        {
            "category": str(chosen.category),
            "count": rows.count(),
            "reason": _sentence(reason),
            "until": max(until).isoformat() if until else None,
            "depth": depth,
        }
    )
