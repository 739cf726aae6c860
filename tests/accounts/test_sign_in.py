"""Sign-up, verification, sign-in, password reset and rate limits, on allauth, in our look."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse, translate_url

from accounts.models import User
from tests.factories.accounts import UserFactory
from tests.factories.companies import MembershipFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def sign_up(client, email="ny.person@example.se", password="Sommar-i-Åre-2026", again=None):  # noqa: S107
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": password, "password2": again or password},
    )


def test_signing_up_sends_a_verification_link_and_verifying_signs_in(client):
    response = sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(email="ny.person@example.se")
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session
    link = re.search(r"https?://\S+/konto/bekrafta-e-post/\S+/", mail.outbox[0].body)[0]
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200
    response = client.post("/" + path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert int(client.session["_auth_user_id"]) == user.pk


def test_an_unverified_account_cannot_sign_in(client):
    sign_up(client)
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "ny.person@example.se", "password": "Sommar-i-Åre-2026"}
    )
    assert response.status_code == 302
    assert reverse("account_email_verification_sent") in response["Location"]
    assert "_auth_user_id" not in client.session


def test_a_duplicate_email_is_refused_and_nothing_is_created(client):
    UserFactory(email="anna@example.se")
    mail.outbox.clear()
    response = sign_up(client, email="Anna@Example.se")
    # allauth does not reveal that the address exists: it mails the owner instead.
    assert User.objects.filter(email__iexact="anna@example.se").count() == 1
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)


def test_a_duplicate_email_is_named_when_enumeration_prevention_is_off(client, settings):
    settings.ACCOUNT_PREVENT_ENUMERATION = False
    UserFactory(email="anna@example.se")
    response = sign_up(client, email="anna@example.se")
    assert response.status_code == 200
    assert "En användare är redan registrerad med den här e-postadressen" in (
        response.content.decode()
    )
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("123", "för kort"),
        ("password123", "för vanligt"),
        ("12345678901", "enbart numeriskt"),
    ],
)
def test_a_weak_password_is_refused_with_a_reason(client, password, message):
    response = sign_up(client, password=password)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()
    assert mail.outbox == []


def test_mismatched_passwords_are_refused(client):
    response = sign_up(client, again="Annat-lösenord-2026")
    assert response.status_code == 200
    assert not User.objects.exists()


def test_sign_in_and_sign_out(client):
    user = UserFactory(email="anna@example.se")
    response = client.post(
        reverse("account_login"), {"login": "anna@example.se", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_signing_out_leads_home_in_the_language_in_use(client):
    UserFactory(email="anna@example.se")
    for language, home in (("sv", "/"), ("en", "/en/")):
        client.post(reverse("account_login"), {"login": "anna@example.se", "password": PASSWORD})
        logout = translate_url(reverse("account_logout"), language)
        assert client.post(logout)["Location"] == home


def test_repeated_failed_sign_ins_are_stopped_even_with_the_right_password(client):
    UserFactory(email="anna@example.se")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "anna@example.se", "password": "fel"})
    response = client.post(
        reverse("account_login"), {"login": "anna@example.se", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_link_and_is_rate_limited(client):
    user = UserFactory(email="anna@example.se")
    url = reverse("account_reset_password")
    assert client.post(url, {"email": "anna@example.se"}).status_code == 302
    link = re.search(r"https?://\S+/konto/losenord/aterstall/nyckel/\S+/", mail.outbox[0].body)[0]
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    response = client.get(path, follow=True)
    assert 'class="form-card auth-form"' in response.content.decode()
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    response = client.post(
        form_url, {"password1": "Nytt-lösenord-2026", "password2": "Nytt-lösenord-2026"}
    )
    assert response.status_code == 302
    done = client.get(response["Location"]).content.decode()
    assert 'class="site-header"' in done
    assert "Ditt nya lösenord är sparat" in done
    assert f'href="{reverse("account_login")}"' in done  # the way on, not a dead end
    user.refresh_from_db()
    assert user.check_password("Nytt-lösenord-2026")
    # The owner hears of it, so that a reset they did not make does not go unnoticed.
    [notice] = [m for m in mail.outbox[1:] if m.to == ["anna@example.se"]]
    assert "Ditt lösenord har återställts" in notice.body
    responses = [client.post(url, {"email": "anna@example.se"}) for _ in range(6)]
    limited = [r for r in responses if r.status_code == 429]
    assert limited
    assert "För många försök" in limited[0].content.decode()
    assert 'class="site-header"' in limited[0].content.decode()


PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
]
SIGNED_IN_PAGES = [
    "account_email",
    "account_change_password",
    "account_logout",
    "account_reauthenticate",
    "mfa_index",
]


@pytest.mark.parametrize("name", PAGES)
def test_entrance_pages_use_the_site_layout_in_swedish(client, settings, name):
    page = client.get(reverse(name)).content.decode()
    assert 'class="site-header"' in page
    assert 'class="site-footer"' in page
    assert '<html lang="sv">' in page


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_account_pages_use_the_site_layout_with_the_account_menu(client, name):
    client.force_login(UserFactory())
    page = client.get(reverse(name)).content.decode()
    assert 'class="site-header"' in page
    assert 'class="account-nav"' in page or name in ("account_logout", "account_reauthenticate")


def test_the_sign_in_page_is_in_english_under_en(client):
    page = client.get(translate_url(reverse("account_login"), "en")).content.decode()
    assert '<html lang="en">' in page
    assert "Sign In" in page
    assert 'class="form-card auth-form"' in page


def test_the_sign_in_page_is_swedish_by_default(client):
    page = client.get(reverse("account_login")).content.decode()
    assert "Logga in" in page
    assert 'class="button"' in page


def test_allauth_emails_are_signed_with_the_site_name(client, settings):
    sign_up(client)
    body = mail.outbox[0].body
    assert f"Hej från {settings.SITE_NAME}!" in body


def test_sign_in_speaks_the_sites_swedish(client):
    """allauth's own Swedish writes "Epost-adressen"; the site writes "e-post"."""
    from tests.factories import UserFactory

    UserFactory(email="anna@example.se")
    page = client.post(
        "/konto/logga-in/", {"login": "anna@example.se", "password": "fel lösenord"}
    ).content.decode()
    assert "E-postadressen och/eller lösenordet är felaktigt." in page
    assert "Epost" not in page and "epost" not in page


def test_a_used_confirmation_link_says_so_in_proper_swedish(client):
    sign_up(client)
    link = re.search(r"https?://\S+/konto/bekrafta-e-post/\S+/", mail.outbox[0].body)[0]
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    client.post(path)
    client.logout()
    again = client.get(path).content.decode()
    assert "har redan använts" in again and "e-postverification" not in again


def test_the_sign_up_page_says_what_is_kept_and_links_the_notice(client):
    page = client.get(reverse("account_signup")).content.decode()
    assert "En arbetssökandes konto raderas ett år efter senaste inloggningen" in page
    assert f'href="{reverse("privacy:notice")}"' in page.split("<main", 1)[1].split("</main>")[0]
    assert 'name="password1"' in page


def test_an_address_too_long_for_mail_is_refused_at_sign_up_not_cut_short(client):
    response = sign_up(client, email="x" * 300 + "@example.se")

    assert response.status_code == 200
    assert not User.objects.exists() and not mail.outbox
    assert response.context["form"].errors["email"] == [
        "En e-postadress har högst 254 tecken, och den här har 311. Kontrollera den."
    ]


def test_a_member_of_one_company_lands_on_its_dashboard_after_sign_in(client):
    membership = MembershipFactory(user=UserFactory(email="anna@example.se"))
    response = client.post(
        reverse("account_login"), {"login": "anna@example.se", "password": PASSWORD}
    )
    assert response["Location"] == reverse(
        "companies:dashboard", kwargs={"pk": membership.company.pk}
    )


def test_a_member_of_several_companies_is_asked_which_one_after_sign_in(client):
    user = UserFactory(email="anna@example.se")
    MembershipFactory(user=user)
    MembershipFactory(user=user)
    response = client.post(
        reverse("account_login"), {"login": "anna@example.se", "password": PASSWORD}
    )
    assert response["Location"] == reverse("companies:index")
    assert "companies/choose_company.html" in [
        t.name for t in client.get(response["Location"]).templates
    ]


def test_a_next_given_at_sign_in_wins_over_the_company_dashboard(client):
    MembershipFactory(user=UserFactory(email="anna@example.se"))
    response = client.post(
        reverse("account_login"),
        {"login": "anna@example.se", "password": PASSWORD, "next": "/mina-sidor/"},
    )
    assert response["Location"] == "/mina-sidor/"


def test_a_job_seeker_still_lands_on_the_home_page_after_sign_in(client):
    UserFactory(email="anna@example.se")
    response = client.post(
        reverse("account_login"), {"login": "anna@example.se", "password": PASSWORD}
    )
    assert response["Location"] == reverse("jobs:home")


def test_an_employer_signing_in_under_en_lands_on_the_english_dashboard(client):
    membership = MembershipFactory(user=UserFactory(email="anna@example.se"))
    response = client.post(
        translate_url(reverse("account_login"), "en"),
        {"login": "anna@example.se", "password": PASSWORD},
    )
    assert response["Location"] == f"/en/employer/{membership.company.pk}/"
