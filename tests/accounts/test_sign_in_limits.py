"""Failed sign-ins: slowed per client (account, address and browser together), never a lock
that a stranger can put on the owner, and the client's address read right behind a proxy."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
ATTACKER = {"REMOTE_ADDR": "203.0.113.5", "HTTP_USER_AGENT": "guesser/1.0"}
OWNER = {"REMOTE_ADDR": "198.51.100.7", "HTTP_USER_AGENT": "Mozilla/5.0 (Macintosh) Safari/605"}


@pytest.fixture
def owner(db):
    return UserFactory(email="anna@example.se")


def sign_in(client, password, email="anna@example.se", **meta):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **meta)


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/"


def test_a_strangers_wrong_passwords_never_lock_the_owner_out(client, owner):
    for _ in range(10):
        assert sign_in(client, "fel", **ATTACKER).status_code == 200
    assert signed_in(sign_in(client, PASSWORD, **OWNER))


def test_the_owner_on_another_device_at_the_same_address_is_not_held_up(client, owner):
    for _ in range(6):
        sign_in(client, "fel", REMOTE_ADDR=OWNER["REMOTE_ADDR"], HTTP_USER_AGENT="guesser/1.0")
    assert signed_in(sign_in(client, PASSWORD, **OWNER))


def test_each_failure_after_three_makes_the_same_client_wait_twice_as_long(
    client, owner, time_machine
):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    for _ in range(3):  # free: the password is checked at once each time
        response = sign_in(client, "fel", **OWNER)
        assert "Vänta" not in response.text
    sign_in(client, "fel", **OWNER)  # the fourth failure: wait 2 seconds
    refused = sign_in(client, PASSWORD, **OWNER)
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    assert "För många misslyckade inloggningsförsök härifrån. Vänta 2 sekunder" in refused.text
    time_machine.shift(2)
    sign_in(client, "fel", **OWNER)  # the fifth: 4 seconds
    time_machine.shift(3)
    assert "Vänta 1 sekund " in sign_in(client, PASSWORD, **OWNER).text
    time_machine.shift(1)
    assert signed_in(sign_in(client, PASSWORD, **OWNER))


def test_the_wait_grows_to_at_most_a_quarter_of_an_hour(client, owner, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    for _ in range(14):
        sign_in(client, "fel", **OWNER)
        time_machine.shift(1000)  # past every wait so far, under allauth's per-address limit
    sign_in(client, "fel", **OWNER)
    assert "Vänta 15 minuter" in sign_in(client, PASSWORD, **OWNER).text


def test_signing_in_clears_the_clients_count(client, owner, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False)
    for _ in range(4):
        sign_in(client, "fel", **OWNER)
    time_machine.shift(2)
    assert signed_in(sign_in(client, PASSWORD, **OWNER))
    client.post(reverse("account_logout"))
    for _ in range(3):
        sign_in(client, "fel", **OWNER)
    assert signed_in(sign_in(client, PASSWORD, **OWNER))


def test_the_refusal_is_in_english_under_en(client, owner):
    for _ in range(4):
        client.post("/en/accounts/login/", {"login": "anna@example.se", "password": "x"}, **OWNER)
    response = client.post(
        "/en/accounts/login/", {"login": "anna@example.se", "password": PASSWORD}, **OWNER
    )
    assert "Too many failed login attempts from here. Wait 2 seconds" in response.text


# --- Behind a proxy: the client's address, not the proxy's.


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    return {"REMOTE_ADDR": "10.0.0.2"}  # the proxy, for every request


def test_behind_a_proxy_one_clients_failures_do_not_block_everyone(client, owner, behind_one_proxy):
    guesser = {**behind_one_proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    for n in range(10):
        sign_in(client, "fel", email=f"person{n}@example.se", **guesser)
    assert "Försök igen senare" in sign_in(client, PASSWORD, **guesser).text  # its own limit
    someone = {**behind_one_proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert signed_in(sign_in(client, PASSWORD, **someone))


def test_the_client_is_read_that_many_entries_from_the_right(client, owner, behind_one_proxy):
    """A client may send its own X-Forwarded-For: only the entry our proxy added counts."""
    for n in range(10):
        forged = {**behind_one_proxy, "HTTP_X_FORWARDED_FOR": f"192.0.2.{n}, 203.0.113.5"}
        sign_in(client, "fel", email=f"person{n}@example.se", **forged)
    forged = {**behind_one_proxy, "HTTP_X_FORWARDED_FOR": "192.0.2.99, 203.0.113.5"}
    assert "Försök igen senare" in sign_in(client, PASSWORD, **forged).text


def test_without_a_trusted_proxy_a_forwarded_for_header_is_ignored(client, owner):
    for n in range(10):
        sign_in(client, "fel", email=f"person{n}@example.se", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    response = sign_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.200")
    assert "Försök igen senare" in response.text
