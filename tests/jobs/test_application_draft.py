"""An application written while the session ends (signed out in another tab, or expired) is
not lost: the send leads to sign-in and back to the form, where the browser tab's copy of
the draft (static/js/draft.js) fills it in again. The browser side is in
tests/e2e/test_application_draft.py."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from jobs.models import Application
from tests.factories import AdFactory, UserFactory

pytestmark = pytest.mark.django_db


def apply_url(ad):
    return reverse("jobs:apply", args=[ad.pk])


def _sign_in_query(response):
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    return location.path, {key: values[0] for key, values in parse_qs(location.query).items()}


def test_an_application_sent_after_the_session_ended_leads_to_sign_in_and_back(client, taxonomy):
    ad = AdFactory()

    response = client.post(apply_url(ad), {"message": "Hej! Jag vill gärna jobba hos er."})

    path, query = _sign_in_query(response)
    assert path == reverse("account_login")
    assert query == {"for": "apply-unsent", "next": apply_url(ad)}
    assert not Application.objects.exists()
    page = client.get(response["Location"]).text
    assert "Din ansökan har inte skickats: du hade loggats ut." in page


def test_the_sign_in_after_a_lost_session_speaks_english_under_en(client, taxonomy):
    ad = AdFactory()
    english_form = f"/en/jobs/{ad.pk}/apply/"

    response = client.post(english_form, {"message": "Hello!"})

    path, query = _sign_in_query(response)
    assert path == "/en/accounts/login/"
    assert query == {"for": "apply-unsent", "next": english_form}
    page = client.get(response["Location"]).text
    assert "Your application has not been sent: you were signed out." in page


def test_a_visitor_opening_the_form_is_told_why_to_sign_in(client, taxonomy):
    ad = AdFactory()

    path, query = _sign_in_query(client.get(apply_url(ad)))

    assert path == reverse("account_login")
    assert query == {"for": "apply", "next": apply_url(ad)}


def test_a_stale_application_form_of_a_signed_out_seeker_leads_to_sign_in_not_an_error(taxonomy):
    ad = AdFactory()
    browser = Client(enforce_csrf_checks=True)  # the token went with the session

    response = browser.post(apply_url(ad), {"message": "Hej!"})

    path, query = _sign_in_query(response)
    assert path == reverse("account_login")
    assert query == {"for": "apply-unsent", "next": apply_url(ad)}
    assert not Application.objects.exists()


def test_a_stale_application_form_of_a_signed_in_seeker_comes_back_with_a_message(taxonomy):
    ad = AdFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory())  # signed out and in again in another tab: a new token

    response = browser.post(f"/en/jobs/{ad.pk}/apply/", {"message": "Hello!"}, follow=True)

    assert response.redirect_chain == [(f"/en/jobs/{ad.pk}/apply/", 302)]
    assert "Your application has not been sent: the page had expired." in response.text
    assert not Application.objects.exists()


def test_a_stale_swedish_application_form_says_so_in_swedish(taxonomy):
    ad = AdFactory()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory())

    response = browser.post(apply_url(ad), {"message": "Hej!"}, follow=True)

    assert "Din ansökan har inte skickats: sidan hade hunnit bli för gammal." in response.text


def test_other_stale_forms_still_get_the_expired_form_page():
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory())

    response = browser.post(reverse("jobs:my_applications"))

    assert response.status_code == 403
    assert "Formuläret är för gammalt" in response.text


def _draft_owner(page):
    return re.search(r'data-draft-owner="([0-9a-f]+)"', page)[1]


def test_the_form_names_its_draft_by_ad_and_an_opaque_tag_of_its_writer(client, taxonomy):
    ad = AdFactory()
    seeker = UserFactory(email="asa.oberg@example.se")
    other = UserFactory()
    client.force_login(seeker)

    page = client.get(apply_url(ad)).text
    again = client.get(apply_url(ad)).text
    client.force_login(other)
    others = client.get(apply_url(ad)).text

    assert f'data-draft="apply-{ad.pk}"' in page
    assert "js/draft.js" in page
    assert _draft_owner(page) == _draft_owner(again) != _draft_owner(others)
    assert str(seeker.pk) != _draft_owner(page)
    assert "asa" not in _draft_owner(page)


def test_the_page_after_sending_clears_the_draft(client, taxonomy):
    ad = AdFactory()
    client.force_login(UserFactory())

    response = client.post(apply_url(ad), {"message": "Hej!"}, follow=True)

    assert f'data-draft-sent="apply-{ad.pk}"' in response.text
    assert "js/draft.js" in response.text


@pytest.mark.parametrize("language", ["sv", "en"])
def test_signing_out_on_the_sign_out_page_drops_the_drafts_as_the_headers_button_does(
    client, language
):
    """The header's button carried the mark that drops the tab's drafts, but the sign-out
    page (allauth's, reached from a link or a bookmark) did not: a draft outlived it."""
    client.force_login(UserFactory())
    with translation.override(language):
        url = reverse("account_logout")

    page = client.get(url).text

    [form] = [f for f in re.findall(r"<form [^>]*>", page) if "auth-form" in f]  # the page's
    assert f'action="{url}"' in form and "data-draft-end" in form
    other = client.get(reverse("account_change_password")).text
    assert "data-draft-end" not in "".join(
        f for f in re.findall(r"<form [^>]*>", other) if "auth-form" in f
    )
