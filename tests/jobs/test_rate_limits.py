"""Applying and revealing contact details: limits per user and per client, and a reveal
counted once per visitor, ad and day (the employer's statistics count people)."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from jobs.models import Application, ContactView
from tests.factories import AdFactory, UserFactory

pytestmark = pytest.mark.django_db
ELSEWHERE = {"REMOTE_ADDR": "198.51.100.7"}


@pytest.fixture(autouse=True)
def _clock_stopped(stopped_now):
    """The limits are fixed windows of the clock's minutes: a burst that ran across a
    minute's turn would start a new window half-way and never be stopped."""


@pytest.fixture
def ads(taxonomy):
    return [AdFactory() for _ in range(12)]


def apply(client, ad, **meta):
    return client.post(reverse("jobs:apply", args=[ad.pk]), {"message": "Hej!"}, **meta)


def reveal(client, ad, **meta):
    return client.post(reverse("jobs:reveal_contact", args=[ad.pk]), **meta)


# --- Applying.


def test_a_burst_of_applications_is_stopped_with_a_clear_429(
    client, ads, django_capture_on_commit_callbacks
):
    seeker = UserFactory()
    client.force_login(seeker)
    with django_capture_on_commit_callbacks(execute=True):
        sent = [apply(client, ad).status_code for ad in ads[:7]]
    assert sent == [302] * 5 + [429] * 2
    assert Application.objects.filter(seeker=seeker).count() == 5
    assert len(mail.outbox) == 10  # two e-mails per application sent, none for the refused
    refused = apply(client, ads[7])
    assert "Du har skickat många ansökningar på kort tid. Vänta" in refused.text
    assert int(refused["Retry-After"]) <= 60


def test_the_seeker_may_apply_again_after_the_minute(frozen_now, client, ads, time_machine):
    client.force_login(UserFactory())
    assert [apply(client, ad).status_code for ad in ads[:6]][-1] == 429
    time_machine.shift(60)
    assert apply(client, ads[6]).status_code == 302


def test_the_limit_is_also_per_client_whoever_is_signed_in(client, ads):
    sent = []
    for seeker, batch in ((UserFactory(), ads[:4]), (UserFactory(), ads[4:8])):
        client.force_login(seeker)
        sent += [apply(client, ad).status_code for ad in batch]
    client.force_login(UserFactory())
    sent += [apply(client, ad).status_code for ad in ads[8:11]]
    assert sent == [302] * 10 + [429]  # the eleventh from one address in a minute
    client.force_login(UserFactory())
    assert apply(client, ads[11], **ELSEWHERE).status_code == 302


def test_the_refusal_speaks_english_under_en(client, ads):
    client.force_login(UserFactory())
    for ad in ads[:5]:
        apply(client, ad)
    response = client.post(f"/en/jobs/{ads[5].pk}/apply/", {"message": "Hi!"})
    assert response.status_code == 429
    assert "You have sent many applications in a short while. Wait" in response.text


# --- Revealing the contact person.


def test_revealing_many_contacts_quickly_is_stopped(client, ads):
    codes = [reveal(client, ad).status_code for ad in ads[:11]]
    assert codes == [302] * 10 + [429]
    assert ContactView.objects.count() == 10
    refused = reveal(client, ads[11])
    assert "Du har bett om många arbetsgivares kontaktuppgifter på kort tid" in refused.text
    assert "karin.lind@foretaget.se" not in refused.text


def test_a_signed_in_user_is_limited_on_every_address(client, ads):
    client.force_login(UserFactory())
    for n, ad in enumerate(ads[:10]):
        assert reveal(client, ad, REMOTE_ADDR=f"192.0.2.{n}").status_code == 302
    assert reveal(client, ads[10], REMOTE_ADDR="192.0.2.200").status_code == 429


def test_one_visitor_revealing_the_same_ad_again_is_counted_once_a_day(client, taxonomy):
    ad = AdFactory()
    for _ in range(5):
        assert reveal(client, ad).status_code == 302
    reveal(client, ad, **ELSEWHERE)
    assert ContactView.objects.filter(ad=ad).count() == 2  # two visitors


def test_the_same_visitor_counts_again_the_next_day(frozen_now, client, taxonomy, time_machine):
    ad = AdFactory()
    reveal(client, ad)
    reveal(client, ad)
    time_machine.shift(dt.timedelta(days=1))
    reveal(client, ad)
    assert ContactView.objects.filter(ad=ad).count() == 2


def test_behind_a_proxy_visitors_are_told_apart_by_their_own_address(client, taxonomy, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    ad = AdFactory()
    for visitor in ("203.0.113.5", "198.51.100.7", "203.0.113.5"):
        reveal(client, ad, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=visitor)
    views = ContactView.objects.filter(ad=ad)
    assert sorted(views.values_list("ip_network", flat=True)) == ["198.51.100.0", "203.0.113.0"]


def test_only_applications_that_would_be_sent_count(client, ads):
    """A form sent back with a mistake is not an application: five mistakes in a row do not
    stop the seeker from sending the corrected one."""
    client.force_login(UserFactory())
    url = reverse("jobs:apply", args=[ads[0].pk])
    for _ in range(6):
        mistake = client.post(url, {"message": "x" * 5001})
        assert mistake.status_code == 200
    assert apply(client, ads[0]).status_code == 302
    assert Application.objects.count() == 1


def test_a_refused_application_keeps_what_was_written(client, ads):
    client.force_login(UserFactory())
    for ad in ads[:5]:
        apply(client, ad)
    refused = client.post(
        reverse("jobs:apply", args=[ads[5].pk]), {"message": "Mitt brev, skrivet med omsorg."}
    )
    assert refused.status_code == 429
    assert "Mitt brev, skrivet med omsorg." in refused.text  # the form, filled in as sent
    assert "Glömt lösenordet" not in refused.text  # nothing to do with a password
    assert "Vänta" in refused.text
    assert not Application.objects.filter(ad=ads[5]).exists()
