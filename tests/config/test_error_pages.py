"""With DEBUG off every error is the site's own page, in the site's layout and language,
and says what to do next."""

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.config.error_urls"


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def _in_layout(response):
    page = response.content.decode()
    assert 'class="site-header"' in page and 'class="site-footer"' in page
    return page


def test_a_missing_page_is_the_sites_404_in_swedish_with_a_search(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):  # scanners ask for thousands
        response = client.get("/finns-inte/")

    assert response.status_code == 404
    page = _in_layout(response)
    assert '<html lang="sv">' in page
    assert "Vi hittar inte sidan" in page
    assert 'action="/jobb/"' in page  # search instead
    assert 'href="/"' in page
    assert "Not Found" not in page


def test_a_missing_page_under_en_is_in_english(client):
    page = _in_layout(client.get("/en/no-such-page/"))
    assert '<html lang="en">' in page
    assert "We cannot find that page" in page
    assert 'action="/en/jobs/"' in page


def test_a_forbidden_page_tells_how_to_get_access(client):
    response = client.get("/test-errors/403/")

    assert response.status_code == 403
    page = _in_layout(response)
    assert "Du har inte tillgång till det här" in page
    assert "/konto/logga-in/?next=/test-errors/403/" in page


def test_a_forbidden_page_in_english_for_a_signed_in_user(client):
    client.force_login(UserFactory())
    page = _in_layout(client.get("/en/test-errors/403/"))
    assert "You do not have access to this" in page
    assert 'href="/en/my-pages/"' in page


def test_a_stale_form_gets_the_sites_csrf_page_with_a_way_back(client):
    strict = Client(enforce_csrf_checks=True)

    response = strict.post("/en/jobs/999/contact/")
    swedish = strict.post("/jobb/999/kontakt/")

    assert response.status_code == swedish.status_code == 403
    page = _in_layout(response)
    assert "The form has expired" in page
    assert 'href="/en/jobs/999/contact/"' in page  # open the form again
    assert "CSRF" not in page
    assert "Formuläret är för gammalt" in _in_layout(swedish)


def test_a_bad_request_is_the_sites_400(client):
    response = client.get("/test-errors/400/")

    assert response.status_code == 400
    assert "Vi kunde inte förstå förfrågan" in _in_layout(response)
    english = client.get("/en/test-errors/400/")
    assert "We could not understand the request" in _in_layout(english)


def test_a_forged_host_gets_the_sites_400(client):
    response = client.get("/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert "Vi kunde inte förstå förfrågan" in _in_layout(response)


def test_a_server_error_is_the_sites_500_without_a_database_query(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/test-errors/500/")

    assert response.status_code == 500
    page = _in_layout(response)
    assert "Något gick fel hos oss" in page
    english = client.get("/en/test-errors/500/")
    assert "Something went wrong on our side" in _in_layout(english)


def test_the_500_page_answers_even_without_the_static_files_manifest(client, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }

    response = client.get("/test-errors/500/")

    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()


def test_too_many_attempts_is_the_sites_429_with_what_to_do_next(client):
    UserFactory(email="anna@example.se")
    responses = [
        client.post("/en/accounts/password/reset/", {"email": "anna@example.se"}) for _ in range(8)
    ]

    limited = [r for r in responses if r.status_code == 429]
    assert limited
    page = _in_layout(limited[0])
    assert "Wait a few minutes and try again" in page
    assert 'href="/en/accounts/password/reset/"' in page
