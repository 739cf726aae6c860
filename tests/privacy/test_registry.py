"""The registry is strict, speaks one vocabulary, and knows rows that belong to nobody."""

import ast
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobs.models import AdView, ContactView
from privacy import holds, registry, subjects
from privacy.vocabulary import Action, LegalBasis, Subject
from tests.factories import AdFactory, UserFactory

BASE = Path(settings.BASE_DIR)
APPS = ("accounts", "companies", "jobs", "newsletter", "privacy", "rights", "support", "visitors")
NOW = dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC)
VISITS = dict(
    subject=Subject.VISITOR,
    category="Visits",
    items=("Ads viewed",),
    fields=("session_hash",),
    purpose="Statistics",
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    rule="visitors.tracking",
    clock_field="occurred_at",
    on_expiry=Action.DELETE,
    on_erase=Action.DELETE,
)


# --- Strict: a label that does not resolve stops the start-up.


def test_a_typo_in_a_model_label_is_an_error_naming_the_label_and_the_declaring_module():
    before = registry.declarations()
    with pytest.raises(ImproperlyConfigured) as error:
        registry.declare(model="jobs.AdVeiw", links_person=False, **VISITS)
    assert "'jobs.AdVeiw'" in str(error.value)
    assert "tests.privacy.test_registry" in str(error.value)
    assert registry.declarations() == before


def test_the_site_refuses_to_start_when_a_privacy_module_names_no_installed_model():
    script = (
        "import django, config.settings as s; "
        "s.INSTALLED_APPS.append('tests.privacy.misdeclared'); django.setup()"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=BASE,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("django.core.exceptions.ImproperlyConfigured:")
    assert "'jobs.AdVeiw'" in last and "tests.privacy.misdeclared.privacy" in last


def test_an_exemption_of_a_model_that_is_not_installed_is_an_error():
    with pytest.raises(ImproperlyConfigured, match=r"jobs\.Adview2"):
        registry.exempt("jobs.Adview2", fields=("x",), reason="A typo")


def test_a_declaration_says_how_to_find_a_person_or_that_it_links_none():
    with pytest.raises(ImproperlyConfigured, match="links_person=False"):
        registry.declare(model="jobs.AdView", **VISITS)
    with pytest.raises(ImproperlyConfigured, match="no user_path or email_path"):
        registry.declare(
            model="jobs.AdView", links_person=False, email_path="session_hash", **VISITS
        )


def test_a_declaration_without_its_data_items_is_an_error_saying_what_to_add():
    visits = {k: v for k, v in VISITS.items() if k != "items"}
    before = registry.declarations()
    with pytest.raises(ImproperlyConfigured) as error:
        registry.declare(model="jobs.AdView", links_person=False, **visits)
    message = str(error.value)
    assert "'jobs.AdView'" in message and "tests.privacy.test_registry" in message
    assert "give items=(...)" in message
    assert registry.declarations() == before


def test_every_declaration_lists_its_data_items():
    for declaration in registry.declarations():
        assert declaration.items, declaration.model
        assert all(str(item).strip() for item in declaration.items), declaration.model


# --- One shape and one vocabulary.


def _python_files():
    for app in (*APPS, "newsletter", "config", "tests"):
        for path in (BASE / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_the_privacy_modules_declare_with_the_one_helper():
    for app in APPS:
        source = (BASE / app / "privacy.py").read_text(encoding="utf-8")
        assert "declare(" in source, app
        assert "Declaration(" not in source and "register(" not in source, app
    modules = {d.declared_in for d in registry.declarations()}
    assert modules == {f"{app}.privacy" for app in APPS}


def test_subject_legal_basis_and_action_are_imported_from_the_vocabulary_only():
    words = {"Subject", "LegalBasis", "Action", "SUBJECT_LABELS", "LEGAL_BASIS_LABELS"}
    elsewhere = []
    for path in _python_files():
        where = path.relative_to(BASE)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith(
                ("registry", "rules")
            ):
                elsewhere += [f"{where}: {a.name}" for a in node.names if a.name in words]
            if (
                isinstance(node, ast.Attribute)
                and node.attr in words
                and getattr(node.value, "id", None) in {"registry", "rules"}
            ):
                elsewhere.append(f"{where}: {node.value.id}.{node.attr}")
    assert not elsewhere, "Import these from privacy.vocabulary:\n" + "\n".join(elsewhere)


# --- Rows linked to no person.


def test_visitor_events_are_declared_as_linked_to_no_person():
    for model in ("jobs.AdView", "jobs.ContactView"):
        for declaration in registry.for_model(model):
            assert declaration.links_person is False
            assert declaration.user_path is None and declaration.email_path is None


@pytest.fixture
def visited(taxonomy):
    """Anna, and visitor events whose session hash is, by bad luck, her address."""
    anna = UserFactory(email="anna@example.se")
    ad = AdFactory()
    views = [
        AdView.objects.create(
            ad=ad, occurred_at=NOW, session_hash=anna.email, device_class="desktop"
        ),
        ContactView.objects.create(ad=ad, occurred_at=NOW, session_hash=anna.email),
    ]
    return anna, views


@pytest.mark.django_db
def test_an_access_request_never_searches_rows_linked_to_no_person(visited):
    anna, _ = visited
    with CaptureQueriesContext(connection) as queries:
        report = subjects.collect(user=anna, email=anna.email, now=NOW)
    assert not any("jobs_adview" in q["sql"] or "jobs_contactview" in q["sql"] for q in queries)
    categories = {c["category"] for c in report["categories"]}
    assert not categories & {"Ads you viewed", "Contact details you revealed"}


@pytest.mark.django_db
def test_an_erasure_never_searches_rows_linked_to_no_person(visited):
    anna, _ = visited
    report = subjects.erase(user=anna, email=anna.email, by=None, now=NOW)
    assert AdView.objects.count() == ContactView.objects.count() == 1
    reported = {e["category"] for outcome in report.values() for e in outcome}
    assert not reported & {"Ads you viewed", "Contact details you revealed"}


@pytest.mark.django_db
def test_a_hold_on_a_person_never_holds_rows_linked_to_no_person_but_a_record_hold_does(visited):
    from privacy.enforcement import enforce

    anna, (kept, gone) = visited
    holds.place_hold(email=anna.email, reason="Tvist", by=None, now=NOW)
    holds.place_hold(record=kept, reason="Tvist om statistik", by=None, now=NOW)
    a_year_later = timezone.localdate(NOW).replace(year=2027)
    run = enforce(as_of=a_year_later, now=NOW, trigger="test", rule="visitors.tracking")
    assert run.counts["visitors.tracking"]["held"] == 1
    assert AdView.objects.filter(pk=kept.pk).exists()
    assert not ContactView.objects.filter(pk=gone.pk).exists()


@pytest.mark.django_db
def test_the_notice_says_which_categories_are_linked_to_no_person(client):
    page = client.get("/en/privacy/").text
    row = page.split("Ads you viewed")[1].split("</tr>")[0]
    assert "Not linked to you" in row
    applications = page.split("Documents attached to applications")[1].split("</tr>")[0]
    assert "Not linked to you" not in applications
