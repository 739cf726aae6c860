import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories.accounts import DocumentFactory, UserFactory
from tests.factories.companies import MembershipFactory

from .conftest import docx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(seeker):
    return DocumentFactory(owner=seeker, title="Åsas CV", original_name="åsa cv.pdf")


def url(document):
    return reverse("accounts:document_download", args=[document.pk])


def test_the_owner_gets_the_file_as_an_attachment(seeker_client, document):
    response = seeker_client.get(url(document))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Asas CV.pdf\"; filename*=UTF-8''%C3%85sas%20CV.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_docx_goes_out_with_its_own_content_type(seeker_client, seeker):
    from django.core.files.base import ContentFile

    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    document = DocumentFactory(
        owner=seeker,
        title="Brev",
        content_type=docx,
        file=ContentFile(docx_bytes(), name="brev.docx"),
    )
    response = seeker_client.get(url(document))
    assert response["Content-Type"] == docx
    assert "filename*=UTF-8''Brev.docx" in response["Content-Disposition"]


def test_another_user_gets_404(client, document):
    client.force_login(UserFactory())
    assert client.get(url(document)).status_code == 404


def test_an_anonymous_visitor_gets_404(client, document):
    assert client.get(url(document)).status_code == 404


def test_a_company_member_without_an_application_gets_404(client, document):
    member = MembershipFactory().user
    client.force_login(member)
    assert client.get(url(document)).status_code == 404


def test_staff_without_the_permission_get_404(client, document):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url(document)).status_code == 404


def staff_with_view_permission():
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(
        Permission.objects.get(codename="view_document", content_type__app_label="accounts")
    )
    return staff


def test_staff_with_the_view_permission_and_a_second_factor_get_the_file(client, document):
    staff = staff_with_view_permission()
    TOTP.activate(staff, generate_totp_secret())
    client.force_login(staff)
    assert client.get(url(document)).status_code == 200


def test_staff_with_the_permission_but_no_second_factor_get_404(client, document):
    client.force_login(staff_with_view_permission())
    assert client.get(url(document)).status_code == 404


def test_a_missing_document_is_404_like_a_forbidden_one(seeker_client):
    assert (
        seeker_client.get(reverse("accounts:document_download", args=[999999])).status_code == 404
    )


def test_the_stored_file_is_not_reachable_under_the_media_url(seeker_client, settings, document):
    assert seeker_client.get(settings.MEDIA_URL + document.file.name).status_code == 404
