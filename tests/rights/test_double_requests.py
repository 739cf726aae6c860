"""A second click on "send" makes no second request: two identical erasure requests made
two mails, and the second stayed open with its own deadline after the first was done."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from rights.models import DataRequest, Kind, Status
from rights.services import requests
from rights.services.errors import OpenRequestExists
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_second_identical_request_is_not_made_and_the_open_one_is_shown(
    frozen_now, django_capture_on_commit_callbacks
):
    anna = UserFactory(email="anna@example.se")
    client = Client()
    client.force_login(anna)
    url = reverse("rights:file_signed_in")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"kind": "erasure"})
        again = client.post(url, {"kind": "erasure"}, follow=True)

    [filed] = DataRequest.objects.all()
    assert len(mail.outbox) == 1
    page = again.content.decode()
    assert again.redirect_chain[-1][0] == reverse("accounts:my_data")
    assert "Du har redan en öppen begäran av det här slaget" in page
    assert filed.due_on.isoformat() in page


def test_another_right_or_a_closed_request_does_not_stop_a_new_request(frozen_now, handler):
    anna = UserFactory(email="anna@example.se")
    erasure = requests.file_signed_in(user=anna, kind=Kind.ERASURE, language="sv", now=frozen_now)
    requests.file_signed_in(user=anna, kind=Kind.ACCESS, language="sv", now=frozen_now)
    with pytest.raises(OpenRequestExists) as refused:
        requests.file_signed_in(user=anna, kind=Kind.ERASURE, language="sv", now=frozen_now)
    assert refused.value.request == erasure

    requests.complete_request(request=erasure, outcome="Raderat.", by=handler, now=frozen_now)
    later = frozen_now + dt.timedelta(days=1)
    again = requests.file_signed_in(user=anna, kind=Kind.ERASURE, language="sv", now=later)

    assert again.pk != erasure.pk and again.status == Status.VERIFIED
    assert DataRequest.objects.count() == 3
