"""The registry of personal data: one declaration per model and retention rule.

Each app declares its personal data in its own ``privacy.py`` (discovered at start-up, see
``PrivacyConfig.ready``)::

    from privacy import registry
    from privacy.rules import Action

    registry.register(registry.Declaration(
        model="jobs.Application",
        subject=registry.Subject.APPLICANT,
        category=_("Applications"),
        fields=("message",),
        files=(),
        purpose=_("Forward your application to the company you apply to"),
        legal_basis=registry.LegalBasis.LEGITIMATE_INTEREST,
        recipients=(_("The company applied to"),),
        rule="applications.portal",
        clock_field="submitted_at",
        user_path="seeker",
        on_expiry=Action.DELETE,
        on_erase=Action.DELETE,
    ))

From these declarations alone the retention engine, the subject export and erasure, the
published notice and the record of processing are built. Nothing here names another app's
models: declarations name them by label.
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from .rules import RULE_NAMES, Action


class Subject(StrEnum):
    SEEKER = "seeker"
    APPLICANT = "applicant"
    COMPANY_CONTACT = "company_contact"
    VISITOR = "visitor"
    CONTACT = "contact"
    SUBSCRIBER = "subscriber"


SUBJECT_LABELS = {
    Subject.SEEKER: _("Job seekers"),
    Subject.APPLICANT: _("Applicants"),
    Subject.COMPANY_CONTACT: _("Companies and contact persons"),
    Subject.VISITOR: _("Website visitors"),
    Subject.CONTACT: _("Others who contact us"),
    Subject.SUBSCRIBER: _("Newsletter subscribers"),
}


class LegalBasis(StrEnum):
    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    LEGITIMATE_INTEREST = "legitimate_interest"


LEGAL_BASIS_LABELS = {
    LegalBasis.CONSENT: _("Consent, GDPR art. 6(1)(a)"),
    LegalBasis.CONTRACT: _("Contract, GDPR art. 6(1)(b)"),
    LegalBasis.LEGAL_OBLIGATION: _("Legal obligation, GDPR art. 6(1)(c)"),
    LegalBasis.LEGITIMATE_INTEREST: _("Legitimate interest, GDPR art. 6(1)(f)"),
}


class _Now:
    def __repr__(self):
        return "registry.NOW"


# In `anonymise` values: the moment of the run or the erasure (e.g. {"stopped_at": NOW}).
NOW = _Now()


@dataclass(frozen=True)
class Declaration:
    """The personal data one model holds under one retention rule."""

    model: str  # "app_label.ModelName"
    subject: Subject
    category: str
    fields: tuple[str, ...]  # the personal fields: exported, and checked by the guard test
    purpose: str
    legal_basis: LegalBasis
    rule: str  # a name from privacy.rules
    on_expiry: Action
    on_erase: Action
    # The date or datetime (a lookup path) that starts the rule's clock; None where the
    # rule has no clock of its own (e.g. a HIDE that read paths enforce).
    clock_field: str | None = None
    # How to find one person's rows: a path to their user, and/or to an e-mail address.
    user_path: str | None = None
    email_path: str | None = None
    recipients: tuple[str, ...] = ()
    files: tuple[str, ...] = ()  # FileFields: exported in the ZIP, deleted with the row
    # With ANONYMISE (at erasure or expiry): field -> value written instead. A STOP writes
    # the same values (e.g. {"is_active": False}); a HIDE never writes (the read paths hide).
    # The value NOW is the run's time; rows already holding the other values count as done.
    anonymise: Mapping[str, Any] = field(default_factory=dict)
    # With on_erase=KEEP: the legal reason, shown to the person.
    keep_reason: str = ""
    # Limits the rows the rule applies to (e.g. only ads that are no longer active).
    scope: Callable[[QuerySet], QuerySet] | None = None
    # Called in each batch's transaction just before the engine acts on the batch, with the
    # batch's queryset and the run's `now` (e.g. to lapse the consents of stopped alerts).
    before_act: Callable[[QuerySet, "datetime.datetime"], None] | None = None
    # A warning before expiry (seeker.inactive_account: an e-mail 30 days before deletion):
    # called once per clock cycle with the row and its expiry date.
    warn_days_before: int = 0
    warn: Callable[[Model, "datetime.date"], None] | None = None

    def __post_init__(self):
        if self.rule not in RULE_NAMES:
            raise ValueError(f"{self.model}: unknown retention rule {self.rule!r}")
        if not (self.user_path or self.email_path):
            raise ValueError(f"{self.model}: a declaration needs user_path or email_path")
        if Action.KEEP in (self.on_erase, self.on_expiry) and not self.keep_reason:
            raise ValueError(f"{self.model}: keeping data needs a keep_reason")

    @property
    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)

    @property
    def available(self) -> bool:
        """False while the declared model's app is not installed: its rule reports 0 rows."""
        try:
            apps.get_model(self.model)
        except LookupError:
            return False
        return True

    def values(self, now: "datetime.datetime") -> dict[str, Any]:
        """The `anonymise` values to write, NOW replaced by `now`."""
        return {k: now if v is NOW else v for k, v in self.anonymise.items()}

    def queryset(self) -> QuerySet:
        qs = self.model_class._default_manager.all()
        return self.scope(qs) if self.scope else qs


@dataclass(frozen=True)
class Exemption:
    """A model field that looks personal but is not, or is covered elsewhere: with the reason."""

    model: str
    fields: tuple[str, ...]
    reason: str


_declarations: list[Declaration] = []
_exemptions: list[Exemption] = []


def register(declaration: Declaration) -> Declaration:
    key = (declaration.model, declaration.rule)
    if any((d.model, d.rule) == key for d in _declarations):
        raise ValueError(f"{declaration.model} is already declared under {declaration.rule}")
    _declarations.append(declaration)
    return declaration


def exempt(model: str, *, fields: tuple[str, ...], reason: str) -> None:
    if not reason:
        raise ValueError(f"{model}: an exemption needs a reason")
    _exemptions.append(Exemption(model=model, fields=fields, reason=reason))


def declarations() -> tuple[Declaration, ...]:
    """Every declaration whose model is installed."""
    return tuple(d for d in _declarations if d.available)


def exemptions() -> tuple[Exemption, ...]:
    return tuple(_exemptions)


def for_rule(rule: str) -> tuple[Declaration, ...]:
    return tuple(d for d in declarations() if d.rule == rule)


def for_model(model: str) -> tuple[Declaration, ...]:
    return tuple(d for d in declarations() if d.model.lower() == model.lower())
