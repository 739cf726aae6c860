"""Admin's delete goes through the registry's erasure (issue 11, defect 2): a person or a
record under a legal hold is refused with the hold named, files go after commit, each delete
leaves an audit entry; every registered model's admin is wired so (walked below)."""

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.models import Document, User
from privacy import holds, records
from privacy.admin_mixins import RegistryDeleteMixin, RegistryInlineMixin, erase_selected
from privacy.models import AuditEntry
from tests.factories.accounts import DocumentFactory, UserFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return staff_user(is_superuser=True)


@pytest.fixture
def staff_client(client, superuser):
    client.force_login(superuser)
    return client


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_no_admin_of_a_registered_model_can_delete_plainly(superuser):
    request = RequestFactory().get("/")
    request.user = superuser
    plain = []
    for model, model_admin in admin.site._registry.items():
        if records.is_declared(model) and model_admin.has_delete_permission(request):
            if not isinstance(model_admin, RegistryDeleteMixin):
                plain.append(f"{model._meta.label}: {type(model_admin).__name__}")
            elif model_admin.get_actions(request)["delete_selected"][0] is not erase_selected:
                plain.append(f"{model._meta.label}: delete_selected")
        for inline in model_admin.get_inline_instances(request):
            deletes = inline.can_delete and inline.has_delete_permission(request)
            if (
                records.is_declared(inline.model)
                and deletes
                and not isinstance(inline, RegistryInlineMixin)
            ):
                plain.append(f"{model._meta.label} inline {inline.model._meta.label}")
    assert plain == [], "admin can plain-delete registered data: " + ", ".join(plain)


def test_deleting_a_person_under_a_legal_hold_is_refused_naming_the_hold(staff_client):
    person = UserFactory(email="tvist@example.se")
    document = DocumentFactory(owner=person)
    holds.place_hold(email=person.email, reason="Tvist om lön", by=None, now=timezone.now())
    url = reverse("admin:accounts_user_delete", args=[person.pk])
    response = staff_client.post(url, {"post": "yes"}, follow=True)
    assert User.objects.filter(pk=person.pk).exists()
    assert Document.objects.filter(pk=document.pk).exists()
    assert default_storage.exists(document.file.name)
    assert any("Tvist om lön" in m for m in _messages(response))


def test_deleting_a_person_erases_them_with_their_files_after_commit_and_an_audit_entry(
    staff_client, django_capture_on_commit_callbacks
):
    person = UserFactory()
    document = DocumentFactory(owner=person)
    url = reverse("admin:accounts_user_delete", args=[person.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=person.pk).exists()
    assert not default_storage.exists(document.file.name)
    events = set(AuditEntry.objects.values_list("event", flat=True))
    assert {AuditEntry.Event.PERSON_ERASED, AuditEntry.Event.RECORDS_ERASED} <= events


def test_delete_selected_keeps_the_held_document_and_deletes_the_other(
    staff_client, django_capture_on_commit_callbacks
):
    held, free = DocumentFactory(), DocumentFactory()
    holds.place_hold(record=held, reason="Begärd av domstol", by=None, now=timezone.now())
    url = reverse("admin:accounts_document_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            url,
            {"action": "delete_selected", ACTION_CHECKBOX_NAME: [held.pk, free.pk], "post": "yes"},
            follow=True,
        )
    assert list(Document.objects.values_list("pk", flat=True)) == [held.pk]
    assert default_storage.exists(held.file.name)
    assert not default_storage.exists(free.file.name)
    assert any("Begärd av domstol" in m for m in _messages(response))


def test_delete_selected_first_asks_for_confirmation(staff_client):
    document = DocumentFactory()
    response = staff_client.post(
        reverse("admin:accounts_document_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [document.pk]},
    )
    assert response.status_code == 200
    assert Document.objects.filter(pk=document.pk).exists()


def test_staff_without_the_delete_permission_cannot_delete(client):
    client.force_login(staff_user("accounts.view_document", "accounts.change_document"))
    document = DocumentFactory()
    url = reverse("admin:accounts_document_delete", args=[document.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Document.objects.filter(pk=document.pk).exists()


def test_staff_without_a_second_factor_cannot_delete(client):
    client.force_login(staff_user("accounts.delete_document", second_factor=False))
    document = DocumentFactory()
    url = reverse("admin:accounts_document_delete", args=[document.pk])
    assert client.post(url, {"post": "yes"}).status_code in (302, 403)
    assert Document.objects.filter(pk=document.pk).exists()


def test_anonymous_cannot_delete(client):
    document = DocumentFactory()
    url = reverse("admin:accounts_document_delete", args=[document.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert Document.objects.filter(pk=document.pk).exists()


def test_an_application_whose_document_is_held_is_refused(
    staff_client, taxonomy, django_capture_on_commit_callbacks
):
    from jobs.models import Application, ApplicationDocument
    from tests.factories.jobs import ApplicationDocumentFactory

    document = ApplicationDocumentFactory()
    holds.place_hold(record=document, reason="Diskrimineringsärende", by=None, now=timezone.now())
    url = reverse("admin:jobs_application_delete", args=[document.application_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"post": "yes"}, follow=True)
    assert Application.objects.filter(pk=document.application_id).exists()
    assert ApplicationDocument.objects.filter(pk=document.pk).exists()
    assert default_storage.exists(document.file.name)
    assert _messages(response)


def test_an_order_kept_by_law_is_refused_with_the_reason(staff_client, taxonomy):
    from companies.models import Order
    from jobs.models import Ad
    from privacy import registry
    from tests.factories import AdFactory
    from tests.factories.companies import place_order

    order = place_order(ad=AdFactory(status=Ad.Status.DRAFT, published_at=None, ends_at=None))
    reason = str(registry.for_model("companies.Order")[0].keep_reason)
    url = reverse("admin:companies_order_delete", args=[order.pk])
    response = staff_client.post(url, {"post": "yes"}, follow=True)
    assert Order.objects.filter(pk=order.pk).exists()
    assert any(reason in m for m in _messages(response))


def test_a_job_alert_is_deleted_through_the_registry(staff_client):
    from jobs.models import JobAlert
    from tests.factories.jobs import JobAlertFactory

    alert = JobAlertFactory()
    response = staff_client.post(
        reverse("admin:jobs_jobalert_delete", args=[alert.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not JobAlert.objects.filter(pk=alert.pk).exists()
    assert AuditEntry.objects.filter(event=AuditEntry.Event.RECORDS_ERASED).exists()
