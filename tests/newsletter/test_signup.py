"""Double opt-in: nothing but the confirmation goes before the link is used; the link works
once, for 24 hours; the ledger keeps the wording shown, the time, how and a truncated IP."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from newsletter.models import Subscriber
from newsletter.services import subscriptions
from privacy import consent
from privacy.models import ConsentRecord
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _link(message) -> str:
    return re.search(r"https?://\S+/nyhetsbrev/bekrafta/\S+/", message.body).group(0)


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_signing_up_sends_only_a_confirmation_and_gives_no_consent(client, post, frozen_now):
    response = post(
        reverse("newsletter:signup"),
        {"newsletter-email": "Ny@Example.se", "newsletter-source": "footer"},
        REMOTE_ADDR="203.0.113.77",
    )

    assert response.status_code == 302
    assert response.url == reverse("newsletter:check_inbox")
    subscriber = Subscriber.objects.get(email="ny@example.se")
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.source == "footer"
    assert str(subscriber.signup_ip) == "203.0.113.0"
    assert not consent.has_consent(purpose="newsletter", email="ny@example.se")
    assert len(mail.outbox) == 1
    assert "/nyhetsbrev/bekrafta/" in mail.outbox[0].body


def test_the_link_confirms_once_and_the_ledger_holds_the_wording_shown(client, post, frozen_now):
    post(
        reverse("newsletter:signup"),
        {"newsletter-email": "ny@example.se", "newsletter-tracking": "on"},
    )
    path = _path(_link(mail.outbox[0]))

    assert client.get(path).status_code == 200  # a button: link scanners confirm nothing
    assert not consent.has_consent(purpose="newsletter", email="ny@example.se")
    response = post(path)

    assert response.status_code == 200
    record = ConsentRecord.objects.get(email="ny@example.se", purpose="newsletter")
    assert record.wording.text == subscriptions.signup_wording(tracking=True)
    assert record.wording.version >= 1
    assert record.given_at == frozen_now
    assert record.method == consent.ConsentMethod.EMAIL_CONFIRMATION
    assert str(record.ip_address) == "127.0.0.0"
    assert Subscriber.objects.get(email="ny@example.se").tracking is True
    assert "List-Unsubscribe" in mail.outbox[-1].extra_headers  # the welcome mail

    again = post(path)
    assert again.status_code == 200  # opened again after it worked: nothing is wrong
    assert "Du prenumererar redan" in again.text and "Anmäl dig igen" not in again.text
    assert "Du prenumererar redan" in client.get(path).text
    assert ConsentRecord.objects.filter(email="ny@example.se").count() == 1


def test_a_used_link_of_an_address_that_unsubscribed_since_says_used(client, post, frozen_now):
    post(reverse("newsletter:signup"), {"newsletter-email": "ny@example.se"})
    path = _path(_link(mail.outbox[0]))
    post(path)
    subscriptions.unsubscribe(
        subscriber=Subscriber.objects.get(email="ny@example.se"), method="form", now=frozen_now
    )
    again = client.get(path)
    assert again.status_code == 400 and "redan använts" in again.text


def test_a_link_older_than_24_hours_is_refused(client, post, time_machine, frozen_now):
    post(reverse("newsletter:signup"), {"newsletter-email": "sen@example.se"})
    path = _path(_link(mail.outbox[0]))

    time_machine.move_to(frozen_now + dt.timedelta(hours=24, seconds=1), tick=False)
    response = post(path)

    assert response.status_code == 400
    assert not consent.has_consent(purpose="newsletter", email="sen@example.se")


def test_a_link_just_inside_24_hours_still_confirms(client, post, time_machine, frozen_now):
    post(reverse("newsletter:signup"), {"newsletter-email": "snabb@example.se"})
    path = _path(_link(mail.outbox[0]))

    time_machine.move_to(frozen_now + dt.timedelta(hours=24), tick=False)
    assert post(path).status_code == 200
    assert consent.has_consent(purpose="newsletter", email="snabb@example.se")


def test_a_new_sign_up_replaces_the_older_link(client, post, frozen_now):
    post(reverse("newsletter:signup"), {"newsletter-email": "tva@example.se"})
    post(reverse("newsletter:signup"), {"newsletter-email": "tva@example.se"})
    first, second = (_path(_link(m)) for m in mail.outbox)

    assert post(first).status_code == 400
    assert post(second).status_code == 200


def test_a_forged_link_is_refused_in_the_visitors_language(client, post):
    response = client.get("/en/newsletter/confirm/nonsense/")
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_the_form_answers_the_same_for_a_subscribed_address(client, post, frozen_now):
    from tests.newsletter.conftest import subscriber

    subscriber("finns@example.se")
    response = post(reverse("newsletter:signup"), {"newsletter-email": "finns@example.se"})
    assert response.url == reverse("newsletter:check_inbox")
    assert mail.outbox == []


def test_bad_input_is_a_clear_message_not_an_error(client, post):
    response = post(reverse("newsletter:signup"), {"newsletter-email": "inte-en-adress"})
    assert response.status_code == 400
    assert "giltig" in response.content.decode()
    assert Subscriber.objects.count() == 0


def test_the_form_is_never_pre_ticked(client, post):
    html = client.get(reverse("newsletter:signup")).content.decode()
    assert "checked" not in html
    assert subscriptions.signup_wording() in html


def test_the_footer_has_the_sign_up_form_with_its_wording(client, post, taxonomy):
    html = client.get("/").content.decode()
    assert 'name="newsletter-source" value="footer"' in html
    assert subscriptions.signup_wording() in html


def test_a_signed_in_user_with_a_verified_address_subscribes_in_one_step(client, post, frozen_now):
    user = UserFactory()
    client.force_login(user)

    response = post(reverse("newsletter:subscribe_me"))

    assert response.status_code == 302
    assert consent.has_consent(purpose="newsletter", email=user.email)
    record = ConsentRecord.objects.get(email=user.email)
    assert record.method == consent.ConsentMethod.ACCOUNT_SETTINGS
    assert record.user == user
    assert Subscriber.objects.get(email=user.email).source == "my_data"


def test_a_signed_in_user_without_a_verified_address_confirms_by_mail(client, post, frozen_now):
    user = UserFactory(verified=False)
    client.force_login(user)

    post(reverse("newsletter:subscribe_me"))

    assert not consent.has_consent(purpose="newsletter", email=user.email)
    assert "/nyhetsbrev/bekrafta/" in mail.outbox[0].body


def test_subscribe_me_refuses_anonymous_visitors(client, post):
    response = post(reverse("newsletter:subscribe_me"))
    assert response.status_code == 302
    assert "/konto/logga-in/" in response.url
    assert Subscriber.objects.count() == 0


def test_sign_ups_are_rate_limited(client, post, settings, stopped_now):  # one minute's window
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "newsletter_signup": {"user": "2/m", "client": "2/m"},
    }
    for n in range(2):
        post(reverse("newsletter:signup"), {"newsletter-email": f"n{n}@example.se"})
    response = post(reverse("newsletter:signup"), {"newsletter-email": "n3@example.se"})
    assert response.status_code == 429
    assert Subscriber.objects.count() == 2


@pytest.mark.parametrize(
    ("ip", "truncated"),
    [
        ("198.51.100.200", "198.51.100.0"),
        ("2001:db8:abcd:12:1:2:3:4", "2001:db8:abcd::"),
        ("nonsense", None),
        (None, None),
    ],
)
def test_only_the_network_of_the_address_is_kept(ip, truncated):
    assert subscriptions.truncate_ip(ip) == truncated


def test_my_data_offers_the_newsletter_in_one_step_and_then_its_unsubscribe_button(
    client, post, frozen_now
):
    user = UserFactory()
    client.force_login(user)
    html = client.get(reverse("accounts:my_data")).content.decode()
    assert reverse("newsletter:subscribe_me") in html
    assert "checked" not in html.split("my-data-newsletter", 1)[1]

    response = post(reverse("newsletter:subscribe_me"), {"tracking": "on"})

    assert response.url == reverse("accounts:my_data")
    assert Subscriber.objects.get(email=user.email).tracking is True
    html = client.get(reverse("accounts:my_data")).content.decode()
    assert reverse("newsletter:unsubscribe_me") in html


def test_the_recorded_wording_is_the_one_shown_and_promises_no_link_when_none_is_sent(
    client, post, frozen_now
):
    user = UserFactory()
    client.force_login(user)
    shown = client.get(reverse("newsletter:signup")).content.decode()
    post(reverse("newsletter:subscribe_me"))
    wording = ConsentRecord.objects.get(email=user.email).wording.text
    assert wording in shown and "länk som skickas" not in wording


@pytest.mark.parametrize("page", ["accounts:my_data", "newsletter:signup"])
def test_a_signed_in_subscriber_unsubscribes_as_easily_as_they_subscribed(
    client, post, frozen_now, page
):
    user = UserFactory()
    client.force_login(user)
    post(reverse("newsletter:subscribe_me"))
    html = client.get(reverse(page)).content.decode()
    assert reverse("newsletter:unsubscribe_me") in html

    response = post(reverse("newsletter:unsubscribe_me"), {"next": reverse(page)})

    assert response.status_code == 302 and response.url == reverse(page)
    assert Subscriber.objects.get(email=user.email).status == Subscriber.Status.UNSUBSCRIBED
    assert not consent.has_consent(purpose="newsletter", email=user.email)
    withdrawal = ConsentRecord.objects.get(email=user.email)
    assert withdrawal.withdrawal_method == consent.ConsentMethod.ACCOUNT_SETTINGS
    assert "Du får inte längre nyhetsbrevet." in client.get(reverse(page)).content.decode()


def test_unsubscribing_me_touches_only_my_own_address_and_needs_a_post(client, post):
    other = UserFactory()
    subscriptions.request_subscription(
        email=other.email,
        source="page",
        tracking=False,
        ip=None,
        now=dt.datetime.now(dt.UTC),
        by=other,
    )
    client.force_login(UserFactory())
    assert client.get(reverse("newsletter:unsubscribe_me")).status_code == 405
    post(reverse("newsletter:unsubscribe_me"), {"next": "https://evil.example/"})
    assert Subscriber.objects.get(email=other.email).status == Subscriber.Status.ACTIVE
    client.logout()
    assert "/konto/logga-in/" in post(reverse("newsletter:unsubscribe_me")).url


def test_a_suppressed_address_subscribes_again_by_confirming_and_then_gets_the_newsletter(
    client, post, frozen_now
):
    consent.suppress(email="tillbaka@example.se")  # she unsubscribed long ago; the proof is gone
    post(reverse("newsletter:signup"), {"newsletter-email": "tillbaka@example.se"})
    assert consent.is_suppressed("tillbaka@example.se")  # typing an address lifts nothing

    [confirmation] = mail.outbox  # asked for a moment ago: an account mail, it goes
    post(_path(_link(confirmation)))

    assert not consent.is_suppressed("tillbaka@example.se")  # her new consent lifted it
    assert consent.has_consent(purpose="newsletter", email="tillbaka@example.se")
    assert mail.outbox[-1].to == ["tillbaka@example.se"]  # the welcome
