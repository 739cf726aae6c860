"""The registry of personal data: one declaration per model and retention rule.

Each app declares its personal data in its own ``privacy.py`` (discovered at start-up, see
``PrivacyConfig.ready``), always with ``declare``::

    from django.utils.translation import gettext_lazy as _

    from privacy.registry import declare
    from privacy.vocabulary import Action, LegalBasis, Subject

    declare(
        model="jobs.Application",
        subject=Subject.APPLICANT,
        category=_("Applications"),
        items=(_("Your application and its message"),),
        fields=("message",),
        purpose=_("Forward your application to the company you apply to"),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        recipients=(_("The company applied to"),),
        rule="applications.portal",
        clock_field="submitted_at",
        user_path="seeker",
        on_expiry=Action.DELETE,
        on_erase=Action.DELETE,
    )

From these declarations alone the retention engine, the subject export and erasure, the
published notice and the record of processing are built. Nothing here names another app's
models: declarations name them by label.

Design note: the registry is strict. A declaration whose model label does not resolve, or
whose rule, paths or reasons do not add up, stops the start-up with ImproperlyConfigured
naming the label and the declaring module: a typo silently skipped would mean data that is
never deleted. There is no "skip when not installed": a rule whose data does not exist yet
simply has no declarations, and an app's privacy.py is only read when the app is installed.
Every declaration lists its data ``items``: the things a person would recognise ("Address",
"Phone number"), in their language. The published notice lists exactly these, per data
subject, so it cannot claim data the site does not hold, nor leave out data it does. A
declaration without ``items`` stops the start-up (an app's new declaration must say what it
holds before the notice can be true). ``further_purposes`` are the other purposes the same
rows serve, under the same legal basis (one legal basis per kind of data and purpose).
Rows linked to no person one could name (visitor events) say so with ``links_person=False``:
an access or erasure request never searches them, and their rule still deletes them.
"""

import datetime
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.utils.functional import Promise

from .rules import RULE_NAMES
from .vocabulary import Action, LegalBasis, Subject


class _Now:
    def __repr__(self) -> str:
        return "registry.NOW"


# In `anonymise` values: the moment of the run or the erasure (e.g. {"stopped_at": NOW}).
NOW = _Now()


@dataclass(frozen=True, kw_only=True)
class Declaration:
    """The personal data one model holds under one retention rule (made by `declare`)."""

    model: str  # "app_label.ModelName"
    subject: Subject
    category: str | Promise
    # The data items as the notice lists them, translatable ("Address", "Phone number").
    items: tuple[str | Promise, ...]
    fields: tuple[str, ...]  # the personal fields: exported, and checked by the guard test
    purpose: str | Promise
    legal_basis: LegalBasis
    rule: str  # a name from privacy.rules
    on_expiry: Action
    on_erase: Action
    # The date or datetime (a lookup path) that starts the rule's clock; None where the
    # rule has no clock of its own (e.g. a HIDE that read paths enforce).
    clock_field: str | None = None
    # Read where `clock_field` is empty (None): e.g. a job alert's own copy of its
    # subscriber's last-seen date, once the account is gone.
    clock_fallback: str | None = None
    # How to find one person's rows: a path to their user, and/or to an e-mail address.
    user_path: str | None = None
    email_path: str | None = None
    # False: the rows belong to nobody we could name (no user, no address), so no access or
    # erasure request ever searches them; their rule still acts on them.
    links_person: bool = True
    # Other purposes the same rows serve, under the same legal basis (shown on the notice).
    further_purposes: tuple[str | Promise, ...] = ()
    recipients: tuple[str | Promise, ...] = ()
    files: tuple[str, ...] = ()  # FileFields: exported in the ZIP, deleted with the row
    # Exported with the row so the person can tell what it is (lookup paths, e.g. the
    # application's "ad__title"): not personal data of their own, never erased by it.
    context: tuple[str, ...] = ()
    # With ANONYMISE (at erasure or expiry): field -> value written instead. A STOP writes
    # the same values (e.g. {"is_active": False}); a HIDE never writes (the read paths hide).
    # The value NOW is the run's time; rows already holding the other values count as done.
    anonymise: Mapping[str, Any] = field(default_factory=dict)
    # With on_erase=KEEP: the legal reason, shown to the person.
    keep_reason: str | Promise = ""
    # Limits the rows the rule applies to (e.g. only ads that are no longer active).
    scope: Callable[[QuerySet[Any]], QuerySet[Any]] | None = None
    # Called in each batch's transaction just before the engine acts on the batch, with the
    # batch's queryset and the run's `now` (e.g. to lapse the consents of stopped alerts).
    before_act: Callable[[QuerySet[Any], datetime.datetime], None] | None = None
    # A warning before expiry (seeker.inactive_account: an e-mail 30 days before deletion):
    # called once per clock cycle with the row and its expiry date.
    warn_days_before: int = 0
    warn: Callable[[Model, datetime.date], None] | None = None
    # With `warn`: the path to the user the warning is for, when the rows are that person's
    # own (their documents): `warn` is then called with the user, once per person and clock
    # date whatever number of rows they have, and the warning is recorded as the person's
    # account's own would be, so a person warned about their account is not warned again.
    warn_person: str | None = None
    # The module that declared it (named in start-up errors).
    declared_in: str = ""

    @property
    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)

    def values(self, now: datetime.datetime) -> dict[str, Any]:
        """The `anonymise` values to write, NOW replaced by `now`."""
        return {k: now if v is NOW else v for k, v in self.anonymise.items()}

    def queryset(self) -> QuerySet[Any]:
        qs = self.model_class._default_manager.all()
        return self.scope(qs) if self.scope else qs


def declare(
    *,
    model: str,
    subject: Subject,
    category: str | Promise,
    fields: tuple[str, ...],
    purpose: str | Promise,
    legal_basis: LegalBasis,
    rule: str,
    on_expiry: Action,
    on_erase: Action,
    items: tuple[str | Promise, ...] | None = None,
    further_purposes: tuple[str | Promise, ...] = (),
    clock_field: str | None = None,
    clock_fallback: str | None = None,
    user_path: str | None = None,
    email_path: str | None = None,
    links_person: bool = True,
    recipients: tuple[str | Promise, ...] = (),
    files: tuple[str, ...] = (),
    context: tuple[str, ...] = (),
    anonymise: Mapping[str, Any] | None = None,
    keep_reason: str | Promise = "",
    scope: Callable[[QuerySet[Any]], QuerySet[Any]] | None = None,
    before_act: Callable[[QuerySet[Any], datetime.datetime], None] | None = None,
    warn_days_before: int = 0,
    warn: Callable[[Model, datetime.date], None] | None = None,
    warn_person: str | None = None,
) -> Declaration:
    """Declare the personal data one model holds under one rule (see the module docstring);
    raises ImproperlyConfigured, naming the label and this caller's module, when the
    declaration does not hold together."""
    declaration = Declaration(
        model=model,
        subject=subject,
        category=category,
        items=(items,) if isinstance(items, str | Promise) else tuple(items or ()),
        fields=fields,
        purpose=purpose,
        further_purposes=tuple(further_purposes),
        legal_basis=legal_basis,
        rule=rule,
        on_expiry=on_expiry,
        on_erase=on_erase,
        clock_field=clock_field,
        clock_fallback=clock_fallback,
        user_path=user_path,
        email_path=email_path,
        links_person=links_person,
        recipients=recipients,
        files=files,
        context=context,
        anonymise=dict(anonymise or {}),
        keep_reason=keep_reason,
        scope=scope,
        before_act=before_act,
        warn_days_before=warn_days_before,
        warn=warn,
        warn_person=warn_person,
        declared_in=_calling_module(),
    )
    _check(declaration)
    _declarations.append(declaration)
    return declaration


def _calling_module() -> str:
    """The module that called declare() (or the helper of a privacy.py that did)."""
    frame = sys._getframe(2)
    return str(frame.f_globals.get("__name__", "?"))


def _resolves(label: str) -> bool:
    try:
        apps.get_model(label)
    except (LookupError, ValueError):
        return False
    return True


def _check(declaration: Declaration) -> None:
    label, where = declaration.model, declaration.declared_in

    def error(problem: str) -> ImproperlyConfigured:
        return ImproperlyConfigured(f"Privacy declaration of {label!r} in {where}: {problem}")

    if not _resolves(label):
        raise error(
            "no installed model has this label. Fix the label (app_label.ModelName) or "
            "install the app: a declaration that names no model would mean data never deleted."
        )
    if not declaration.items:
        raise error(
            "give items=(...): the data items these rows hold, as the privacy notice lists "
            'them, each translatable (e.g. items=(_("Address"), _("Phone number")))). '
            "The notice lists nothing else, so a declaration without items would hide data."
        )
    if declaration.rule not in RULE_NAMES:
        raise error(f"unknown retention rule {declaration.rule!r}.")
    if declaration.clock_fallback and not declaration.clock_field:
        raise error("a clock_fallback is read where clock_field is empty: give clock_field.")
    has_path = bool(declaration.user_path or declaration.email_path)
    if declaration.links_person and not has_path:
        raise error("give user_path or email_path, or links_person=False for rows of nobody.")
    if not declaration.links_person and has_path:
        raise error("links_person=False rows have no user_path or email_path.")
    if Action.KEEP in (declaration.on_erase, declaration.on_expiry) and not declaration.keep_reason:
        raise error("keeping data needs a keep_reason.")
    if declaration.warn_person and not declaration.warn:
        raise error("warn_person names whom `warn` warns: give warn.")
    key = (label.lower(), declaration.rule)
    if any((d.model.lower(), d.rule) == key for d in _declarations):
        raise error(f"already declared under {declaration.rule}.")


@dataclass(frozen=True)
class Exemption:
    """A model field that looks personal but is not, or is covered elsewhere: with the reason."""

    model: str
    fields: tuple[str, ...]
    reason: str


_declarations: list[Declaration] = []
_exemptions: list[Exemption] = []
_address_books: list["AddressBook"] = []

# Given some users (ids) and addresses, the (user id, address) pairs that tie them to each
# other: an account's login and other verified addresses. An app that keeps such a list
# registers it with `declare_addresses`, so a request about one address finds the person by
# every address they are known by.
AddressBook = Callable[..., Iterable[tuple[Any, str]]]


def declare_addresses(book: AddressBook) -> None:
    """Register `book(*, user_ids, emails)`: the (user id, address) pairs of those people."""
    _address_books.append(book)


def address_books() -> tuple[AddressBook, ...]:
    return tuple(_address_books)


# How a field holding a structure (a job alert's saved search) reads for a person: the app
# that knows its keys registers a reader, so My data and the reports show words, not keys.
ValueReader = Callable[[Any], str]
_value_readers: dict[tuple[str, str], ValueReader] = {}


def declare_reader(model: str, field: str, reader: ValueReader) -> None:
    """Register `reader(value) -> str` for `model`'s `field` ("app_label.Model")."""
    _value_readers[(model.lower(), field)] = reader


def reader_for(model: str, field: str) -> ValueReader | None:
    return _value_readers.get((model.lower(), field))


# How a file the site made (an invoice's PDF, stored under a random name) is named in the
# person's ZIP: the app that knows what it is registers a namer, so the ZIP reads
# "faktura-1001.pdf", not "3fa2….pdf". An uploaded file keeps the name it was uploaded with.
FileNamer = Callable[[Any], str]
_file_namers: dict[tuple[str, str], FileNamer] = {}


def declare_file_name(model: str, field: str, namer: FileNamer) -> None:
    """Register `namer(row) -> str` for the file in `model`'s `field` ("app_label.Model")."""
    _file_namers[(model.lower(), field)] = namer


def file_namer_for(model: str, field: str) -> FileNamer | None:
    return _file_namers.get((model.lower(), field))


def exempt(model: str, *, fields: tuple[str, ...], reason: str) -> None:
    """A field that looks personal but is not, or is covered elsewhere (the guard test)."""
    if not _resolves(model):
        raise ImproperlyConfigured(f"Privacy exemption of {model!r}: no installed model has it.")
    if not reason:
        raise ImproperlyConfigured(f"Privacy exemption of {model!r}: it needs a reason.")
    _exemptions.append(Exemption(model=model, fields=fields, reason=reason))


def declarations() -> tuple[Declaration, ...]:
    return tuple(_declarations)


def exemptions() -> tuple[Exemption, ...]:
    return tuple(_exemptions)


def for_rule(rule: str) -> tuple[Declaration, ...]:
    return tuple(d for d in declarations() if d.rule == rule)


def for_model(model: str) -> tuple[Declaration, ...]:
    return tuple(d for d in declarations() if d.model.lower() == model.lower())
