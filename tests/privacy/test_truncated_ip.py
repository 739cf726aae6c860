"""Every IP address stored with a consent or a visit is truncated by one helper, the way the
notice says: IPv4 to its /24 network, IPv6 to its /48 (an IPv4 address written as IPv6 is an
IPv4 address), never the full address."""

import pytest
from django.urls import reverse

from jobs import tracking
from newsletter.services import subscriptions
from privacy import consent
from privacy.models import ConsentRecord, Purpose
from privacy.network import truncate_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("ip", "network"),
    [
        ("192.0.2.123", "192.0.2.0"),
        (" 192.0.2.123 ", "192.0.2.0"),
        ("2001:db8:1234:5678::1", "2001:db8:1234::"),
        ("::ffff:198.51.100.7", "198.51.100.0"),
        ("not an ip", None),
        ("", None),
        (None, None),
    ],
)
def test_one_helper_keeps_only_the_network(ip, network):
    assert truncate_ip(ip) == network


def test_the_newsletter_and_the_visit_log_truncate_with_the_same_helper():
    assert subscriptions.truncate_ip is truncate_ip
    assert tracking.truncate_ip is truncate_ip


def test_the_consent_ledger_never_stores_a_full_address(frozen_now):
    record = consent.give_consent(
        purpose=Purpose.NEWSLETTER,
        email="anna@example.se",
        wording="Jag vill ha nyhetsbrevet.",
        method=consent.ConsentMethod.FORM,
        ip="2001:db8:1234:5678::1",
        now=frozen_now,
    )

    record.refresh_from_db()
    assert str(record.ip_address) == "2001:db8:1234::"


def test_a_job_alert_consent_keeps_the_network_of_the_client_behind_our_proxy(
    client, settings, taxonomy
):
    settings.TRUSTED_PROXY_COUNT = 1
    user = UserFactory()
    client.force_login(user)

    client.post(
        reverse("jobs:alert_create"),
        {"q": "utvecklare", "name": "Utvecklarjobb", "consent": "on"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.77",
    )

    record = ConsentRecord.objects.get(user=user, purpose=Purpose.JOB_ALERTS)
    assert str(record.ip_address) == "203.0.113.0"


def test_the_addresses_stored_before_are_truncated_by_the_migration(frozen_now):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("privacy.migrations.0012_truncate_stored_consent_ips")
    full = consent.give_consent(
        purpose=Purpose.NEWSLETTER,
        email="anna@example.se",
        wording="Jag vill ha nyhetsbrevet.",
        method=consent.ConsentMethod.FORM,
        ip=None,
        now=frozen_now,
    )
    ConsentRecord.objects.filter(pk=full.pk).update(ip_address="203.0.113.77")

    migration.truncate(apps, None)
    migration.truncate(apps, None)  # run twice: the same

    full.refresh_from_db()
    assert str(full.ip_address) == "203.0.113.0"
