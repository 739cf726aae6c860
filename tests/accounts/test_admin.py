import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.db import connection
from django.urls import reverse

from accounts.models import User
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


def test_a_person_is_found_by_address_in_any_case_from_an_index(db):
    """Every sign-in asks for the user by address (ModelBackend's `get_by_natural_key`,
    `email__iexact`: `UPPER(email) = UPPER(%s)`), and the unique index is on LOWER(email):
    it read every user (0.23 s at 300 000). With the planner forbidden to read the table
    whole, an index must answer it."""
    anna = UserFactory(email="anna.berg@example.se")
    found = User.objects.get_by_natural_key("Anna.Berg@Example.SE")
    assert found == anna
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = User.objects.filter(
            email__iexact="ANNA.berg@example.se"
        ).query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "accounts_user_email_upper" in plan, plan


def test_staffs_search_of_people_is_what_the_trigram_indexes_answer(db):
    """Admin's `icontains` on the address and the names is the very expression each index
    holds (accounts' migration 0006). (Whether the planner uses them on a test database's
    few rows proves nothing.)"""
    if connection.vendor != "postgresql":
        pytest.skip("the trigram indexes are PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'accounts_user_%_trgm'"
        )
        definitions = dict(cursor.fetchall())
    for column in ("email", "first_name", "last_name"):
        sql = str(User.objects.filter(**{f"{column}__icontains": "x"}).values("pk").query)
        assert f'UPPER("accounts_user"."{column}"::text) LIKE UPPER(' in sql, sql
        definition = definitions[f"accounts_user_{column}_trgm"]
        assert f"USING gin (upper(({column})::text) gin_trgm_ops)" in definition, definition
