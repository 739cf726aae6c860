"""The read-only API of open ads: what it gives, what it never gives, and how it refuses."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobs.models import Ad, ApplyMethod
from privacy import restrictions
from taxonomy.models import County, Municipality
from tests.factories import AdFactory, UserFactory
from tests.factories.accounts import staff_user
from tests.factories.companies import MembershipFactory
from tests.factories.jobs import ClosedAdFactory

pytestmark = pytest.mark.django_db

CONTACT = ("Karin Lind", "karin.lind@foretaget.se", "070-123 45 67", "0701234567")


@pytest.fixture
def ad(taxonomy):
    return AdFactory(
        title="Kock & kallskänka",
        description="Vi söker en **kock**.",
        company__name="Restaurang Ankan AB",
        apply_method=ApplyMethod.EMAIL,
        apply_email="jobb@ankan.se",
    )


def test_a_search_gives_open_ads_with_their_codes_in_swedish(client, ad):
    ClosedAdFactory(title="Stängd")
    AdFactory(title="Utkast", status=Ad.Status.DRAFT, published_at=None, ends_at=None)
    response = client.get("/api/v1/ads/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert (data["count"], data["count_capped"], data["page"], data["pages"]) == (1, False, 1, 1)
    assert data["next"] is None and data["previous"] is None
    (found,) = data["results"]
    municipality = ad.municipality
    assert found["id"] == ad.pk and found["title"] == "Kock & kallskänka"
    assert found["url"].endswith(ad.get_absolute_url())
    assert found["company"] == {"name": "Restaurang Ankan AB"}
    assert found["municipality"] == {
        "name": municipality.name,
        "code": municipality.code,
        "concept_id": municipality.concept_id,
    }
    assert found["county"]["code"] == municipality.county.code
    assert found["occupation"]["group"]["ssyk"] == ad.occupation.group.code
    assert found["employment_type"] == {"code": "permanent", "label": "Tillsvidareanställning"}
    assert found["salary"]["min"] == 40000 and found["salary"]["period"]["code"] == "month"
    assert found["last_application_date"] == ad.last_application_date.isoformat()
    assert "description" not in found  # a result is a summary


def test_english_labels_with_lang_en(client, ad):
    (found,) = client.get("/api/v1/ads/?lang=en").json()["results"]
    assert found["employment_type"]["label"] == "Permanent"
    assert found["url"].endswith(f"/en/jobs/{ad.pk}/{ad.slug}/")


def test_one_ad_whole_and_how_to_apply(client, ad):
    data = client.get(f"/api/v1/ads/{ad.pk}/").json()
    assert data["description"] == "Vi söker en **kock**."
    assert "<strong>kock</strong>" in data["description_html"]
    assert data["apply"]["method"]["code"] == "email"
    assert data["apply"]["url"].endswith(ad.get_absolute_url())  # the page, not the address


@pytest.mark.parametrize(
    "who", ["anonymous", "seeker", "member", "staff"], ids=lambda who: f"as-{who}"
)
def test_no_contact_person_and_no_application_address_for_anyone(client, ad, who):
    users = {
        "seeker": UserFactory,
        "member": lambda: MembershipFactory(company=ad.company).user,
        "staff": lambda: staff_user(is_superuser=True),
    }
    if who in users:
        client.force_login(users[who]())
    for url in (f"/api/v1/ads/{ad.pk}/", "/api/v1/ads/", "/api/v1/ads/?lang=en"):
        text = client.get(url).content.decode()
        assert not [value for value in (*CONTACT, "jobb@ankan.se") if value in text], url


def test_a_restricted_company_is_not_named(client, ad):
    restrictions.restrict(email=ad.company.email, reason="Art. 18", by=None, now=timezone.now())
    assert client.get(f"/api/v1/ads/{ad.pk}/").json()["company"] is None
    (found,) = client.get("/api/v1/ads/").json()["results"]
    assert found["company"] is None
    assert "Restaurang Ankan" not in client.get("/api/v1/ads/").content.decode()


def test_an_ended_ad_is_gone_and_one_not_out_is_not_found(client, taxonomy):
    ended = ClosedAdFactory()
    response = client.get(f"/api/v1/ads/{ended.pk}/")
    assert response.status_code == 410
    assert response.json() == {
        "error": {"message": "Annonsen är inte längre öppen.", "id": ended.pk}
    }
    later = AdFactory(published_at=timezone.now() + dt.timedelta(days=2))
    draft = AdFactory(status=Ad.Status.DRAFT, published_at=None, ends_at=None)
    for pk in (later.pk, draft.pk, 999_999, 99_999_999_999_999_999_999):
        response = client.get(f"/api/v1/ads/{pk}/")
        assert response.status_code == 404 and "error" in response.json()


def test_the_search_parameters_filter_as_on_the_site(client, taxonomy):
    county = County.objects.order_by("pk").first()
    inside = Municipality.objects.filter(county=county).first()
    outside = Municipality.objects.exclude(county=county).first()
    near = AdFactory(municipality=inside, title="Snickare i länet")
    AdFactory(municipality=outside, title="Snickare utanför")
    AdFactory(municipality=inside, title="Bagare i länet")
    data = client.get(f"/api/v1/ads/?county={county.slug}&q=snickare").json()
    assert [found["id"] for found in data["results"]] == [near.pk]


def test_bad_parameters_get_a_message_each_not_a_500(client, taxonomy):
    response = client.get("/api/v1/ads/?county=atlantis&employment_type=x&page=abc")
    assert response.status_code == 400
    error = response.json()["error"]
    assert set(error["fields"]) == {"county", "employment_type", "page"}
    assert error["message"] == "Några parametrar är inte giltiga."
    english = client.get("/api/v1/ads/?page=0&lang=en").json()["error"]
    assert english["fields"]["page"] == ["A page is a number from 1 to 500."]
    assert client.get("/api/v1/ads/?lang=xx").status_code == 400
    assert client.get("/api/v1/ads/?page=99999999999999999999999").status_code == 400
    assert client.get("/api/v1/ads/?q=" + "ä" * 5000).status_code == 200
    assert client.post("/api/v1/ads/").status_code == 405


def test_pages_link_to_each_other_with_the_same_search(client, taxonomy):
    AdFactory.create_batch(21, title="Lagerarbetare")
    first = client.get("/api/v1/ads/?q=lagerarbetare").json()
    assert (first["count"], first["pages"], len(first["results"])) == (21, 2, 20)
    assert first["next"] == "http://testserver/api/v1/ads/?q=lagerarbetare&page=2"
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["previous"].endswith("page=1")
    ids = [found["id"] for found in first["results"] + second["results"]]
    assert len(set(ids)) == 21


def test_a_shared_cache_may_keep_it_for_a_visitor_but_not_for_a_signed_in_person(client, ad):
    response = client.get("/api/v1/ads/")
    assert "public" in response["Cache-Control"] and not response.cookies
    client.force_login(UserFactory())
    assert "private" in client.get("/api/v1/ads/")["Cache-Control"]


def test_queries_do_not_grow_with_the_number_of_results(client, taxonomy):
    AdFactory.create_batch(3)
    client.get("/api/v1/ads/")  # the taxonomy and the code's first-call costs
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/ads/?sort=newest")
    AdFactory.create_batch(20)
    with CaptureQueriesContext(connection) as many:
        client.get("/api/v1/ads/?sort=newest&lang=en")
    assert len(many) == len(few) <= 4


def test_readers_are_rate_limited(client, ad, settings, stopped_now):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": {"user": "2/m", "client": "2/m"}}
    assert client.get("/api/v1/ads/").status_code == 200
    assert client.get(f"/api/v1/ads/{ad.pk}/").status_code == 200
    response = client.get("/api/v1/ads/")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "error" in response.json()
