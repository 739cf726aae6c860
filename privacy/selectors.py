"""Reads shaped for pages: the retention forecast, the notice and the record of processing."""

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from . import processors, registry
from .enforcement import forecast
from .periods import describe, period_in_figures
from .rules import Clock, all_rules, get_rule
from .vocabulary import LEGAL_BASIS_LABELS, SUBJECT_LABELS, Action, LegalBasis, Subject

FORECAST_DAYS = (7, 30, 90)


def retention_forecast(*, today: datetime.date) -> list[dict[str, Any]]:
    """For each rule, how many rows it will act on within 7, 30 and 90 days ("counts"), and
    how many due rows it will keep because they are held or restricted (dry runs with an
    as-of date; nothing changes)."""
    ahead = {days: forecast(as_of=today + datetime.timedelta(days=days)) for days in FORECAST_DAYS}
    rows = []
    for rule in all_rules():
        counts = [ahead[days][rule.name] for days in FORECAST_DAYS]
        rows.append(
            {
                "rule": rule,
                "counts": [c["acted"] for c in counts],
                "held": [c["held"] for c in counts],
                "restricted": [c["restricted"] for c in counts],
                "cells": [(c["acted"], c["held"], c["restricted"]) for c in counts],
            }
        )
    return rows


# --- The published notice and the record of processing, from the registry and the rules.

CLOCK_PHRASES = {
    Clock.LAST_SEEN: _("after you were last signed in"),
    Clock.LAPSE_OR_WITHDRAWAL: _("after the consent lapsed or was withdrawn"),
    Clock.SUBMISSION: _("after the application was sent"),
    Clock.AD_INACTIVE: _("after the ad stopped being active"),
    Clock.FINANCIAL_YEAR_END: _("after the end of the financial year of the transaction"),
    Clock.COLLECTION: _("after collection"),
    Clock.LAST_MESSAGE: _("after the last message"),
    Clock.COOPERATION_END: _("after the cooperation has ended"),
    Clock.LAST_USE: _("after the consent was last used or withdrawn"),
    Clock.SET: _("after the cookie was set"),
}

ACTION_LABELS = {
    Action.DELETE: _("deleted"),
    Action.ANONYMISE: _("anonymised"),
    Action.HIDE: _("hidden from every public page"),
    Action.STOP: _("stopped"),
    Action.KEEP: _("kept, restricted"),
}


def retention_rows() -> list[dict[str, Any]]:
    """The retention section: each rule with the period configured for this site, in the
    table's figures and in the rule's own sentence."""
    rows = []
    for rule in all_rules():
        rows.append(
            {
                "name": rule.name,
                "data": rule.data,
                "period": period_in_figures(rule.period),
                "clock": CLOCK_PHRASES[rule.clock],
                "action": ACTION_LABELS[rule.action],
                "description": describe(rule),
            }
        )
    return rows


def _unique(texts: list[Any]) -> list[Any]:
    """The texts in order, each once (lazy translations compared as text)."""
    seen: set[str] = set()
    unique = []
    for text in texts:
        if str(text) not in seen:
            seen.add(str(text))
            unique.append(text)
    return unique


def _purposes_by_basis(pairs: list[tuple[LegalBasis, Any]]) -> list[dict[str, Any]]:
    """[(basis, purpose)] -> per legal basis (in the vocabulary's order), its purposes."""
    return [
        {
            "legal_basis": LEGAL_BASIS_LABELS[basis],
            "purposes": _unique([purpose for b, purpose in pairs if b == basis]),
        }
        for basis in LegalBasis
        if any(b == basis for b, _purpose in pairs)
    ]


def data_categories() -> list[dict[str, Any]]:
    """The data-categories section: per data subject, the data items held (from the
    declarations, and from the processors in use that collect data on our pages), the
    purposes under each legal basis, and each declared category with its purpose, legal
    basis, recipients and retention rule, and whether its rows are linked to a person at all
    (if not, no access or erasure request can find them)."""
    groups: dict[str, dict[str, Any]] = {}
    pairs: dict[str, list[tuple[LegalBasis, Any]]] = {}
    seen = set()

    def group_of(subject: Subject) -> dict[str, Any]:
        pairs.setdefault(subject, [])
        return groups.setdefault(
            subject,
            {"key": subject, "subject": SUBJECT_LABELS[subject], "items": [], "categories": []},
        )

    for declaration in registry.declarations():
        group = group_of(declaration.subject)
        group["items"].extend(declaration.items)
        for purpose in (declaration.purpose, *declaration.further_purposes):
            pairs[declaration.subject].append((declaration.legal_basis, purpose))
        key = (declaration.subject, str(declaration.category), declaration.rule)
        if key in seen:
            continue
        seen.add(key)
        rule = get_rule(declaration.rule)
        group["categories"].append(
            {
                "category": declaration.category,
                "purpose": declaration.purpose,
                "legal_basis": LEGAL_BASIS_LABELS[declaration.legal_basis],
                "recipients": declaration.recipients,
                "rule": rule.name,
                "retention": f"{period_in_figures(rule.period)} {CLOCK_PHRASES[rule.clock]}",
                "links_person": declaration.links_person,
            }
        )
    for party in processors.in_use():
        if party.subject is None or party.legal_basis is None:
            continue
        group = group_of(party.subject)
        group["items"].extend(party.items)
        pairs[party.subject].append((party.legal_basis, party.purpose))
    for subject, group in groups.items():
        group["items"] = _unique(group["items"])
        group["bases"] = _purposes_by_basis(pairs[subject])
    order = list(Subject)
    return sorted(groups.values(), key=lambda group: order.index(group["key"]))


RECORD_COLUMNS = (
    ("model", _("Record type")),
    ("subject", _("Data subjects")),
    ("category", _("Category of data")),
    ("items", _("Data items")),
    ("fields", _("Personal data fields")),
    ("purpose", _("Purpose")),
    ("legal_basis", _("Legal basis")),
    ("recipients", _("Recipients")),
    ("rule", _("Retention rule")),
    ("retention", _("Time limit for erasure")),
    ("on_expiry", _("At expiry")),
    ("on_erase", _("At erasure")),
    ("keep_reason", _("Reason for keeping")),
)


def processing_records() -> list[dict[str, Any]]:
    """The record of processing activities (GDPR art. 30), one row per declaration."""
    rows = []
    for declaration in registry.declarations():
        rule = get_rule(declaration.rule)
        rows.append(
            {
                "model": declaration.model,
                "subject": str(SUBJECT_LABELS[declaration.subject]),
                "category": str(declaration.category),
                "items": "; ".join(str(item) for item in declaration.items),
                "fields": ", ".join((*declaration.fields, *declaration.files)),
                "purpose": str(declaration.purpose),
                "legal_basis": str(LEGAL_BASIS_LABELS[declaration.legal_basis]),
                "recipients": "; ".join(str(r) for r in declaration.recipients),
                "rule": rule.name,
                "retention": f"{period_in_figures(rule.period)} {CLOCK_PHRASES[rule.clock]}",
                "on_expiry": str(ACTION_LABELS[declaration.on_expiry]),
                "on_erase": str(ACTION_LABELS[declaration.on_erase]),
                "keep_reason": str(declaration.keep_reason),
            }
        )
    return rows
