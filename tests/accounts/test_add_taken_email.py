"""A signed-in person adds, on their e-mail page, an address that is another account's: they
see what they would see for any new address (no account enumeration), and the owner gets a
true notice with nothing to click, not a link that would confirm the address for someone
else's account."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # the factory's


def _signed_in(client):
    bertil = UserFactory(email="bertil@example.se")
    response = client.post(reverse("account_login"), {"login": bertil.email, "password": PASSWORD})
    assert response.status_code == 302
    client.get(reverse("account_email"))  # the sign-in's own message is read
    mail.outbox.clear()
    return bertil


def _add(client, address):
    return client.post(reverse("account_email"), {"action_add": "", "email": address}, follow=True)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_adding_another_accounts_address_looks_like_adding_a_new_one(client):
    UserFactory(email="anna@example.se")
    _signed_in(client)

    taken = _add(client, "Anna@Example.se")
    fresh = _add(client, "ny@example.se")

    assert taken.status_code == fresh.status_code == 200
    said_taken, said_fresh = _messages(taken), _messages(fresh)
    assert said_taken == [m.replace("ny@example.se", "anna@example.se") for m in said_fresh]
    assert "redan" not in taken.content.decode()


def test_the_owner_gets_a_true_notice_without_a_link(client):
    anna = UserFactory(email="anna@example.se")
    bertil = _signed_in(client)

    _add(client, "anna@example.se")

    [notice] = mail.outbox
    assert notice.to == ["anna@example.se"]
    assert notice.subject.endswith("Någon försökte lägga till din e-postadress i ett annat konto")
    assert "försökte lägga till din e-postadress" in notice.body
    assert "Du behöver inte göra något" in notice.body
    assert "bekrafta-e-post" not in notice.body and "confirm-email" not in notice.body
    assert bertil.first_name not in notice.body and bertil.email not in notice.body
    # Nothing of hers changed, and nothing can be confirmed for his account.
    assert EmailAddress.objects.get(email="anna@example.se", user=anna).verified
    assert not EmailAddress.objects.filter(user=bertil, email="anna@example.se", verified=True)


def test_a_new_address_still_gets_its_confirmation_link(client):
    _signed_in(client)

    _add(client, "ny@example.se")

    [confirmation] = mail.outbox
    assert confirmation.to == ["ny@example.se"]
    assert "/bekrafta-e-post/" in confirmation.body
