import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from tests.factories.accounts import DocumentFactory, SeekerProfileFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(staff, generate_totp_secret())
    client.force_login(staff)
    return client


def test_users_are_found_by_email_and_name(admin_client):
    UserFactory(email="kalle.anka@example.se", first_name="Kalle", last_name="Anka")
    UserFactory(email="musse@example.se", first_name="Musse", last_name="Pigg")
    url = reverse("admin:accounts_user_changelist")
    assert "kalle.anka@example.se" in admin_client.get(url, {"q": "Anka"}).content.decode()
    page = admin_client.get(url, {"q": "musse@"}).content.decode()
    assert "musse@example.se" in page
    assert "kalle.anka@example.se" not in page


def test_profiles_are_found_by_email_and_name(admin_client):
    SeekerProfileFactory(user=UserFactory(email="asa@example.se", last_name="Öberg"))
    url = reverse("admin:accounts_seekerprofile_changelist")
    assert "asa@example.se" in admin_client.get(url, {"q": "Öberg"}).content.decode()


def test_the_document_list_shows_no_contents_and_no_file_links(admin_client):
    document = DocumentFactory(title="Hemligt CV", original_name="hemligt.pdf")
    page = admin_client.get(reverse("admin:accounts_document_changelist")).content.decode()
    assert document.owner.email in page
    assert document.file.name not in page
    assert "hemligt.pdf" not in page
    assert reverse("accounts:document_download", args=[document.pk]) not in page


def test_the_document_page_links_only_to_the_permission_checked_download(admin_client, settings):
    document = DocumentFactory()
    page = admin_client.get(reverse("admin:accounts_document_change", args=[document.pk]))
    content = page.content.decode()
    assert reverse("accounts:document_download", args=[document.pk]) in content
    assert settings.MEDIA_URL not in content


def test_admin_speaks_swedish_with_the_sites_name_and_one_section_per_concern(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()

    assert "WorkWithUs.se: administration" in page
    assert "Django" not in page
    for english in ("Cookie Groups", "Periodic", "Authenticators", "Epost-adress"):
        assert english not in page
    assert page.count(">Konton<") + page.count(">KONTON<") <= 1
    assert "Användare och arbetssökande" in page
    assert "E-postadresser" in page


def test_a_person_is_named_by_name_or_email_never_user_number():
    from accounts.models import user_display

    assert user_display(UserFactory(first_name="Åsa", last_name="Öberg")) == "Åsa Öberg"
    nameless = UserFactory(first_name="", last_name="", email="ny@example.se")
    assert user_display(nameless) == "ny@example.se"


def test_the_sign_in_message_names_the_person(client):
    user = UserFactory(first_name="Åsa", last_name="Öberg")

    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "correct horse battery staple"},
        follow=True,
    )

    shown = [str(m) for m in response.context["messages"]]
    assert any("Åsa Öberg" in m for m in shown), shown
    assert not any("User #" in m for m in shown)
