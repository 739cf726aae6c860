"""Two-factor sign-in: open to everyone, and required for staff before admin."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.urls import reverse

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def staff():
    return UserFactory(email="personal@example.se", is_staff=True, is_superuser=True)


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, staff):
    client.force_login(staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    follow = client.get(reverse("admin:accounts_user_changelist"))
    assert follow.status_code == 302


def test_staff_with_an_authenticator_use_admin(client, staff):
    TOTP.activate(staff, generate_totp_secret())
    client.force_login(staff)
    assert client.get(reverse("admin:index")).status_code == 200


def test_admins_own_login_form_is_replaced_by_the_two_factor_sign_in(client):
    response = client.get(reverse("admin:login") + "?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=%2Fadmin%2F" in response["Location"]


def test_signing_in_with_an_authenticator_asks_for_the_code(client, staff):
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    assert "_auth_user_id" not in client.session
    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert 'class="site-header"' in page
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == staff.pk
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_seeker_can_turn_on_an_authenticator_app(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert 'class="site-header"' in page.content.decode()
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    for name in ("mfa_index", "mfa_view_recovery_codes", "mfa_deactivate_totp"):
        assert client.get(reverse(name)).status_code == 200, name


def test_seekers_are_not_asked_for_an_authenticator(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:overview")).status_code == 200
