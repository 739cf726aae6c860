import datetime as dt

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from jobs.models import AdView
from privacy.models import EnforcementRun
from privacy.selectors import retention_forecast
from tests.factories import AdFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(staff, generate_totp_secret())  # staff need a second factor for admin
    client.force_login(staff)
    return client


def test_the_forecast_counts_what_each_rule_will_act_on_within_7_30_and_90_days(
    frozen_now, taxonomy
):
    ad = AdFactory()
    today = frozen_now.date()
    for days_ago in (366 - 5, 366 - 20, 366 - 60, 10):
        AdView.objects.create(
            ad=ad,
            session_hash="x" * 64,
            device_class="desktop",
            occurred_at=timezone.now() - dt.timedelta(days=days_ago),
        )
    rows = {row["rule"].name: row["counts"] for row in retention_forecast(today=today)}
    assert rows["visitors.tracking"] == [1, 2, 3]
    assert AdView.objects.count() == 4  # a forecast changes nothing


def test_staff_see_the_forecast_and_the_run_history_read_only(admin_client):
    EnforcementRun.objects.create(
        trigger="beat",
        started_at=timezone.now(),
        as_of=timezone.localdate(),
        counts={"x": {"acted": 2}},
    )
    page = admin_client.get("/en/admin/privacy/enforcementrun/forecast/")
    assert page.status_code == 200
    assert "Within 90 days" in page.text
    listing = admin_client.get("/en/admin/privacy/enforcementrun/")
    assert listing.status_code == 200
    assert admin_client.get("/en/admin/privacy/enforcementrun/add/").status_code == 403


def test_the_forecast_is_refused_to_non_staff(client):
    client.force_login(UserFactory())
    response = client.get("/en/admin/privacy/enforcementrun/forecast/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_staff_place_and_release_holds_in_admin(admin_client):
    response = admin_client.post(
        "/en/admin/privacy/legalhold/add/",
        {
            "email": "tvist@example.se",
            "content_type": "",
            "object_id": "",
            "reason": "Tvist",
            "ends_on": "",
        },
    )
    assert response.status_code == 302
    from privacy.models import LegalHold

    hold = LegalHold.objects.get()
    assert hold.created_by is not None and hold.created_at
    admin_client.post(
        "/en/admin/privacy/legalhold/", {"action": "release", "_selected_action": [hold.pk]}
    )
    hold.refresh_from_db()
    assert hold.released_at is not None


def test_a_hold_on_both_a_person_and_a_record_is_refused_with_a_message(admin_client):
    from django.contrib.contenttypes.models import ContentType

    from privacy.models import LegalHold

    ct = ContentType.objects.get_for_model(LegalHold)
    response = admin_client.post(
        "/en/admin/privacy/legalhold/add/",
        {
            "email": "tvist@example.se",
            "content_type": ct.pk,
            "object_id": "1",
            "reason": "Tvist",
            "ends_on": "",
        },
    )
    assert response.status_code == 200
    assert "either on a person" in response.text
    assert not LegalHold.objects.exists()
